"""Private working copies of open returns, and finding unsaved work after a crash.

Each return being edited has a working copy in the data folder plus a small JSON sidecar naming
the user's file, the process editing it and the last revision that reached the user's file.
Unsaved work is decided by the data: a working copy that no live session holds and whose
revision is newer than the user's file's (or, when that cannot be read, than the revision last
published) holds work to offer back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psutil

from stocktake_desktop import paths
from stocktake_desktop.dates import friendly_datetime
from stocktake_desktop.document.backups import remove_with_side_files, write_whole_copy
from stocktake_desktop.document.changelog import revision
from stocktake_desktop.document.connections import connect
from stocktake_desktop.document.errors import ReturnError
from stocktake_desktop.document.files import read_json_object, write_atomically
from stocktake_desktop.document.lock import this_machine

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class UnsavedWork:
    """Changes a crashed session made that never reached the user's file."""

    source: Path
    locality: str
    last_change_at: str
    last_change_by: str
    unsaved_changes: int
    working: Path


class UnsavedWorkError(ReturnError):
    """The return has unsaved work from a session that ended; ask before opening it."""

    def __init__(self, work: UnsavedWork) -> None:
        self.work = work
        count = work.unsaved_changes
        super().__init__(
            f"{work.source.name} has {count} unsaved change{'s' if count != 1 else ''} from a "
            f"session that ended before saving (the last by {work.last_change_by} on "
            f"{friendly_datetime(work.last_change_at)}). Open it in Stocktake Desktop to "
            "recover them first."
        )


class WorkingCopy:
    def __init__(self, source: Path) -> None:
        self.source = source
        key = hashlib.sha256(str(_resolved(source)).encode("utf-8")).hexdigest()[:20]
        self.db = paths.working_dir() / f"{key}.db"
        self.sidecar = self.db.with_suffix(".json")

    def read_info(self) -> dict[str, object]:
        return read_json_object(self.sidecar) or {}

    def write_info(self, **values: object) -> None:
        info = self.read_info() | values
        write_atomically(self.sidecar, json.dumps(info, ensure_ascii=False).encode("utf-8"))

    def claim(self, editor: str, **notes: object) -> None:
        """Mark the working copy as this process's (with ``notes`` in the same write)."""
        pid = os.getpid()
        self.write_info(
            **notes,
            source=str(self.source),
            machine=this_machine(),
            pid=pid,
            started=psutil.Process(pid).create_time(),
            editor=editor,
        )

    def release(self) -> None:
        """Let go of the working copy without removing it, so its work is offered back."""
        self.write_info(pid=None, started=None)

    def published_change(self) -> int:
        value = self.read_info().get("published_change", 0)
        return value if isinstance(value, int) else 0

    def exists(self) -> bool:
        return self.db.exists()

    def remove(self) -> None:
        remove_with_side_files(self.db)
        with contextlib.suppress(FileNotFoundError):
            self.sidecar.unlink()

    def set_aside(self) -> Path | None:
        """Move a left-over working copy to the backups folder rather than deleting it."""
        if not self.db.exists():
            self.remove()
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = paths.backups_dir() / f"set-aside-{self.db.stem}-{stamp}.stocktake"
        write_whole_copy(self.db, target)
        log.info("set aside unsaved work for %s in %s", self.source, target)
        self.remove()
        return target


def is_owned_by_live_process(info: dict[str, object]) -> bool:
    if info.get("machine") != this_machine():
        return False
    pid = info.get("pid")
    if not isinstance(pid, int):
        return False
    try:
        return psutil.Process(pid).create_time() == info.get("started")
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def find_unsaved_work() -> list[UnsavedWork]:
    """Working copies left by a session that ended without saving its last changes."""
    _remove_orphaned_read_only_copies()
    found: list[UnsavedWork] = []
    for sidecar in sorted(paths.working_dir().glob("*.json")):
        info = read_json_object(sidecar) or {}
        source = info.get("source")
        if not isinstance(source, str) or is_owned_by_live_process(info):
            continue
        working = WorkingCopy(Path(source))
        if working.sidecar != sidecar:
            continue
        work = _inspect(working)
        if work is None:
            working.remove()
        else:
            found.append(work)
    return found


def unsaved_work_for(source: Path) -> UnsavedWork | None:
    working = WorkingCopy(source)
    if not working.sidecar.exists() or is_owned_by_live_process(working.read_info()):
        return None
    return _inspect(working)


def _inspect(working: WorkingCopy) -> UnsavedWork | None:
    if not working.db.exists():
        return None
    try:
        conn = connect(working.db.as_uri() + "?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT at, who FROM change_log ORDER BY id DESC LIMIT 1").fetchone()
            locality_row = conn.execute("SELECT value FROM meta WHERE key = 'locality'").fetchone()
            working_revision = revision(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    saved = _saved_revision(working)
    if row is None or working_revision <= saved:
        return None
    return UnsavedWork(
        source=working.source,
        locality=locality_row[0] if locality_row else "",
        last_change_at=row[0],
        last_change_by=row[1],
        unsaved_changes=working_revision - saved,
        working=working.db,
    )


def _saved_revision(working: WorkingCopy) -> int:
    """The revision the user's file holds; the last one published when it cannot be read."""
    try:
        conn = connect(working.source.as_uri() + "?mode=ro&immutable=1", uri=True)
        try:
            return revision(conn)
        finally:
            conn.close()
    except (sqlite3.Error, ValueError, OSError):
        return working.published_change()


def read_only_copy_path() -> Path:
    """A private copy for viewing a return read-only; removed on close (or after a crash)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return paths.working_dir() / f"readonly-{os.getpid()}-{stamp}.db"


def _remove_orphaned_read_only_copies() -> None:
    """Read-only copies and half-written sidecars whose process has gone."""
    folder = paths.working_dir()
    for copy in folder.glob("readonly-*.db"):
        pid = copy.name.split("-")[1]
        if pid.isdigit() and not psutil.pid_exists(int(pid)):
            with contextlib.suppress(OSError):
                remove_with_side_files(copy)
    for temp in folder.glob(".*.tmp"):
        pid = temp.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not psutil.pid_exists(int(pid)):
            with contextlib.suppress(OSError):
                temp.unlink()


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
