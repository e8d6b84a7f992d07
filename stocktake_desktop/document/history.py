"""The change log made useful: every version of an answer's fields, restoring one, what
changed since a point in time or in a meeting, restoring everything to a point, and finding
changes across the whole return.

A version's handle is the id of its change-log entry. Restoring never deletes anything: it is
a new change by the person editing now, a version of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time

from stocktake_desktop.document import changelog
from stocktake_desktop.document.answers import AnswerEdits
from stocktake_desktop.document.base import ANSWER_FIELDS
from stocktake_desktop.document.errors import AnswerError
from stocktake_desktop.document.meetings import MeetingRecords
from stocktake_desktop.document.models import (
    AGREEMENT_STATUSES,
    AnswerChange,
    ChangeLogEntry,
    FieldChange,
    FieldVersion,
)

#: The fields of an answer that have versions, in the order an answer shows them.
HISTORY_FIELDS = (
    "codes",
    "narrative",
    "good_practice",
    "good_practice_note",
    "support_required",
    "agreement",
    "agreement_note",
)
_FIELDS_SQL = ", ".join(f"'{field}'" for field in HISTORY_FIELDS)
_MEETING_ID = re.compile(r"m\d{1,9}")

#: A point in the return's life: a meeting's id (its start), or a date and time.
Point = str | datetime


class AnswerHistory(AnswerEdits, MeetingRecords):
    """Versions, differences and restoring, built on the change log."""

    def field_versions(self, ref: str) -> list[FieldVersion]:
        """Every version of each field of answer ``ref``, newest first (one person's continuous
        typing is one version)."""
        self._question(ref)
        found = changelog.select(
            self._conn,
            f"ref = ? AND field IN ({_FIELDS_SQL})",
            (ref,),
            newest_first=True,
        )
        return [_version(entry) for entry in found]

    def field_version(self, ref: str, version_id: int) -> FieldVersion:
        """One version of answer ``ref``'s fields, by its id."""
        self._question(ref)
        found = changelog.select(
            self._conn, f"id = ? AND ref = ? AND field IN ({_FIELDS_SQL})", (version_id, ref)
        )
        if not found:
            raise AnswerError(f"{ref} has no version {version_id}; `history` lists its versions.")
        return _version(found[0])

    def restore_version(self, ref: str, version_id: int) -> bool:
        """Make the field of version ``version_id`` hold that version's value again, as a new
        change by the person editing now. False when it already holds it."""
        version = self.field_version(ref, version_id)
        before = self._revision_now()
        with self._as_separate_versions():
            self._put(ref, version.field, version.value)
        return self._revision_now() != before

    def changes_since(self, point: Point) -> list[AnswerChange]:
        """Each answer changed after ``point`` (a meeting's id: since it started; or a date and
        time), with each field's value then and now; fields changed and changed back are left
        out."""
        first = self._first_entry_after(point)
        return self._answer_changes("id >= ?", (first,))

    def changes_in_meeting(self, meeting_id: str) -> list[AnswerChange]:
        """Each answer changed during meeting ``meeting_id``, with its fields before and after."""
        self._check_meeting(meeting_id)
        return self._answer_changes("meeting = ?", (meeting_id,))

    def changes_after_entry(self, entry_id: int) -> list[AnswerChange]:
        """Each answer changed after change-log entry ``entry_id`` (as :meth:`changes_since`)."""
        return self._answer_changes("id > ?", (entry_id,))

    def restore_to(self, point: Point) -> int:
        """Put every answer field changed since ``point`` back to its value then, in one
        transaction (one step to undo); how many fields changed. The agreement is restored too,
        after the answers; meetings and actions are left as they are (nothing is deleted)."""
        changes = self.changes_since(point)
        before = self._revision_now()
        with self._edit(), self._as_separate_versions():
            for change in changes:
                ordered = sorted(change.fields, key=lambda f: f.field not in ANSWER_FIELDS)
                for field in ordered:
                    self._put(change.ref, field.field, field.before)
        return self._revision_now() - before

    def find_changes(
        self,
        *,
        person: str | None = None,
        ref: str | None = None,
        meeting: str | None = None,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
        fields: Iterable[str] | None = None,
    ) -> list[ChangeLogEntry]:
        """The whole return's change log, newest first, narrowed by who made the change, the
        question (``""`` for the return's own details), the meeting (``""``: outside meetings),
        the date or time range (dates include the whole day) and the fields."""
        where: list[str] = []
        params: list[object] = []
        for column, value in (("who", person), ("ref", ref), ("meeting", meeting)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if fields is not None:
            chosen = list(fields)
            where.append(f"field IN ({', '.join('?' for _ in chosen)})" if chosen else "0")
            params.extend(chosen)
        found = changelog.select(self._conn, " AND ".join(where), tuple(params), newest_first=True)
        if since is None and until is None:
            return found
        start = _moment(since, time.min) if since is not None else None
        end = _moment(until, time.max) if until is not None else None
        return [entry for entry in found if _within(entry.at, start, end)]

    # ----------------------------------------------------------------- internals
    def _put(self, ref: str, field: str, value: str) -> None:
        """Set one field of an answer from its value as the change log records it."""
        if field in ("narrative", "good_practice_note", "support_required"):
            self._set_text(ref, field, value)
        elif field == "codes":
            self.set_codes(ref, [int(code) for code in re.findall(r"\d+", value)])
        elif field == "good_practice":
            self.set_good_practice(ref, value == "Yes")
        elif field in ("agreement", "agreement_note"):
            current = self.agreement(ref)
            if field == "agreement":
                status = value if value in AGREEMENT_STATUSES else "draft"
                self.set_agreement(ref, status, current.note)
            else:
                self.set_agreement(ref, current.status, value)
        else:
            raise AnswerError(f"{ref}: the {field} field cannot be restored.")

    def _revision_now(self) -> int:
        return changelog.revision(self._conn)

    def _check_meeting(self, meeting_id: str) -> None:
        row = self._conn.execute("SELECT 1 FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise AnswerError(f"There is no meeting {meeting_id!r} in this return.")

    def _first_entry_after(self, point: Point) -> int:
        """The id of the first change-log entry after ``point``."""
        if isinstance(point, str) and _MEETING_ID.fullmatch(point):
            self._check_meeting(point)
            row = self._conn.execute(
                "SELECT min(id) FROM change_log WHERE meeting = ?", (point,)
            ).fetchone()
            return int(row[0]) if row[0] is not None else changelog.revision(self._conn) + 1
        moment = _moment(point, time.min)
        for entry_id, at in self._conn.execute("SELECT id, at FROM change_log ORDER BY id DESC"):
            if not _within(at, moment, None):
                return int(entry_id) + 1
        return 0

    def _answer_changes(self, where: str, params: tuple[object, ...]) -> list[AnswerChange]:
        found = changelog.select(
            self._conn, f"{where} AND ref <> '' AND field IN ({_FIELDS_SQL})", params
        )
        by_ref: dict[str, dict[str, list[ChangeLogEntry]]] = {}
        for entry in found:
            by_ref.setdefault(entry.ref, {}).setdefault(entry.field, []).append(entry)
        order = {q.ref: index for index, q in enumerate(self.template.questions)}
        result = []
        for ref in sorted(by_ref, key=lambda r: order.get(r, len(order))):
            changed = []
            authors = _authors(by_ref[ref])
            for field in HISTORY_FIELDS:
                entries = by_ref[ref].get(field)
                if not entries or entries[0].old == entries[-1].new:
                    continue
                changed.append(
                    FieldChange(
                        field,
                        entries[0].old,
                        entries[-1].new,
                        len(entries),
                        authors[field],
                        entries[-1].at,
                    )
                )
            if changed:
                result.append(AnswerChange(ref, tuple(changed)))
        return result


def _authors(fields: dict[str, list[ChangeLogEntry]]) -> dict[str, tuple[str, ...]]:
    """Who made what each field of one answer holds at the end of ``fields`` (its entries
    over a stretch of the log, by field): the people whose changes stand.

    The answer is followed as a whole, entry by entry. A change that brings every field
    back to how an earlier point had them (a restore, its undo, a version put back) is
    nobody's work: the fields' authors are again those of that point. Any other change adds
    its author to the field it changed. So an agreement restored away and put back is still
    the agreement of whoever made it, and an agreement made again after an edit took the
    answer back to draft is the agreement of whoever made it again."""
    entries = sorted((e for found in fields.values() for e in found), key=lambda e: e.id)
    values = {field: found[0].old for field, found in fields.items()}
    authors: dict[str, tuple[str, ...]] = {field: () for field in fields}
    seen = {tuple(sorted(values.items())): dict(authors)}
    for entry in entries:
        values[entry.field] = entry.new
        state = tuple(sorted(values.items()))
        earlier = seen.get(state)
        if earlier is not None:
            authors = dict(earlier)
            continue
        people = authors[entry.field]
        authors[entry.field] = (*people, entry.who) if entry.who not in people else people
        seen[state] = dict(authors)
    return authors


def _version(entry: ChangeLogEntry) -> FieldVersion:
    return FieldVersion(
        entry.id, entry.at, entry.who, entry.ref, entry.field, entry.meeting, entry.new, entry.old
    )


def _moment(value: Point | date, at: time) -> datetime:
    """A date (its start or end, local time), a date and time, or ISO text, as an aware time."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError as error:
            raise AnswerError(
                f"{value!r} is neither a meeting (like m1) nor a date and time (ISO 8601)."
            ) from error
    if not isinstance(value, datetime):
        value = datetime.combine(value, at)
    return value if value.tzinfo is not None else value.astimezone()


def _within(at: str, start: datetime | None, end: datetime | None) -> bool:
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return False
    return (start is None or moment >= start) and (end is None or moment <= end)
