"""Small, careful file operations: atomic replace with retries, fsync, file hashing."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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
    """``os.replace`` that retries while Windows (or a sync client) reports the target in use."""
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


def read_json_object(path: Path) -> dict[str, object] | None:
    """A small JSON object file, or None when it is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
