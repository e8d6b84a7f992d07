"""Evidence files on disk: attachable at all, still there, and unchanged since attached?"""

from __future__ import annotations

import os
import stat as stat_mode
from datetime import UTC, datetime
from pathlib import Path

from stocktake_desktop.document.errors import AnswerError
from stocktake_desktop.document.files import sha256_file
from stocktake_desktop.document.models import EvidenceLink, EvidenceState

#: Folders of the operating system's own pseudo-files (they look like files but are not).
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev") if os.name == "posix" else ()
MAX_PATH_BYTES = 4096
MAX_NAME_BYTES = 255


def check_attachable(path: Path, ref: str = "") -> None:
    """Raise AnswerError (one sentence, naming ``ref`` when given) unless ``path`` can be attached.

    Only ordinary files can be: never a folder, device, named pipe, socket or a system
    pseudo-file under /proc, /sys or /dev, and never a path that cannot be recorded as text.
    """
    problem = attachable_problem(Path(path))
    if problem:
        raise AnswerError(f"{ref}: {problem}" if ref else problem)


def attachable_problem(path: Path) -> str:
    """Why ``path`` cannot be attached as evidence, or "" when it can."""
    text = str(path)
    shown = ascii(text)[1:-1] if not text.isprintable() else text
    if "\x00" in text:
        return "the evidence path contains a NUL character, so it cannot name a file."
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        return f"the evidence path {shown} is not valid UTF-8, so it cannot be recorded."
    if len(encoded) > MAX_PATH_BYTES or any(
        len(part.encode("utf-8")) > MAX_NAME_BYTES for part in path.parts
    ):
        return f"the evidence path {shown[:60]}… is too long to be a file name."
    try:
        found = path.stat()
    except (OSError, ValueError) as error:
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return f"cannot read the evidence file {shown}: {why.rstrip('.')}."
    problem = not_ordinary(path, found.st_mode)
    return f"{problem}, so it cannot be attached." if problem else ""


def not_ordinary(path: Path, mode: int) -> str:
    """Why ``path`` (whose ``stat`` mode is ``mode``) is not an ordinary file, or ""."""
    text = str(path)
    shown = ascii(text)[1:-1] if not text.isprintable() else text
    kind = _kind(mode)
    if kind:
        return f"{shown} is {kind}, not an ordinary file"
    system = _system_folder(path)
    return f"{shown} is a system file (under {system}), not a document" if system else ""


def _kind(mode: int) -> str:
    if stat_mode.S_ISREG(mode):
        return ""
    if stat_mode.S_ISDIR(mode):
        return "a folder"
    if stat_mode.S_ISFIFO(mode):
        return "a named pipe"
    if stat_mode.S_ISSOCK(mode):
        return "a socket"
    if stat_mode.S_ISCHR(mode) or stat_mode.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _system_folder(path: Path) -> str:
    if not SYSTEM_FOLDERS:
        return ""
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError, RuntimeError):
        return ""
    return next((f for f in SYSTEM_FOLDERS if real == f or real.startswith(f + "/")), "")


def evidence_state(link: EvidenceLink) -> EvidenceState:
    """Whether the evidence can be used: a copy kept in the return always can; a linked file
    must still be there and unchanged since it was attached."""
    if link.embedded:
        return EvidenceState.OK
    path = Path(link.original_path)
    try:
        stat = path.stat()
    except (OSError, ValueError):
        return EvidenceState.MISSING
    if not_ordinary(path, stat.st_mode):
        return EvidenceState.MISSING
    if stat.st_size != link.size:
        return EvidenceState.CHANGED
    if iso_from_timestamp(stat.st_mtime) == link.modified:
        return EvidenceState.OK
    try:
        same = sha256_file(path) == link.sha256
    except OSError:
        return EvidenceState.MISSING
    return EvidenceState.OK if same else EvidenceState.CHANGED


def iso_from_timestamp(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="microseconds")


def extract_copy(link: EvidenceLink, content: bytes, folder: Path) -> Path:
    """Write the copy kept in the return into a private folder (one per file content), to be
    opened from there; an earlier extraction of the same content is reused."""
    from stocktake_desktop.export.evidence_copy import safe_file_name

    target = folder / link.sha256[:16] / safe_file_name(link.file_name)
    if target.is_file() and target.stat().st_size == len(content):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.partial")
    temp.write_bytes(content)
    temp.replace(target)
    return target
