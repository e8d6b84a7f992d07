"""Conflicts found by merging a partner's copy, and resolving them; the merges made.

A conflict is one field both copies changed differently (or, for two returns made separately,
filled differently). It keeps both versions, and the base where there is one, for review; it is
never decided silently and never deleted: resolving it keeps this copy's version, takes the
other copy's, or puts in a combined text, each a change in the change log. ``merge_record``
remembers each copy merged (how far its change log went), so merging it again changes nothing;
``change_copy`` names the copy each change brought in by a merge was written on.

Fields are named as the change log names them: an answer's ``codes``, ``narrative``…,
``agreement`` and ``agreement_note`` under its question's ref; ``completed_by.*`` and
``sign_off.*`` under the ref "completion"; ``locality``, ``meeting m2`` and ``attendee m2: Name``
under "return"; ``action a3`` under the action's question. Meetings and actions are held as JSON.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document.base import now_iso
from stocktake_desktop.document.completion import CompletionAndSubmissions
from stocktake_desktop.document.errors import AnswerError
from stocktake_desktop.document.history import AnswerHistory
from stocktake_desktop.text import normalise_text

#: Refs of conflicts that are not about one question.
COMPLETION, RETURN = "completion", "return"
#: Fields whose conflicts can be settled with a combined text.
TEXT_FIELDS = frozenset({"narrative", "good_practice_note", "support_required", "agreement_note"})
KEEP_MINE, KEEP_THEIRS, EDITED, SUPERSEDED = "mine", "theirs", "edited", "superseded"

_CONFLICT_SQL = (
    "SELECT id, ref, field, mine, theirs, base, copy, theirs_by, found_at, resolution, "
    "resolved_by, resolved_at FROM conflict"
)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two versions of one field, kept for review. ``mine`` is this copy's value when the
    conflict was found; ``base`` is None when the copies share no earlier version."""

    id: int
    ref: str
    field: str
    mine: str
    theirs: str
    base: str | None
    copy: str  # the other copy's file name
    theirs_by: str  # who wrote the other copy's version
    found_at: str
    resolution: str = ""  # "", "mine", "theirs", "edited" or "superseded"
    resolved_by: str = ""
    resolved_at: str = ""

    @property
    def open(self) -> bool:
        return not self.resolution

    @property
    def editable(self) -> bool:
        """Whether a combined text can settle it (free-text fields and completion details)."""
        return self.field in TEXT_FIELDS or (self.ref == COMPLETION and "date" not in self.field)

    @property
    def label(self) -> str:
        """How messages name it: "3.1 narrative", "completion sign_off.chair.name"."""
        return f"{self.ref} {self.field}"

    def shown(self, value: str | None) -> str:
        """A value of this conflict as people read it (meetings and actions in words)."""
        return describe_value(self.field, value)


@dataclass(frozen=True, slots=True)
class MergeRecord:
    """A copy merged into this return: its change log up to entry ``through`` (whose
    fingerprint is kept), recorded by this return's entry ``entry``; ``via`` names the copy
    whose merge brought the record in ("" when it was merged here)."""

    id: int
    at: str
    who: str
    copy: str
    through: int
    fingerprint: str
    entry: int
    via: str = ""


