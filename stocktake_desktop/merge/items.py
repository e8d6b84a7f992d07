"""Meetings, their attendees and the actions, as merging brings them in.

A meeting is the same in both copies when it started at the same moment (with the same id or
title); an action when it was created by the same person with the same words (or has the same
id and creation). The other copy's new meetings and actions arrive (renumbered when their ids
are taken here); details changed on one side only are taken; details changed on both sides
differently are conflicts. Nothing is taken away: an attendee this copy removed stays removed,
and one the other copy removed stays here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.conflicts import RETURN, record_value
from stocktake_desktop.document.models import Action, Attendee, Meeting
from stocktake_desktop.merge.bases import MINE, THEIRS, Base
from stocktake_desktop.merge.history import History, Key
from stocktake_desktop.merge.plan_types import Clash, Decision, decide
from stocktake_desktop.merge.values import action_details, meeting_details


@dataclass(frozen=True, slots=True)
class Arrival:
    """A meeting, attendee or action of the other copy to record here, written by ``who``.
    ``target`` is its id here (a meeting's or action's, or the meeting of an attendee)."""

    target: str
    item: Meeting | Attendee | Action
    who: str
    copy: str
    meeting: str = ""  # an action's meeting, by its id here


@dataclass
class ItemsPlan:
    """What the other copy's meetings and actions bring; ``len`` counts the changes."""

    meeting_ids: dict[str, str] = field(default_factory=dict)  # theirs -> here
    meetings: list[Arrival] = field(default_factory=list)  # new here
    meeting_details: list[Arrival] = field(default_factory=list)  # details taken
    meeting_ends: list[Arrival] = field(default_factory=list)
    attendees: list[Arrival] = field(default_factory=list)  # added or organisation taken
    actions: list[Arrival] = field(default_factory=list)  # new here
    action_details: list[Arrival] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(
            len(part)
            for part in (
                self.meetings,
                self.meeting_details,
                self.meeting_ends,
                self.attendees,
                self.actions,
                self.action_details,
            )
        )


