"""Small, careful file operations: atomic replace with retries, fsync, file hashing."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20


def hash_stream(
    stream: BinaryIO, *, limit: int | None = None, copy_to: BinaryIO | None = None
) -> tuple[int, str]:
    """The SHA-256 of ``stream`` read in chunks: (bytes read, hex digest). Reads at most
    ``limit`` bytes when given; ``copy_to`` receives every chunk as it is read."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(_CHUNK if limit is None else min(_CHUNK, limit - size)):
        digest.update(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def sha256_file(path: Path) -> str:
    """The SHA-256 (hex) of the file at ``path``."""
    with path.open("rb") as handle:
        return hash_stream(handle)[1]


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename durable on POSIX; Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_with_retries(
    source: Path,
    target: Path,
    attempts: int = 10,
    delay: float = 0.05,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """``os.replace`` that retries while Windows (or a sync client) reports the target in use.

    A symbolic link is never replaced by a regular file: the file it points to is. The new
    file keeps the permissions of the one it replaces.
    """
    target = real_file(target)
    with contextlib.suppress(OSError):  # a new file, or a share that cannot set modes
        source.chmod(stat.S_IMODE(target.stat().st_mode))
    for attempt in range(attempts):
        try:
            source.replace(target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            sleep(delay * (attempt + 1))


def write_atomically(target: Path, data: bytes) -> None:
    """Write a small file so that readers see either the old or the new content, never half."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with temp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        replace_with_retries(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def real_file(path: Path) -> Path:
    """The file ``path`` names, following a symbolic link: what to lock, read and replace."""
    try:
        if not path.is_symlink():
            return path
    except OSError:  # a name too long to look up: the caller reports it
        return path
    return Path(os.path.realpath(path))


def read_json_object(path: Path, max_bytes: int = 1 << 20) -> dict[str, object] | None:
    """A small JSON object file, or None when it is missing, unreadable, too big or not an
    object. Never blocks on a pipe or a device put where the file should be."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
        if len(raw) > max_bytes:
            return None
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