class ConflictRecords(AnswerHistory, CompletionAndSubmissions):
    """Conflicts kept for review, resolving them, and the merges recorded."""

    # ----------------------------------------------------------------- reading
    def conflicts(self, *, include_resolved: bool = False) -> list[Conflict]:
        """The conflicts still to review (every one ever found with ``include_resolved``),
        in the order found."""
        where = "" if include_resolved else " WHERE resolution = ''"
        rows = self._conn.execute(_CONFLICT_SQL + where + " ORDER BY id").fetchall()
        return [Conflict(*row) for row in rows]

    def open_conflicts(self, ref: str, field: str) -> list[Conflict]:
        """The conflicts still to review on one field, oldest first."""
        return [c for c in self.conflicts() if (c.ref, c.field) == (ref, field)]

    def conflict(self, conflict_id: int) -> Conflict:
        row = self._conn.execute(_CONFLICT_SQL + " WHERE id = ?", (conflict_id,)).fetchone()
        if row is None:
            raise AnswerError(f"There is no conflict {conflict_id} in this return.")
        return Conflict(*row)

    def merge_records(self) -> list[MergeRecord]:
        rows = self._conn.execute(
            "SELECT id, at, who, copy, through, fingerprint, entry, via FROM merge_record "
            "ORDER BY id"
        ).fetchall()
        return [MergeRecord(*row) for row in rows]

    def change_copies(self) -> dict[int, str]:
        """Change-log entry id -> the copy it was written on, for changes a merge brought in."""
        return dict(self._conn.execute("SELECT entry, copy FROM change_copy").fetchall())

    # ----------------------------------------------------------------- resolving
    def resolve_conflict(self, conflict_id: int, keep: str) -> Conflict:
        """Settle a conflict: ``keep="mine"`` keeps this copy's value as it is now,
        ``keep="theirs"`` puts in the other copy's version (as a change by its author)."""
        found = self._open_conflict(conflict_id)
        if keep not in (KEEP_MINE, KEEP_THEIRS):
            raise AnswerError(f"Keep {keep!r}? Choose mine or theirs.")
        with self._edit():
            if keep == KEEP_THEIRS:
                with self._writing_as(found.theirs_by, found.copy):
                    self._write_field(found.ref, found.field, found.theirs)
                said = f"kept {found.theirs_by}'s version from {found.copy}"
            else:
                said = f"kept this copy's version ({found.theirs_by}'s from {found.copy} set aside)"
            self._settle(found, keep, said)
        return self.conflict(conflict_id)

    def resolve_conflict_with_text(self, conflict_id: int, text: str) -> Conflict:
        """Settle a conflict on a text field with a combined text written by the editor."""
        found = self._open_conflict(conflict_id)
        if not found.editable:
            raise AnswerError(
                f"{found.label} is not a text, so keep one version (mine or theirs) instead."
            )
        with self._edit():
            with self._as_separate_versions():
                self._write_field(found.ref, found.field, normalise_text(text))
            self._settle(found, EDITED, f"combined this copy's and {found.theirs_by}'s versions")
        return self.conflict(conflict_id)

    # ----------------------------------------------------------------- for merging
    @contextlib.contextmanager
    def _writing_as(self, who: str, copy: str) -> Iterator[None]:
        """Changes made inside are logged as ``who``'s, written on ``copy``, each a version of
        its own (call inside an edit: the copy is recorded in the same transaction)."""
        conn = self._conn
        before = conn.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]
        editor, self.editor = self.editor, who
        try:
            with self._as_separate_versions():
                yield
        finally:
            self.editor = editor
        if copy:
            conn.execute(
                "INSERT INTO change_copy(entry, copy) SELECT id, ? FROM change_log WHERE id > ?",
                (copy, before),
            )

    def _add_conflict(
        self,
        conn: sqlite3.Connection,
        ref: str,
        field: str,
        mine: str,
        theirs: str,
        base: str | None,
        copy: str,
        theirs_by: str,
    ) -> None:
        """Keep a conflict for review (an older open one from the same copy is superseded),
        and log the other copy's version as its author's."""
        for older in self.open_conflicts(ref, field):
            if older.copy == copy:
                conn.execute(
                    "UPDATE conflict SET resolution = ?, resolved_by = ?, resolved_at = ? "
                    "WHERE id = ?",
                    (SUPERSEDED, self.editor, now_iso(), older.id),
                )
        conn.execute(
            "INSERT INTO conflict(ref, field, mine, theirs, base, copy, theirs_by, found_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (ref, field, mine, theirs, base, copy, theirs_by, now_iso()),
        )
        with self._writing_as(theirs_by, copy):
            self._log(conn, _log_ref(ref), f"conflict.{field}", "", theirs)

    def _add_merge_record(
        self, conn: sqlite3.Connection, copy: str, through: int, fingerprint: str, via: str = ""
    ) -> None:
        """Remember a copy merged up to its entry ``through`` (logged just before)."""
        entry = conn.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]
        conn.execute(
            "INSERT INTO merge_record(at, who, copy, through, fingerprint, entry, via) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now_iso(), self.editor, copy, through, fingerprint, entry, via),
        )

    def _write_field(self, ref: str, field: str, value: str) -> None:
        """Set one field from its value as the change log (or a conflict) holds it."""
        kind, _, rest = field.partition(" ")
        if ref == COMPLETION:
            self._set_completion(field, value)
        elif (ref, field) == (RETURN, "locality"):
            self.set_locality(value)
        elif kind == "meeting":
            details = _record(value)
            self.update_meeting(
                rest, title=details["title"], date=details["date"], chair=details["chair"]
            )
        elif kind == "attendee":
            meeting, _, name = rest.partition(": ")
            self.add_attendee(meeting, name, value)
        elif kind == "action":
            details = _record(value)
            self.update_action(
                rest,
                ref=details["ref"],
                text=details["text"],
                owner=details["owner"],
                due=details["due"],
                status=details["status"],
            )
        else:
            self._put(ref, field, value)

    # ----------------------------------------------------------------- internals
    def _open_conflict(self, conflict_id: int) -> Conflict:
        found = self.conflict(conflict_id)
        if not found.open:
            raise AnswerError(f"The conflict on {found.label} has already been resolved.")
        return found

    def _settle(self, found: Conflict, resolution: str, said: str) -> None:
        with self._edit() as conn:
            conn.execute(
                "UPDATE conflict SET resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
                (resolution, self.editor, now_iso(), found.id),
            )
            with self._as_separate_versions():
                self._log(conn, _log_ref(found.ref), f"resolved.{found.field}", "", said)


def describe_value(field: str, value: str | None) -> str:
    """A conflict's value in words: meetings and actions are kept as JSON."""
    if value is None:
        return ""
    kind = field.partition(" ")[0]
    if kind not in ("meeting", "action"):
        return value
    try:
        details = _record(value)
    except AnswerError:
        return value
    if kind == "meeting":
        chair = f", chaired by {details['chair']}" if details["chair"] else ""
        return f"{details['title']}, {friendly_date(details['date'])}{chair}"
    owner = f"owner {details['owner']}" if details["owner"] else "no owner"
    due = f"due {friendly_date(details['due'])}" if details["due"] else "no due date"
    return f"{details['ref']}: {details['text']} ({owner}, {due}, {details['status']})"


def record_value(details: dict[str, str]) -> str:
    """A meeting's or action's details as a conflict holds them."""
    return json.dumps(details, ensure_ascii=False, sort_keys=True)


def _record(value: str) -> dict[str, str]:
    try:
        details = json.loads(value)
    except ValueError as error:
        raise AnswerError("This conflict's version cannot be read.") from error
    if not isinstance(details, dict):
        raise AnswerError("This conflict's version cannot be read.")
    return {str(k): str(v) for k, v in details.items()}


def _log_ref(ref: str) -> str:
    """The change log's ref for a conflict's ref (return-level fields have none)."""
    return "" if ref in (COMPLETION, RETURN) else ref