class ItemsPlanner:
    """Plans the meetings and actions of ``theirs`` into ``mine`` against ``base``."""

    def __init__(
        self,
        mine: ReturnDocument,
        theirs: ReturnDocument,
        logs: dict[str, History],
        base: Base | None,
    ) -> None:
        self.mine, self.theirs, self.logs, self.base = mine, theirs, logs, base
        self.plan = ItemsPlan()
        self._mine_log, self._theirs_log = logs[MINE], logs[THEIRS]

    def run(self) -> ItemsPlan:
        for meeting in self.theirs.meetings():
            self._meeting(meeting)
        self._actions()
        return self.plan

    # ----------------------------------------------------------------- meetings
    def _meeting(self, theirs: Meeting) -> None:
        here = next(
            (
                m
                for m in self.mine.meetings()
                if m.started_at == theirs.started_at and self._same("meeting", m.id, theirs.id)
            ),
            None,
        )
        who, copy = self._author(("meeting", theirs.id))
        if here is None:
            target = self._free_id("m", [m.id for m in self.mine.meetings()], self.plan.meetings)
            self.plan.meeting_ids[theirs.id] = target
            self.plan.meetings.append(Arrival(target, theirs, who, copy))
            for person in theirs.attendees:
                self.plan.attendees.append(Arrival(target, person, who, copy))
            return
        self.plan.meeting_ids[theirs.id] = here.id
        ids = {MINE: here.id, THEIRS: theirs.id}
        mine_details = meeting_details(here)
        theirs_details = meeting_details(theirs)
        if mine_details != theirs_details:
            choice = self._decide(("meeting", ids[MINE]), ("meeting", ids[THEIRS]), ids)
            if choice.take:
                self.plan.meeting_details.append(Arrival(here.id, theirs, who, copy))
            elif choice.clash:
                self.plan.clashes.append(
                    Clash(
                        RETURN,
                        f"meeting {here.id}",
                        record_value(mine_details),
                        record_value(theirs_details),
                        choice.base,
                        who,
                        copy,
                    )
                )
        if theirs.ended_at and not here.ended_at:
            self.plan.meeting_ends.append(Arrival(here.id, theirs, who, copy))
        self._attendees(here, theirs, ids)

    def _attendees(self, here: Meeting, theirs: Meeting, ids: dict[str, str]) -> None:
        present = {person.name: person for person in here.attendees}
        for person in theirs.attendees:
            who, copy = self._attendee_author(theirs.id, person.name)
            mine = present.get(person.name)
            base = self._attendee_at_base(ids, person.name)
            if mine is None:
                if base is None:  # new on their side (one this copy removed stays removed)
                    self.plan.attendees.append(Arrival(here.id, person, who, copy))
                continue
            if mine.organisation == person.organisation:
                continue
            choice = decide(("", "attendee"), mine.organisation, person.organisation, base)
            if choice.take:
                self.plan.attendees.append(Arrival(here.id, person, who, copy))
            elif choice.clash:
                self.plan.clashes.append(
                    Clash(
                        RETURN,
                        f"attendee {here.id}: {person.name}",
                        mine.organisation,
                        person.organisation,
                        choice.base,
                        who,
                        copy,
                    )
                )

    def _attendee_at_base(self, ids: dict[str, str], name: str) -> str | None:
        """The attendee's organisation in the base; None when not listed there."""
        if self.base is None:
            return None
        log = self.logs[self.base.side]
        meeting = ids[self.base.side]
        found: str | None = None
        for index in log.attendee_rows:
            if log.entry_id(index) > self.base.through:
                break
            new, old = log.raw(index, "new"), log.raw(index, "old")
            if _names(new, meeting, name) is not None:
                found = _names(new, meeting, name)
            elif _names(old, meeting, name) is not None and not new:
                found = None
        return found

    # ----------------------------------------------------------------- actions
    def _actions(self) -> None:
        mine_actions = self.mine.actions()
        matched: set[str] = set()
        for theirs in self.theirs.actions():
            here = next(
                (
                    a
                    for a in mine_actions
                    if a.id not in matched and self._same("action", a.id, theirs.id)
                ),
                None,
            )
            who, copy = self._author(("action", theirs.id), creation=True)
            meeting = self.plan.meeting_ids.get(theirs.meeting, "")
            if here is None:
                target = self._free_id("a", [a.id for a in mine_actions], self.plan.actions)
                self.plan.actions.append(Arrival(target, theirs, who, copy, meeting))
                continue
            matched.add(here.id)
            mine_details, theirs_details = action_details(here), action_details(theirs)
            if mine_details == theirs_details:
                continue
            ids = {MINE: here.id, THEIRS: theirs.id}
            choice = self._decide(("action", here.id), ("action", theirs.id), ids)
            who, copy = self._author(("action", theirs.id))
            if choice.take:
                self.plan.action_details.append(Arrival(here.id, theirs, who, copy, meeting))
            elif choice.clash:
                self.plan.clashes.append(
                    Clash(
                        here.ref,
                        f"action {here.id}",
                        record_value(mine_details),
                        record_value(theirs_details),
                        choice.base,
                        who,
                        copy,
                    )
                )

    def _same(self, kind: str, mine: str, theirs: str) -> bool:
        """Whether a meeting or action here and one there are one: the same creation, or one
        copy's was brought in from the other's (by the same author, with details the other
        has had)."""
        mine_first = self._mine_log.creation((kind, mine))
        theirs_first = self._theirs_log.creation((kind, theirs))
        if mine_first is None or theirs_first is None:
            return False
        if mine_first.created == theirs_first.created:
            return True
        if mine_first.who != theirs_first.who:
            return False
        return mine_first.value in self._theirs_log.values_of(
            (kind, theirs)
        ) or theirs_first.value in self._mine_log.values_of((kind, mine))

    # ----------------------------------------------------------------- shared
    def _decide(self, mine_key: Key, theirs_key: Key, ids: dict[str, str]) -> Decision:
        """Three-way on the items' lines in each log (their ids may differ by copy)."""
        mine = self._mine_log.latest(mine_key)
        theirs = self._theirs_log.latest(theirs_key)
        base: str | None = None
        if self.base is not None:
            base = self.logs[self.base.side].value_at(
                (mine_key[0], ids[self.base.side]), self.base.through
            )
            if not base:
                base = None  # the item was not there yet
        return decide(
            ("", mine_key[0]),
            mine.value if mine else "",
            theirs.value if theirs else "",
            base,
        )

    def _author(self, key: Key, *, creation: bool = False) -> tuple[str, str]:
        found = self._theirs_log.creation(key) if creation else self._theirs_log.latest(key)
        if found is None:
            return self.theirs._meta("created_by") or "Unknown", self._theirs_log.name
        return found.who, found.copy

    def _attendee_author(self, meeting: str, name: str) -> tuple[str, str]:
        log = self._theirs_log
        for index in reversed(log.attendee_rows):
            if _names(log.raw(index, "new"), meeting, name) is not None:
                return log.who(index), log.copy_of(index)
        return self._author(("meeting", meeting))

    def _free_id(self, letter: str, taken: list[str], planned: list[Arrival]) -> str:
        numbers = [_number(i) for i in taken] + [_number(a.target) for a in planned]
        return f"{letter}{max(numbers, default=0) + 1}"


def _names(line: str, meeting: str, name: str) -> str | None:
    """The organisation an attendee line gives ``name`` at ``meeting`` ("" for none), or None
    when the line is about someone else."""
    prefix = f"{meeting}: {name}"
    if line == prefix:
        return ""
    if line.startswith(prefix + " (") and line.endswith(")"):
        return line[len(prefix) + 2 : -1]
    return None


def _number(identifier: str) -> int:
    digits = identifier[1:]
    return int(digits) if digits.isdigit() else 0
