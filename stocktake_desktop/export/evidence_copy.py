"""Evidence file names that are safe and unique on Windows, macOS and Linux, and the copying.

Windows is the strictest: no ``<>:"/\\|?*`` or control characters, no trailing dot or space,
no device names (``CON``, ``NUL``, ``COM1``...) even with an extension, and names that differ
only in case are the same file. Names are also kept short so paths stay under Windows' limits.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from stocktake_desktop.document.evidence import not_ordinary
from stocktake_desktop.document.files import hash_stream

MAX_NAME = 80
MAX_EXTENSION = 16
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a named pipe must not wait for a writer


def safe_file_name(name: str, max_length: int = MAX_NAME) -> str:
    """``name`` made safe for every platform: same meaning, awkward characters replaced."""
    name = unicodedata.normalize("NFC", name)
    name = _SPACES.sub(" ", name.replace("\\", "/").rsplit("/", 1)[-1])
    name = _ILLEGAL.sub("_", name).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > MAX_EXTENSION or " " in extension:
        stem, extension = name, ""
    stem = stem.strip(" .") or "file"
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = f"_{stem}"
    suffix = f".{extension}" if extension else ""
    stem = stem[: max(1, max_length - len(suffix))].rstrip(" .") or "file"
    return stem + suffix


def unique_names(names: Iterable[str], max_length: int = MAX_NAME) -> list[str]:
    """Safe names, made unique ignoring case by adding " (2)", " (3)"... before the extension."""
    taken: set[str] = set()
    result: list[str] = []
    for name in names:
        safe = safe_file_name(name, max_length)
        candidate, counter = safe, 1
        while candidate.casefold() in taken:
            counter += 1
            stem, dot, extension = safe.rpartition(".")
            if not dot:
                stem, extension = safe, ""
            tag = f" ({counter})"
            stem = stem[: max(1, max_length - len(tag) - len(extension) - 1)].rstrip(" .")
            candidate = f"{stem}{tag}.{extension}" if extension else f"{stem}{tag}"
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


class NotAnOrdinaryFileError(FileNotFoundError):
    """The evidence path is a folder, device, pipe or system file: treated as missing evidence."""


def copy_with_hash(source: Path, target: Path) -> tuple[int, str]:
    """Copy ``source`` to ``target`` in one pass; returns (size, SHA-256 hex) of what was copied.

    Raises NotAnOrdinaryFileError (a FileNotFoundError, so the file counts as missing) for anything
    but an ordinary file, checked before opening and again on the open handle, and never
    blocks on a named pipe.
    """
    _refuse_unless_ordinary(source, source.stat().st_mode)
    fd = os.open(source, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    try:
        _refuse_unless_ordinary(source, os.fstat(fd).st_mode)
    except BaseException:
        os.close(fd)
        raise
    if _NONBLOCK:
        os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as reader, target.open("xb") as writer:
        return hash_stream(reader, copy_to=writer)


def _refuse_unless_ordinary(source: Path, mode: int) -> None:
    problem = not_ordinary(source, mode)
    if problem:
        raise NotAnOrdinaryFileError(errno.ENOENT, f"{problem}: left out as missing", str(source))


def write_with_hash(content: bytes, target: Path) -> tuple[int, str]:
    """Write ``content`` to a new file ``target``; returns (size, SHA-256 hex)."""
    with target.open("xb") as writer:
        writer.write(content)
    return len(content), hashlib.sha256(content).hexdigest()
