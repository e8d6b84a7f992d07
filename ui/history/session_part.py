"""The session's history part (U3): versions, restoring, what changed, the change log, sign-off
lapses and the meeting record.

:class:`~ui.session.Session` is made of this part, the meetings part and its own writing
machinery. A restore or a confirmation is done now or refused with the reason (``rejected``),
never retried later behind the user's back: a restore repeated after more typing would undo
that typing. Pending typing is written first, so it stays in the history. After a restore the
session emits ``restored`` (the refs put back: the window reloads their cards), then
``answer_changed`` and ``agreement_changed`` for each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from stocktake_desktop.document import ReturnError
from stocktake_desktop.document.base import ANSWER_FIELDS
from stocktake_desktop.document.history import Point
from stocktake_desktop.document.models import (
    AnswerChange,
    ChangeLogEntry,
    FieldVersion,
    SignOffLapse,
)

from ..session_part import SessionPart

if TYPE_CHECKING:
    pass

T = TypeVar("T")
#: The fields an undo puts back after the answers (an answer edit can take "agreed" to draft).
AGREEMENT_FIELDS = ("agreement", "agreement_note")


@dataclass(frozen=True, slots=True)
class Restored:
    """What :meth:`HistorySessionPart.restore_to` did, and how to undo it."""

    fields: int  # how many fields changed
    refs: tuple[str, ...]  # the answers put back
    undo: tuple[tuple[str, int], ...]  # (ref, version id) holding each value just before


class HistorySessionPart(SessionPart):
    """History and restore, as the history panel, the change views and the completion page
    reach them."""

    # ------------------------------------------------------------------ reading
    def field_versions(self, ref: str) -> list[FieldVersion]:
        """Every version of each field of ``ref``, newest first."""
        return [] if self.closed else self.document.field_versions(ref)

    def changes_since(self, point: Point) -> list[AnswerChange]:
        """Each answer changed since ``point`` (a meeting's id: its start; or a time)."""
        return [] if self.closed else self.document.changes_since(point)

    def changes_in_meeting(self, meeting_id: str) -> list[AnswerChange]:
        return [] if self.closed else self.document.changes_in_meeting(meeting_id)

    def find_changes(
        self,
        *,
        person: str | None = None,
        ref: str | None = None,
        meeting: str | None = None,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
    ) -> list[ChangeLogEntry]:
        """The whole return's change log, newest first, narrowed as the core's ``find_changes``."""
        if self.closed:
            return []
        return self.document.find_changes(
            person=person, ref=ref, meeting=meeting, since=since, until=until
        )

    def contributors(self) -> list[str]:
        """Everyone who made a change, in the order they first did."""
        return [] if self.closed else [c.name for c in self.document.contributors()]

    def lapsed_sign_offs(self) -> list[SignOffLapse]:
        return [] if self.closed else self.document.lapsed_sign_offs()

    # ------------------------------------------------------------------ restoring
    def restore_version(self, ref: str, version_id: int) -> bool:
        """Make version ``version_id`` of one of ``ref``'s fields current again (a new change
        by the contributor); True when it changed anything."""
        changed = self._history_write(lambda: self.document.restore_version(ref, version_id))
        if changed:
            self._after_restore((ref,))
        return bool(changed)

    def restore_to(self, point: Point) -> Restored | None:
        """Put every answer changed since ``point`` back as it was then, in one step; None
        when nothing could be done (``rejected`` says why) or nothing had changed."""
        if self.closed:
            return None
        self.flush_edits()
        try:
            changes = self.document.changes_since(point)
        except ReturnError as error:
            self.rejected.emit(str(error))
            return None
        if not changes:
            return None
        undo = self._undo_plan(changes)
        count = self._history_write(lambda: self.document.restore_to(point))
        if not count:
            return None
        refs = tuple(change.ref for change in changes)
        self._after_restore(refs)
        return Restored(count, refs, undo)

    def undo_restore(self, restored: Restored) -> bool:
        """Put back what :meth:`restore_to` replaced, in one step; True when done."""

        def apply() -> bool:
            with self.document.batch():
                for ref, version_id in restored.undo:
                    self.document.restore_version(ref, version_id)
            return True

        done = self._history_write(apply)
        if done:
            self._after_restore(restored.refs)
        return bool(done)

    def _undo_plan(self, changes: Iterable[AnswerChange]) -> tuple[tuple[str, int], ...]:
        """For each field a restore to before ``changes`` touches, the version holding its
        value now; the answers' fields first, then the agreement (which an answer edit can
        take back to draft)."""
        answers: list[tuple[str, int]] = []
        agreement: list[tuple[str, int]] = []
        for change in changes:
            wanted = {field.field for field in change.fields} | set(AGREEMENT_FIELDS)
            newest: dict[str, int] = {}
            for version in self.document.field_versions(change.ref):  # newest first
                if version.field in wanted:
                    newest.setdefault(version.field, version.id)
            for field, version_id in newest.items():
                target = answers if field in ANSWER_FIELDS else agreement
                target.append((change.ref, version_id))
        return (*answers, *agreement)

    def _after_restore(self, refs: Iterable[str]) -> None:
        chosen = tuple(dict.fromkeys(refs))
        self._changed(None)  # the saver, and the completion page (sign-off lapses)
        self.restored.emit(chosen)
        for ref in chosen:
            self.answer_changed.emit(ref)
            self._agreement_is(self.document.agreement(ref))

    # ------------------------------------------------------------------ sign-off, the record
    def confirm_sign_off(self, role: str) -> str | None:
        """The signatory confirms the return as it is now: today's date (ISO), or None."""
        self.flush_edits()
        confirmed = self._history_write(lambda: self.document.confirm_sign_off(role))
        if confirmed:
            self._changed(None)
        return confirmed

    def export_meeting_record(self, meeting_id: str, folder: Path) -> Path | None:
        """Write the record of meeting ``meeting_id`` (a PDF) into ``folder``; the file, or
        None (``rejected`` says why)."""
        from stocktake_desktop.export.meeting_record import export_meeting_record

        if self.closed:
            return None
        self.flush_edits()
        if self.exporting:
            self.rejected.emit("The return is being exported. Try again when it has finished.")
            return None
        try:
            return export_meeting_record(self.document, meeting_id, Path(folder))
        except ReturnError as error:
            self.rejected.emit(str(error))
            return None

    # ------------------------------------------------------------------ writing once
    def _history_write(self, apply: Callable[[], T]) -> T | None:
        """Done now (``apply``'s result) or refused with the reason (None); never kept for a
        retry."""
        if self.read_only or self.closed:
            return None
        if self.exporting:
            self.rejected.emit("The return is being exported. Try again when it has finished.")
            return None
        self.flush_edits()
        try:
            return apply()
        except ReturnError as error:
            self.rejected.emit(str(error))
            return None
