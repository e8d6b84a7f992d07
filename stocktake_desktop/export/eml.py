"""The email draft beside the zip: an RFC 5322 message with the zip attached, ready to send.

``mailto:`` links cannot carry an attachment on Windows or macOS, so the export also writes
``NAME.eml``: To the programme inbox, the subject, a plain-text body listing the files and the
bundle id, and the zip as an ``application/zip`` attachment. ``X-Unsent: 1`` makes Outlook open
it as a new message ready to send (rather than as a received one); Apple Mail and Thunderbird
open it as a message too. There is no From: the mail program fills in the sender.
"""

from __future__ import annotations

import contextlib
import os
from email import policy
from email.message import EmailMessage
from pathlib import Path

from stocktake_desktop import APP_NAME, __version__

#: No email system takes a bigger attachment: over this no draft is written.
ATTACHMENT_MAX = 50 * 1024 * 1024
BUNDLE_ID_HEADER = "X-Bundle-Id"  # short enough that the 64-character id is not folded


def draft_message(
    *, to: str, subject: str, body: str, attachment: Path, bundle_id: str
) -> EmailMessage:
    """The message: headers, the plain-text body, then the zip attached under its own name."""
    message = EmailMessage(policy=policy.SMTP)  # CRLF line ends, as RFC 5322 wants
    message["To"] = to
    message["Subject"] = subject
    message["X-Unsent"] = "1"
    message[BUNDLE_ID_HEADER] = bundle_id
    message["X-Mailer"] = f"{APP_NAME} {__version__}"
    message.set_content(body)
    message.add_attachment(
        attachment.read_bytes(),
        maintype="application",
        subtype="zip",
        filename=attachment.name,
    )
    return message


def write_draft(
    target: Path, *, to: str, subject: str, body: str, attachment: Path, bundle_id: str
) -> int:
    """Write the draft to ``target`` (via a temporary file, renamed when whole); its size."""
    message = draft_message(
        to=to, subject=subject, body=body, attachment=attachment, bundle_id=bundle_id
    )
    temp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with temp.open("xb") as stream:
            stream.write(message.as_bytes())
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target.stat().st_size
