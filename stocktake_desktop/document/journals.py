"""A ``-journal`` or ``-wal`` file another program left beside a return.

Stocktake Desktop never opens the user's file with SQLite, so such a file was left by another
program (a database browser, a script) part-way through a change, or copied there by a sync
client. SQLite would replay it into the return the next time anything opens it; if the app
had meanwhile replaced the return, that would damage the new file. So:

- reading (read-only, ``info``, ``dump``, ``check``, ``export``) uses private copies of both
  files, in which SQLite finishes or undoes the change exactly as it would in place; the
  user's files are left as they are;
- editing is refused until the user agrees to set the leftover aside: then the return is read
  the same way, the leftover is moved to the backups folder, and the return is saved at once
  as a complete file with nothing beside it (if that save fails, the leftover is put back).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from stocktake_desktop import paths
from stocktake_desktop.document.connections import connect
from stocktake_desktop.document.errors import InterruptedWriteError, NotAReturnError, StorageError

JOURNAL_SUFFIXES = ("-journal", "-wal")
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def leftover_journals(path: Path) -> list[Path]:
    """Non-empty journal files beside ``path`` (an empty one holds nothing to replay)."""
    found = []
    for suffix in JOURNAL_SUFFIXES:
        journal = Path(str(path) + suffix)
        try:
            info = journal.lstat()
        except OSError:  # absent, or a name too long to exist
            continue
        if stat.S_ISREG(info.st_mode) and info.st_size > 0:
            found.append(journal)
    return found


def refuse_if_interrupted(path: Path) -> None:
    """Raise InterruptedWriteError when another program left a journal beside ``path``."""
    journals = leftover_journals(path)
    if not journals:
        return
    names = " and ".join(j.name for j in journals)
    verb = "is" if len(journals) == 1 else "are"
    raise InterruptedWriteError(
        f"{path.name} was left part-way through a change by another program ({names} {verb} "
        "beside it), so it can only be opened read-only until that is set aside, which "
        "Stocktake Desktop offers to do when you open it for editing.",
        tuple(str(j) for j in journals),
    )


def copy_journals(source: Path, target: Path) -> bool:
    """Copy the journals beside ``source`` to sit beside the private copy ``target``."""
    journals = leftover_journals(source)
    for journal in journals:
        suffix = journal.name[len(source.name) :]
        copy = Path(str(target) + suffix)
        try:
            shutil.copyfile(journal, copy)
            if suffix == "-journal":
                _forget_super_journal(copy)
        except OSError as error:
            raise NotAReturnError(
                f"{journal.name} beside {source.name} cannot be read ({error.strerror})."
            ) from error
    return bool(journals)


def _forget_super_journal(journal: Path) -> None:
    """Blank the name of a "super-journal" at the end of a rollback journal.

    After undoing a change SQLite deletes the super-journal a journal names (one change spread
    over several attached databases), so a planted journal could name any file to delete. A
    return is one database, so the name is dropped: the journal is still played back.
    """
    with journal.open("r+b") as handle:
        size = handle.seek(0, 2)
        if size < 16:
            return
        handle.seek(size - 8)
        if handle.read(8) == _JOURNAL_MAGIC:
            handle.seek(size - 8)
            handle.write(bytes(8))


def settle(db: Path, shown_as: Path) -> None:
    """Let SQLite finish or undo the change in the private copy ``db``, leaving one file."""
    try:
        conn = connect(db)
        try:
            conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotAReturnError(
            f"{shown_as.name} is damaged, so it cannot be opened: the change another program "
            f"left part-way cannot be finished ({error})."
        ) from error
    # A -wal beside a file in rollback mode is ignored by SQLite; it must not be replayed later.
    for suffix in (*JOURNAL_SUFFIXES, "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(db) + suffix).unlink()


def set_aside(path: Path, key: str) -> list[Path]:
    """Move the journals beside ``path`` into the backups folder; their new paths."""
    moved = []
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for journal in leftover_journals(path):
        suffix = journal.name[len(path.name) :]
        target = paths.backups_dir() / f"left-by-another-program-{key}-{stamp}{suffix}"
        try:
            shutil.move(journal, target)
        except OSError as error:
            raise StorageError(
                f"{journal.name} cannot be moved to the backups folder ({error.strerror}), "
                f"so {path.name} cannot be opened for editing."
            ) from error
        moved.append(target)
    return moved


def put_back(moved: list[Path], path: Path) -> None:
    """Return journals :func:`set_aside` moved (when the save that should follow failed)."""
    for journal in moved:
        suffix = next(s for s in JOURNAL_SUFFIXES if journal.name.endswith(s))
        original = Path(str(path) + suffix)
        if not original.exists():
            with contextlib.suppress(OSError):
                shutil.move(journal, original)
