"""Carrying out a merge plan: every change in one transaction, each logged as its author's and
tagged with the copy it was written on, then the merge itself in the change log."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from stocktake_desktop.document import ReturnDocument, changelog
from stocktake_desktop.document.conflicts import Conflict
from stocktake_desktop.document.meetings import checked_action, meeting_line
from stocktake_desktop.document.models import Action, Attendee, Meeting
from stocktake_desktop.merge.evidence import EvidenceArrival
from stocktake_desktop.merge.items import Arrival
from stocktake_desktop.merge.opening import MergeRefusedError
from stocktake_desktop.merge.plan import MergePlan
from stocktake_desktop.merge.plan_types import Clash


@dataclass(frozen=True, slots=True)
class MergeResult:
    """A merge made: its plan, and every conflict the return now has to review."""

    plan: MergePlan
    file: str  # the return's file name
    conflicts: tuple[Conflict, ...]

    @property
    def summary(self) -> str:
        """One sentence: what was merged, and what is left to review."""
        plan = self.plan
        if plan.nothing_new:
            said = f"Nothing new to merge from {plan.copy}"
        else:
            said = f"Merged {plan.copy} into {self.file}: {_count(plan.changes, 'change')} taken"
            if plan.clashes:
                said += f", {_count(len(plan.clashes), 'new conflict')}"
        if self.conflicts:
            return f"{said}; {_count(len(self.conflicts), 'conflict')} to review."
        return said + "."


def apply_merge(document: ReturnDocument, theirs: ReturnDocument, plan: MergePlan) -> MergeResult:
    """Make the changes ``plan`` (from :func:`plan_merge` on these two) lists, all or none.
    A plan made before the return last changed is refused (it could undo what was typed)."""
    if changelog.revision(document._conn) != plan.revision:
        raise MergeRefusedError(
            f"{document.path.name} has changed since merging {plan.copy} was planned; plan it "
            "again so that nothing written since is undone."
        )
    if not plan.nothing_new:
        with document.batch():
            conn = document._conn
            _apply_items(document, conn, plan)
            for take in plan.takes:
                with document._writing_as(take.who, take.copy):
                    document._write_field(take.ref, take.field, take.value)
            for ref, meeting in plan.agreement_meetings.items():  # where it was agreed there
                conn.execute("UPDATE agreement SET meeting = ? WHERE ref = ?", (meeting, ref))
            for arrival in plan.evidence:
                _add_evidence(document, conn, theirs, arrival, plan.copy)
            for clash in plan.clashes:
                document._add_conflict(conn, *_clash_values(clash))
            with document._as_separate_versions():
                document._log(conn, "", "merge", "", _merge_note(plan))
            document._add_merge_record(conn, plan.copy, plan.through, plan.fingerprint)
            for record in plan.records:
                document._add_merge_record(
                    conn, record.copy, record.through, record.fingerprint, via=plan.copy
                )
    return MergeResult(plan, document.path.name, tuple(document.conflicts()))


def _apply_items(document: ReturnDocument, conn: sqlite3.Connection, plan: MergePlan) -> None:
    items = plan.items
    for arrival in items.meetings:
        meeting = _meeting(arrival)
        with document._writing_as(arrival.who, arrival.copy):
            conn.execute(
                "INSERT INTO meeting(id, title, date, chair, started_at, ended_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    arrival.target,
                    meeting.title,
                    meeting.date,
                    meeting.chair,
                    meeting.started_at,
                    meeting.ended_at,
                ),
            )
            document._log(conn, "", "meeting", "", f"started {_meeting_line(arrival)}")
            if meeting.ended_at:
                document._log(conn, "", "meeting", "", f"ended {arrival.target}: {meeting.title}")
    for arrival in items.meeting_details:
        meeting = _meeting(arrival)
        with document._writing_as(arrival.who, arrival.copy):
            document.update_meeting(
                arrival.target, title=meeting.title, date=meeting.date, chair=meeting.chair
            )
    for arrival in items.meeting_ends:
        meeting = _meeting(arrival)
        with document._writing_as(arrival.who, arrival.copy):
            conn.execute(
                "UPDATE meeting SET ended_at = ? WHERE id = ?", (meeting.ended_at, arrival.target)
            )
            document._log(conn, "", "meeting", "", f"ended {arrival.target}: {meeting.title}")
    for arrival in items.attendees:
        person = arrival.item
        assert isinstance(person, Attendee)
        with document._writing_as(arrival.who, arrival.copy):
            document.add_attendee(arrival.target, person.name, person.organisation)
    for arrival in items.actions:
        action = _action(arrival)
        fields = (action.ref, action.text, action.owner, action.due, action.status)
        with document._writing_as(arrival.who, arrival.copy):
            document._write_action(
                checked_action(document, arrival.target, *fields, arrival.meeting), None
            )
    for arrival in items.action_details:
        action = _action(arrival)
        with document._writing_as(arrival.who, arrival.copy):
            document.update_action(
                arrival.target,
                ref=action.ref,
                text=action.text,
                owner=action.owner,
                due=action.due,
                status=action.status,
            )


def _add_evidence(
    document: ReturnDocument,
    conn: sqlite3.Connection,
    theirs: ReturnDocument,
    arrival: EvidenceArrival,
    copy: str,
) -> None:
    link = arrival.link
    content = theirs.embedded_content(link.id) if link.embedded else None
    with document._writing_as(link.added_by, copy):
        if arrival.into is not None:
            conn.execute("UPDATE evidence SET content = ? WHERE id = ?", (content, arrival.into))
            document._log(
                conn, link.ref, "evidence", link.file_name, f"{link.file_name} (copy kept)"
            )
            return
        conn.execute(
            "INSERT INTO evidence(ref, original_path, file_name, size, sha256, modified, "
            "added_by, added_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                link.ref,
                link.original_path,
                link.file_name,
                link.size,
                link.sha256,
                link.modified,
                link.added_by,
                link.added_at,
                content,
            ),
        )
        document._log(conn, link.ref, "evidence", "", link.file_name)


def _clash_values(clash: Clash) -> tuple[str, str, str, str, str | None, str, str]:
    return (clash.ref, clash.field, clash.mine, clash.theirs, clash.base, clash.copy, clash.who)


def _merge_note(plan: MergePlan) -> str:
    how = f"from {plan.base.how}" if plan.base is not None else "two returns made separately"
    note = f"merged {plan.copy} ({how}): {_count(plan.changes, 'change')} taken"
    if plan.clashes:
        note += f", {_count(len(plan.clashes), 'conflict')} kept for review"
    return note


def _meeting_line(arrival: Arrival) -> str:
    """The meeting as the change log describes it: "m3: Board, 20 June 2013, chaired by …"."""
    meeting = _meeting(arrival)
    return meeting_line(arrival.target, meeting.title, meeting.date, meeting.chair)


def _meeting(arrival: Arrival) -> Meeting:
    assert isinstance(arrival.item, Meeting)
    return arrival.item


def _action(arrival: Arrival) -> Action:
    assert isinstance(arrival.item, Action)
    return arrival.item


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
