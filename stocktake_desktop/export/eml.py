"""The email draft beside the zip: an RFC 5322 message with the zip attached, ready to send.

``mailto:`` links cannot carry an attachment on Windows or macOS, so the export also writes
``NAME.eml``: To the programme inbox, the subject, a plain-text body listing the files and the
bundle id, and the zip as an ``application/zip`` attachment. ``X-Unsent: 1`` makes Outlook open
it as a new message ready to send (rather than as a received one); Apple Mail and Thunderbird
open it as a message too. There is no From: the mail program fills in the sender.

The message is made by Python's ``email`` package; only the attachment's base64 lines are
streamed from the zip into the file, exactly as the package would write them, so a 10 MB zip
takes a few hundredths of a second and no copies of it in memory (the package's own generator
takes over half a second and three copies).
"""

from __future__ import annotations

import base64
import contextlib
import os
import struct
from email import policy
from email.message import EmailMessage
from pathlib import Path

from stocktake_desktop import APP_NAME, __version__

#: No email system takes a bigger attachment: over this no draft is written.
ATTACHMENT_MAX = 50 * 1024 * 1024
BUNDLE_ID_HEADER = "X-Bundle-Id"  # short enough that the 64-character id is not folded


#: Bytes of the zip read at a time: a whole number of 57-byte base64 lines (76 characters).
_CHUNK = 57 * 16 * 1024
_LINE = struct.Struct("76s")  # one whole base64 line


def draft_message(
    *, to: str, subject: str, body: str, attachment_name: str, content: bytes, bundle_id: str
) -> EmailMessage:
    """The message: headers, the plain-text body, then ``content`` attached as
    ``attachment_name`` (an ``application/zip``)."""
    message = EmailMessage(policy=policy.SMTP)  # CRLF line ends, as RFC 5322 wants
    message["To"] = to
    message["Subject"] = subject
    message["X-Unsent"] = "1"
    message[BUNDLE_ID_HEADER] = bundle_id
    message["X-Mailer"] = f"{APP_NAME} {__version__}"
    message.set_content(body)
    message.add_attachment(content, maintype="application", subtype="zip", filename=attachment_name)
    return message


def write_draft(
    target: Path, *, to: str, subject: str, body: str, attachment: Path, bundle_id: str
) -> int:
    """Write the draft to ``target`` (via a temporary file, renamed when whole); its size.

    The message is made with an empty attachment and split where the attachment's content
    goes; the zip's base64 lines are streamed in there.
    """
    message = draft_message(
        to=to,
        subject=subject,
        body=body,
        attachment_name=attachment.name,
        content=b"",
        bundle_id=bundle_id,
    )
    data = message.as_bytes()
    boundary = message.get_boundary()
    assert boundary is not None
    cut = data.rindex(f"\r\n--{boundary}--".encode("ascii"))
    temp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with temp.open("xb") as stream, attachment.open("rb") as source:
            stream.write(data[:cut])
            while chunk := source.read(_CHUNK):
                stream.write(base64_lines(chunk))
            stream.write(data[cut:])
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target.stat().st_size


def base64_lines(chunk: bytes) -> bytes:
    """``chunk`` in base64, 76 characters a line, each line ended by CRLF: what
    ``base64.encodebytes`` gives with CRLF for LF, made in a few C calls rather than a Python
    loop over the lines (about twice as fast)."""
    encoded = base64.b64encode(chunk)
    whole = len(encoded) - len(encoded) % _LINE.size
    lines = [line for (line,) in _LINE.iter_unpack(memoryview(encoded)[:whole])]
    if whole < len(encoded):
        lines.append(encoded[whole:])
    lines.append(b"")  # the last line is ended too
    return b"\r\n".join(lines)
