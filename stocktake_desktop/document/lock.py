"""A lock file beside a return, so that only one process writes it at a time.

The lock file records who holds it (name, machine, process, since when). A lock left by a
crashed process on this machine is recovered; a lock from another machine is never taken over
silently, because we cannot tell whether that process is still alive.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path

import psutil

from stocktake_desktop.document.errors import LockedError, LockHolder
from stocktake_desktop.document.files import read_json_object

_WRITE_GRACE_SECONDS = 5.0


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def this_machine() -> str:
    return socket.gethostname()


class ReturnLock:
    """Held while a return is open for editing; ``release`` removes it if it is still ours."""

    def __init__(self, path: Path, name: str) -> None:
        self.path = lock_path_for(path)
        self.target = path
        self.name = name
        self._token: dict[str, object] | None = None

    def acquire(self) -> None:
        for _ in range(3):
            if self._try_create():
                return
            holder = read_holder(self.path)
            if holder is None and _age_seconds(self.path) < _WRITE_GRACE_SECONDS:
                # Another process may be writing its lock right now.
                raise LockedError(str(self.target), _holder_of({}))
            if holder is None or _is_stale(holder):
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            raise LockedError(str(self.target), _holder_of(holder))
        holder = read_holder(self.path)
        raise LockedError(str(self.target), _holder_of(holder or {}))

    def release(self) -> None:
        if self._token is None:
            return
        if read_holder(self.path) == self._token:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        self._token = None

    def _try_create(self) -> bool:
        token: dict[str, object] = {
            "name": self.name,
            "machine": this_machine(),
            "pid": os.getpid(),
            "started": _process_started(os.getpid()),
            "since": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        }
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(token, handle)
            handle.flush()
            os.fsync(handle.fileno())
        self._token = token
        return True


def read_holder(lock_file: Path) -> dict[str, object] | None:
    """The lock's content, or None when it is missing or unreadable (a crash mid-write)."""
    return read_json_object(lock_file)


def current_holder(path: Path) -> LockHolder | None:
    """Who holds the return at ``path`` now, ignoring stale locks."""
    data = read_holder(lock_path_for(path))
    if data is None or _is_stale(data):
        return None
    return _holder_of(data)


def _holder_of(data: dict[str, object]) -> LockHolder:
    pid = data.get("pid")
    return LockHolder(
        name=str(data.get("name", "")),
        machine=str(data.get("machine", "")),
        pid=pid if isinstance(pid, int) else 0,
        since=_friendly_time(str(data.get("since", ""))),
    )


def _age_seconds(path: Path) -> float:
    try:
        return datetime.now().timestamp() - path.stat().st_mtime
    except OSError:
        return float("inf")


def _friendly_time(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso or "an unknown time"
    return f"{moment:%H:%M} on {moment.day} {moment:%B %Y}"


def _is_stale(data: dict[str, object]) -> bool:
    """Only a lock from this machine whose process has gone can be called stale."""
    if data.get("machine") != this_machine():
        return False
    pid = data.get("pid")
    if not isinstance(pid, int):
        return True
    started = _process_started(pid)
    return started is None or started != data.get("started")


def _process_started(pid: int) -> float | None:
    try:
        return psutil.Process(pid).create_time()
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return None
