"""The return document: one SQLite file per return, edited through a private working copy.

Edits go to a working copy in the data folder (WAL, fast, survives a crash of the app). The
user's file is only ever written whole: ``VACUUM INTO`` a temporary file beside it, fsync, and
an atomic replace. So the user's file is always a complete, self-contained return that can be
copied, emailed or kept on a network drive, and a crash loses at most the last moment's edits,
which the working copy still holds for the next start.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from stocktake_desktop import __version__
from stocktake_desktop.document import access, journals, schema
from stocktake_desktop.document.answers import AnswerEdits
from stocktake_desktop.document.backups import (
    sweep_stale_temporaries,
)
from stocktake_desktop.document.base import _last_change_id, _transaction, now_iso
from stocktake_desktop.document.checks import (
    check_readable,
    copy_return,
    inspect_return,
    remove_db,
)
from stocktake_desktop.document.completion import CompletionAndSubmissions
from stocktake_desktop.document.conflicts import ConflictRecords
from stocktake_desktop.document.connections import connect
from stocktake_desktop.document.errors import (
    AnswerError,
    ReturnError,
)
from stocktake_desktop.document.evidence_files import EvidenceFiles
from stocktake_desktop.document.files import (
    real_file,
)
from stocktake_desktop.document.history import AnswerHistory
from stocktake_desktop.document.lock import ReturnLock
from stocktake_desktop.document.meeting_import import MeetingImport
from stocktake_desktop.document.meetings import MeetingRecords
from stocktake_desktop.document.models import (
    Contributor,
    Summary,
)
from stocktake_desktop.document.saving import Saving
from stocktake_desktop.document.signoff import SignOffLapses
from stocktake_desktop.document.working import (
    UnsavedWorkError,
    WorkingCopy,
    read_only_copy_path,
    unsaved_work_for,
)
from stocktake_desktop.template import Template
from stocktake_desktop.text import normalise_line

log = logging.getLogger(__name__)


def with_extension(path: Path) -> Path:
    """FILE as given, with the return extension added only when it has none."""
    return path if path.suffix else path.with_suffix(schema.EXTENSION)


class ReturnDocument(
    ConflictRecords,
    SignOffLapses,
    AnswerHistory,
    AnswerEdits,
    MeetingImport,
    MeetingRecords,
    CompletionAndSubmissions,
    EvidenceFiles,
    Saving,
):
    """An open return. Create with :meth:`create` or :meth:`open`; always :meth:`close`."""

    def __init__(
        self,
        *,
        path: Path,
        template: Template,
        db_path: Path,
        editor: str,
        lock: ReturnLock | None,
        working: WorkingCopy | None,
    ) -> None:
        self.path = path
        self.template = template
        self.editor = normalise_line(editor) or "Unknown"
        self._db_path = db_path
        self._lock = lock
        self._working = working
        self._conn = _connect(db_path)
        self._publish_lock = threading.Lock()
        self._last_backup = 0.0
        self._closed = False
        self._separate_versions = False

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def create(
        cls, path: Path, locality: str, editor: str, template: Template | None = None
    ) -> ReturnDocument:
        """Make a new return at ``path`` (never overwriting an existing file) and save it."""
        from stocktake_desktop.template import default_template

        template = template or default_template()
        path = Path(path)
        locality = normalise_line(locality)
        if not locality:
            raise AnswerError("Please give the locality (the local authority area) for the return.")
        access.check_creatable(path)

        def prepare(working: WorkingCopy) -> tuple[Template, dict[str, object]]:
            working.set_aside()
            conn = _connect(working.db)
            try:
                schema.create_schema(conn)
                with _transaction(conn):
                    conn.executemany(
                        "INSERT INTO meta(key, value) VALUES (?, ?)",
                        [
                            ("template_id", template.id),
                            ("template_hash", template.content_hash),
                            ("locality", locality),
                            ("created_at", now_iso()),
                            ("created_by", normalise_line(editor)),
                            ("app_version", __version__),
                        ],
                    )
                    conn.executemany(
                        "INSERT INTO answer(ref) VALUES (?)", [(q.ref,) for q in template.questions]
                    )
            finally:
                conn.close()
            return template, {}

        document = cls._open_locked(path, editor, prepare)
        document.publish()
        return document

    @classmethod
    def open(
        cls,
        path: Path,
        editor: str,
        *,
        read_only: bool = False,
        recover: bool | None = None,
        take_over: bool = False,
        set_aside_journal: bool = False,
        back_up: bool = True,
    ) -> ReturnDocument:
        """Open a return. When a session ended leaving changes that never reached the file,
        ``recover=True`` takes them back, ``recover=False`` sets them aside in the backups
        folder, and the default raises UnsavedWorkError so the caller asks first.

        ``take_over`` replaces another computer's lock (after asking the user);
        ``set_aside_journal`` moves a journal another program left beside the file to the
        backups folder (after asking). ``back_up=False`` leaves the backup of the file as
        opened to :meth:`ensure_backup` (the window calls it once it is on screen; a save makes
        it first in any case). Raises NotAReturnError (file untouched), or a CannotEditError
        such as LockedError or ReadOnlyFileError (offer read-only instead).
        """
        path = real_file(Path(path))
        if read_only:
            temp = read_only_copy_path()
            copy_return(path, temp)
            try:
                template = inspect_return(temp, shown_as=path)
                return cls(
                    path=path,
                    template=template,
                    db_path=temp,
                    editor=editor,
                    lock=None,
                    working=None,
                )
            except BaseException:
                remove_db(temp)
                raise
        recovering = bool(recover) and unsaved_work_for(path) is not None
        if not recovering:
            check_readable(path)
        access.check_before_editing(path, set_aside_journal=set_aside_journal)
        moved: list[Path] = []

        def prepare(working: WorkingCopy) -> tuple[Template, dict[str, object]]:
            if not recovering:
                work = unsaved_work_for(path)
                if work is not None and recover is None:
                    raise UnsavedWorkError(work)
                working.set_aside()
                copy_return(path, working.db)
            try:
                template = inspect_return(working.db, shown_as=path)
                if set_aside_journal and not recovering:
                    moved.extend(journals.set_aside(path, working.db.stem))
            except BaseException:
                if not recovering:
                    working.remove()
                raise
            if recovering:
                return template, {}
            return template, {"published_change": _last_change_id(working.db)}

        document = cls._open_locked(path, editor, prepare, take_over=take_over)
        log.info(
            "opened %s for editing by %s%s", path, editor, " (recovered)" if recovering else ""
        )
        if back_up:
            document.back_up()
        if recovering or moved:
            try:
                document.publish()
            except BaseException:
                journals.put_back(moved, path)  # as it was: nothing is lost or half-done
                with contextlib.suppress(ReturnError):
                    document.close()  # keeps recovered work for the next open to offer
                raise
        return document

    @classmethod
    def _open_locked(
        cls,
        path: Path,
        editor: str,
        prepare: Callable[[WorkingCopy], tuple[Template, dict[str, object]]],
        *,
        take_over: bool = False,
    ) -> ReturnDocument:
        """Take the lock, let ``prepare`` fill the working copy, and open it for editing.
        ``prepare`` returns the template and what the working copy's notes should say besides
        whose it is (one write of them, not two)."""
        lock = ReturnLock(path, editor)
        lock.acquire(take_over=take_over)
        for removed in sweep_stale_temporaries(path):
            log.info("removed %s, left by a save that never finished", removed)
        try:
            working = WorkingCopy(path)
            template, notes = prepare(working)
            working.claim(editor, **notes)
            return cls(
                path=path,
                template=template,
                db_path=working.db,
                editor=editor,
                lock=lock,
                working=working,
            )
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        """Save anything not yet saved, then let go of the working copy and the lock."""
        if self._closed:
            return
        try:
            if not self.read_only and self.has_unpublished_changes():
                self.publish()
        finally:
            with self._publish_lock:
                self._closed = True
                self._conn.close()
                if self._working is None:
                    remove_db(self._db_path)
                elif not self.has_unpublished_changes_on_disk():
                    self._working.remove()
                else:  # left for the next open, even in this same run, to offer back
                    log.warning("closed %s with unsaved work kept for recovery", self.path)
                    self._working.release()
                if self._lock is not None:
                    self._lock.release()

    def __enter__(self) -> ReturnDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- properties
    @property
    def read_only(self) -> bool:
        return self._working is None

    @property
    def closed(self) -> bool:
        return self._closed

    # ----------------------------------------------------------------- reading

    def contributors(self) -> list[Contributor]:
        rows = self._conn.execute(
            "SELECT name, first_seen, last_seen, changes FROM contributor ORDER BY first_seen"
        ).fetchall()
        return [Contributor(*row) for row in rows]

    def summary(self) -> Summary:
        answers = self.answers().values()
        last = self._conn.execute(
            "SELECT at, who FROM change_log ORDER BY id DESC LIMIT 1"
        ).fetchone() or (self._meta("created_at"), self._meta("created_by"))
        return Summary(
            locality=self.locality,
            template_id=self.template.id,
            answered=sum(1 for a in answers if a.is_answered),
            total=len(self.template.questions),
            last_change_at=last[0],
            last_change_by=last[1],
            submissions=tuple(self.submissions()),
        )

    # ----------------------------------------------------------------- editing

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make several edits as one: all are recorded, or none (e.g. an import)."""
        with self._edit():
            yield

    # ----------------------------------------------------------------- saving

    # ----------------------------------------------------------------- internals


# --------------------------------------------------------------------- helpers
def _connect(db: Path) -> sqlite3.Connection:
    conn = connect(db, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn
