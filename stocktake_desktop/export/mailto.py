"""The hand-off email: its subject and body, a ``mailto:`` link to the programme inbox, and
opening it (or the ``.eml`` draft, or the folder) with the desktop's programs.

The link follows RFC 6068: every character outside the unreserved set is percent-encoded as
UTF-8 (so "&" is %26, "+" is %2B, a space %20) and line breaks are CRLF (%0D%0A). Mail programs
and Windows cut long links, so it is kept under 2,000 characters by shortening the file list.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import quote

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.counting import how_many

MAX_LENGTH = 2000
#: RFC 3986 unreserved characters: the only ones left as they are in a header value.
_SAFE = "-._~"
_SAFE_ADDRESS = "-._~@!$'*,;:"


def encode(value: str) -> str:
    """Percent-encode a header value; line breaks become CRLF (%0D%0A)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return quote(value, safe=_SAFE, encoding="utf-8")


def mailto_url(to: str, subject: str, body: str) -> str:
    return f"mailto:{quote(to, safe=_SAFE_ADDRESS)}?subject={encode(subject)}&body={encode(body)}"


def subject_line(template_subject: str, locality: str, *, final: bool) -> str:
    """The email's subject from the stocktake's pattern; a draft says so."""
    subject = template_subject.format(locality=locality)
    return subject if final else f"{subject} (DRAFT, not the final submission)"


def handoff_body(
    locality: str,
    zip_name: str,
    bundle_id: str,
    files: Sequence[str],
    *,
    final: bool,
    shown: int | None = None,
    separately: Sequence[str] = (),
) -> str:
    """The covering note; ``shown`` limits how many files are listed ("and N more")."""
    kind = "final return" if final else "draft return (not the final submission)"
    shown = len(files) if shown is None else shown
    lines = [
        "Hello,",
        "",
        f"Please find attached the Winterbourne View stocktake {kind} for {locality}: {zip_name}",
        "",
        f"Bundle id: {bundle_id}",
        "(the SHA-256 of manifest.json; check the bundle with: python main.py verify <zip>)",
        "",
        "Files in the zip:",
    ]
    lines += [f"- {name}" for name in files[:shown]]
    if len(files) > shown:
        lines.append(f"- and {len(files) - shown} more (listed in manifest.json)")
    if separately:
        lines += ["", f"{how_many(len(separately), 'evidence file')} will be sent separately."]
    lines += ["", f"Sent with {APP_NAME} {__version__}"]
    return "\n".join(lines)


def handoff_url(
    inbox: str,
    subject: str,
    locality: str,
    zip_name: str,
    bundle_id: str,
    files: Sequence[str],
    *,
    final: bool,
    separately: Sequence[str] = (),
    limit: int = MAX_LENGTH,
) -> str:
    """The mailto link with as many file names as fit under ``limit`` characters."""
    url = ""
    for shown in range(len(files), -1, -1):
        body = handoff_body(
            locality, zip_name, bundle_id, files, final=final, shown=shown, separately=separately
        )
        url = mailto_url(inbox, subject, body)
        if len(url) < limit:
            return url
    return url


def can_attach() -> bool:
    """Whether the platform can open a new email with the zip already attached."""
    return sys.platform.startswith("linux") and shutil.which("xdg-email") is not None


Runner = Callable[[list[str]], object]


def spawn(command: list[str]) -> object:
    return subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def open_email(url: str, attachment: Path | None = None, run: Runner | None = None) -> str:
    """Open the default mail program; returns how ("xdg-email --attach", "startfile", ...)."""
    run = run or spawn
    if attachment is not None and can_attach():
        run(["xdg-email", "--utf8", "--attach", str(attachment), url])
        return "xdg-email --attach"
    return _open_target(url, run)


def open_folder(folder: Path, run: Runner | None = None) -> str:
    """Show ``folder`` in the file manager."""
    return _open_target(str(folder), run or spawn)


def open_file(path: Path, run: Runner | None = None) -> str:
    """Open ``path`` (the ``.eml`` draft) with the program the system uses for it."""
    return _open_target(str(path), run or spawn)


def _open_target(target: str, run: Runner) -> str:
    if sys.platform == "win32":
        os.startfile(target)  # type: ignore[attr-defined]
        return "startfile"
    if sys.platform == "darwin":
        run(["open", target])
        return "open"
    if shutil.which("xdg-open"):
        run(["xdg-open", target])
        return "xdg-open"
    webbrowser.open(target)
    return "webbrowser"
