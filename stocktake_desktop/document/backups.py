"""Temporary files beside a return, and the rolling backups of each return.

Every temporary this package makes beside a user's file is named ``.NAME.PID.saving`` (plus
SQLite's ``-journal`` while it is being written), so the next process to open NAME for editing
can find and remove what a killed save left behind: while it holds the lock nobody else can be
saving NAME. Backups are written whole or not at all: copied to a hidden ``.partial`` file,
synced, checked to be a complete return, then renamed, so a truncated copy never counts as one
of the ten kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from stocktake_desktop.document.connections import connect
from stocktake_desktop.document.files import fsync_dir, fsync_file

BACKUPS_KEPT = 10
_SAVING = ".saving"
_PARTIAL = ".partial"
_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


def saving_temp_for(path: Path) -> Path:
    """The temporary a save of ``path`` writes before replacing it."""
    return path.with_name(f".{path.name}.{os.getpid()}{_SAVING}")


def remove_with_side_files(db: Path) -> None:
    for suffix in ("", *_SQLITE_SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            Path(str(db) + suffix).unlink()


def sweep_stale_temporaries(path: Path) -> list[Path]:
    """Remove temporaries left beside ``path`` by saves that never finished (call while holding
    the lock). Returns what was removed."""
    removed: list[Path] = []
    try:
        candidates = list(path.parent.glob(f".{_glob_escape(path.name)}.*{_SAVING}*"))
    except OSError:
        return removed
    for candidate in candidates:
        if not _is_saving_temp(candidate.name, path.name):
            continue
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def keep_backup(source: Path, folder: Path) -> Path | None:
    """Copy ``source`` into ``folder`` as a checked, complete backup; keep the newest ten.

    Returns the backup, or None when it could not be made (a backup never fails a save).
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}-{source.name}"
    temp = folder / f".{target.name}{_PARTIAL}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _sweep_partials(folder)
        shutil.copyfile(source, temp)
        fsync_file(temp)
        if temp.stat().st_size != source.stat().st_size or not is_complete_return(temp):
            remove_with_side_files(temp)
            return None
        temp.replace(target)
        fsync_dir(folder)
        for old in list_backups(folder)[:-BACKUPS_KEPT]:
            old.unlink()
    except OSError:
        remove_with_side_files(temp)
        return None
    return target


def list_backups(folder: Path) -> list[Path]:
    """Complete backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file())


def is_complete_return(db: Path) -> bool:
    """True when ``db`` is a whole SQLite file that passes ``quick_check`` (read only)."""
    try:
        conn = connect(db.as_uri() + "?mode=ro", uri=True)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def write_whole_copy(db: Path, target: Path) -> None:
    """``VACUUM INTO`` a hidden partial file beside ``target``, then rename it into place."""
    temp = target.with_name(f".{target.name}{_PARTIAL}")
    remove_with_side_files(temp)
    try:
        conn = connect(db)
        try:
            conn.execute("VACUUM INTO ?", (str(temp),))
        finally:
            conn.close()
    except sqlite3.Error:
        shutil.copyfile(db, temp)
    fsync_file(temp)
    temp.replace(target)


def _sweep_partials(folder: Path) -> None:
    for partial in folder.glob(f".*{_PARTIAL}*"):
        with contextlib.suppress(OSError):
            partial.unlink()


def _is_saving_temp(name: str, return_name: str) -> bool:
    """``.NAME.PID.saving`` or one of its SQLite side files."""
    rest = name[len(return_name) + 2 :]
    for suffix in _SQLITE_SIDE_FILES:
        rest = rest.removesuffix(suffix)
    pid, _, tail = rest.partition(".")
    return pid.isdigit() and f".{tail}" == _SAVING


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
