"""A lock file beside a return, so that only one process writes it at a time.

The lock file records who holds it (name, machine, process, since when). It sits beside the
real file, with links followed, so that two names for one file share one lock. A lock left by
a crashed process on this machine is recovered; a lock from another machine is never taken
over silently, because we cannot tell whether that process is still alive: the user may take
it over after being told whose it is (``acquire(take_over=True)``), and the new lock records
whose lock it replaced.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import socket
import stat
from datetime import UTC, datetime
from pathlib import Path

import psutil

from stocktake_desktop.document.errors import (
    LockedError,
    LockFileError,
    LockHolder,
    NameTooLongError,
    ReadOnlyFileError,
    StorageError,
)
from stocktake_desktop.document.files import read_json_object, real_file, write_atomically

_WRITE_GRACE_SECONDS = 5.0
_MAX_LOCK_BYTES = 64 * 1024
_READ_ONLY_ERRORS = {errno.EACCES, errno.EPERM, errno.EROFS}

_log = logging.getLogger(__name__)


def lock_path_for(path: Path) -> Path:
    target = real_file(path)
    return target.with_name(target.name + ".lock")


def this_machine() -> str:
    return socket.gethostname()


class ReturnLock:
    """Held while a return is open for editing; ``release`` removes it if it is still ours."""

    def __init__(self, path: Path, name: str) -> None:
        self.target = real_file(path)
        self.path = lock_path_for(self.target)
        self.name = name
        self._token: dict[str, object] | None = None

    def acquire(self, *, take_over: bool = False) -> None:
        """Take the lock; ``take_over`` replaces another machine's lock (never this one's)."""
        for _ in range(3):
            if self._try_create():
                return
            holder = self._read_existing()
            if holder is None and _age_seconds(self.path) < _WRITE_GRACE_SECONDS:
                # Another process may be writing its lock right now.
                raise self._refused(_holder_of({}))
            if holder is None or _is_stale(holder):
                _log.info("Lock of %s: a stale or unreadable lock removed", self.target)
                self._remove_existing()
                continue
            elsewhere = holder.get("machine") != this_machine()
            if take_over and elsewhere:
                self._take_over(holder)
                _log.info("Lock of %s taken over from %s", self.target, _holder_of(holder))
                return
            raise self._refused(_holder_of(holder), can_take_over=elsewhere)
        holder = read_holder(self.path)
        raise self._refused(_holder_of(holder or {}))

    def _refused(self, holder: LockHolder, *, can_take_over: bool = False) -> LockedError:
        """The error for a lock someone else holds, logged."""
        _log.info("Lock of %s refused: held by %s", self.target, holder)
        return LockedError(str(self.target), holder, can_take_over=can_take_over)

    def lost_to(self) -> LockHolder | None:
        """Who holds the lock now if it is no longer ours (someone took it over), else None.

        A lock file that has gone or cannot be read is not taken as lost: only another
        holder's lock means another session may be writing the return.
        """
        if self._token is None:
            return None
        holder = read_holder(self.path)
        if holder is None or holder == self._token:
            return None
        return _holder_of(holder)

    def release(self) -> None:
        if self._token is None:
            return
        if read_holder(self.path) == self._token:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._token = None

    def _new_token(self) -> dict[str, object]:
        return {
            "name": self.name,
            "machine": this_machine(),
            "pid": os.getpid(),
            "started": _process_started(os.getpid()),
            "since": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        }

    def _try_create(self) -> bool:
        token = self._new_token()
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        except OSError as error:
            raise self._cannot_write(error) from error
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(token, handle)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            with contextlib.suppress(OSError):
                self.path.unlink()
            raise self._cannot_write(error) from error
        self._token = token
        return True

    def _take_over(self, holder: dict[str, object]) -> None:
        token = self._new_token()
        token["taken_over_from"] = {
            key: holder.get(key) for key in ("name", "machine", "pid", "since")
        }
        try:
            write_atomically(self.path, json.dumps(token, ensure_ascii=False).encode("utf-8"))
        except OSError as error:
            raise self._cannot_write(error) from error
        if read_holder(self.path) != token:  # someone else took it at the same moment
            raise self._refused(_holder_of(read_holder(self.path) or {}))
        self._token = token

    def _read_existing(self) -> dict[str, object] | None:
        """The lock's content; None when it is missing or half-written (a crash mid-write).
        A folder, a device or a file that cannot be read there is refused, never removed."""
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self._unreadable(error.strerror or str(error)) from error
        if stat.S_ISDIR(info.st_mode):
            raise LockFileError(
                f"{self.target.name} cannot be opened for editing: where its lock file "
                f"{self.path.name} belongs there is a folder; remove or rename that folder, or "
                "open the return read-only."
            )
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_LOCK_BYTES:
            raise self._unreadable("it is not a lock file")
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self._unreadable(error.strerror or str(error)) from error
        try:
            data = json.loads(raw.decode("utf-8"))
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def _remove_existing(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise LockFileError(
                f"{self.target.name} cannot be opened for editing: its lock file "
                f"{self.path.name}, left by a session that has ended, cannot be removed "
                f"({error.strerror or error})."
            ) from error

    def _unreadable(self, why: str) -> LockFileError:
        return LockFileError(
            f"{self.target.name} cannot be opened for editing: its lock file {self.path.name} "
            f"cannot be read ({why}), so Stocktake Desktop cannot tell whether someone else is "
            "editing it; you can open it read-only."
        )

    def _cannot_write(self, error: OSError) -> StorageError | ReadOnlyFileError:
        why = error.strerror or str(error)
        if error.errno == errno.ENAMETOOLONG:
            return NameTooLongError(
                f"The name {self.target.name} is too long for its lock file {self.path.name} "
                f"({why}); please rename it to edit it."
            )
        if error.errno in _READ_ONLY_ERRORS:
            return ReadOnlyFileError(
                f"The folder {self.target.parent} cannot be written to ({why}), so "
                f"{self.target.name} cannot be edited there."
            )
        return StorageError(f"The lock file for {self.target.name} cannot be written ({why}).")


def read_holder(lock_file: Path) -> dict[str, object] | None:
    """The lock's content, or None when it is missing or unreadable (a crash mid-write)."""
    return read_json_object(lock_file, max_bytes=_MAX_LOCK_BYTES)


def current_holder(path: Path) -> LockHolder | None:
    """Who holds the return at ``path`` now, ignoring stale locks."""
    data = read_holder(lock_path_for(path))
    if data is None or _is_stale(data):
        return None
    return _holder_of(data)


def _holder_of(data: dict[str, object]) -> LockHolder:
    pid = data.get("pid")
    return LockHolder(
        name=_clean(data.get("name", "")),
        machine=_clean(data.get("machine", "")),
        pid=pid if isinstance(pid, int) else 0,
        since=_friendly_time(_clean(data.get("since", ""))),
    )


def _clean(value: object) -> str:
    """A value from a lock file as one short line (the file may have been tampered with)."""
    text = "".join(c if c.isprintable() else " " for c in str(value)).strip()
    return text if len(text) <= 80 else text[:80] + "…"


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
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError, OverflowError):
        return None
