"""What every part of the return document shares: its connection, template and editor, and
recording a change (one transaction on the working copy, logged)."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from stocktake_desktop.document import changelog
from stocktake_desktop.document.checks import reason
from stocktake_desktop.document.connections import connect
from stocktake_desktop.document.errors import AnswerError, ReadOnlyError, StorageError
from stocktake_desktop.document.lock import ReturnLock
from stocktake_desktop.document.models import (
    ChangeLogEntry,
)
from stocktake_desktop.document.working import WorkingCopy
from stocktake_desktop.template import Question, Template

#: The fields of an answer; editing one takes an "agreed" answer back to "draft".
ANSWER_FIELDS = frozenset(
    {"codes", "narrative", "good_practice", "good_practice_note", "support_required"}
)


class DocumentBase:
    """State and internals the document's parts (answers, evidence, completion, saving) share;
    :class:`~stocktake_desktop.document.store.ReturnDocument` sets them up."""

    path: Path
    template: Template
    editor: str
    _conn: sqlite3.Connection
    _db_path: Path
    _lock: ReturnLock | None
    _working: WorkingCopy | None
    _publish_lock: threading.Lock
    _last_backup: float
    _closed: bool
    _separate_versions: bool  # while True, no change extends the version before it

    @property
    def locality(self) -> str:
        return self._meta("locality")

    def completion(self) -> dict[str, str]:
        """Completed-by and sign-off values by key, e.g. ``completed_by.name``."""
        return dict(self._conn.execute("SELECT key, value FROM completion").fetchall())

    def _question(self, ref: str) -> Question:
        try:
            return self.template.question(ref)
        except KeyError as error:
            raise AnswerError(f"There is no question {ref} in this stocktake.") from error

    def _set_completion(self, key: str, value: str) -> None:
        old = self.completion().get(key, "")
        if old == value:
            return
        with self._edit() as conn:
            conn.execute(
                "INSERT INTO completion(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            self._log(conn, "", key, old, value)

    @contextlib.contextmanager
    def _edit(self) -> Iterator[sqlite3.Connection]:
        if self._working is None:
            raise ReadOnlyError(f"{self.path.name} is open read-only; changes cannot be made.")
        if self._closed:
            raise ReadOnlyError(f"{self.path.name} has been closed.")
        if self._conn.in_transaction:  # part of a batch(): the batch commits
            yield self._conn
            return
        try:
            with _transaction(self._conn) as conn:
                yield conn
        except sqlite3.Error as error:
            raise StorageError(f"Could not record the change: {reason(error)}") from error

    def _log(self, conn: sqlite3.Connection, ref: str, field: str, old: str, new: str) -> None:
        """Record one change in the change log, tagged with the meeting running (if any).

        An edit of an answer the partnership had agreed takes it back to draft first, as an
        entry of its own (so the edit itself stays one version with the typing that follows)."""
        after = field != "export" and bool(
            conn.execute("SELECT count(*) FROM submission WHERE final = 1").fetchone()[0]
        )
        meeting = self._running_meeting_id(conn)
        if field in ANSWER_FIELDS and ref:
            agreed = conn.execute(
                "SELECT 1 FROM agreement WHERE ref = ? AND status = 'agreed'", (ref,)
            ).fetchone()
            if agreed:
                conn.execute(
                    "UPDATE agreement SET status = 'draft', meeting = ? WHERE ref = ?",
                    (meeting, ref),
                )
                changelog.record(
                    conn,
                    who=self.editor,
                    ref=ref,
                    field="agreement",
                    old="agreed",
                    new="draft",
                    after_submission=after,
                    meeting=meeting,
                )
        changelog.record(
            conn,
            who=self.editor,
            ref=ref,
            field=field,
            old=old,
            new=new,
            after_submission=after,
            meeting=meeting,
            extend=not self._separate_versions,
        )

    @contextlib.contextmanager
    def _as_separate_versions(self) -> Iterator[None]:
        """Changes made inside are each a version of their own (a restore never merges into
        the typing before it, so that typing stays in the history)."""
        before, self._separate_versions = self._separate_versions, True
        try:
            yield
        finally:
            self._separate_versions = before

    def _running_meeting_id(self, conn: sqlite3.Connection) -> str:
        """The id of the meeting under way, or ""."""
        row = conn.execute(
            "SELECT id FROM meeting WHERE ended_at = '' ORDER BY started_at DESC, id DESC LIMIT 1"
        ).fetchone()
        return str(row[0]) if row else ""

    def _meta(self, key: str) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    def _last_change(self) -> int:
        return changelog.revision(self._conn)

    def change_log(self, ref: str | None = None) -> list[ChangeLogEntry]:
        return changelog.entries(self._conn, ref)


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def _last_change_id(db: Path) -> int:
    conn = connect(db)
    try:
        return changelog.revision(conn)
    finally:
        conn.close()
