"""Planning a merge: what the other copy brings, field by field, before anything is written.

:func:`plan_merge` reads both copies and returns a :class:`MergePlan`: the fields to take, the
conflicts to keep for review, the evidence, meetings and actions arriving, and notes on what
stays as it is. It writes nothing; :func:`stocktake_desktop.merge.apply.apply_merge` does.
"""

from __future__ import annotations

from dataclasses import dataclass

from stocktake_desktop.document import ReturnDocument, changelog
from stocktake_desktop.document.conflicts import MergeRecord
from stocktake_desktop.merge.bases import MINE, THEIRS, Base, base_value, choose_base
from stocktake_desktop.merge.evidence import EvidenceArrival, plan_evidence
from stocktake_desktop.merge.history import History, Key
from stocktake_desktop.merge.items import ItemsPlan, ItemsPlanner
from stocktake_desktop.merge.plan_types import Clash, Take, decide
from stocktake_desktop.merge.values import canonical, field_values


@dataclass(frozen=True, slots=True)
class MergePlan:
    """What merging the copy ``copy`` (a file name) would do. ``through`` and ``fingerprint``
    name the newest entry of its change log, recorded so that merging it again changes
    nothing."""

    copy: str
    base: Base | None
    through: int
    fingerprint: str
    takes: tuple[Take, ...]
    clashes: tuple[Clash, ...]
    evidence: tuple[EvidenceArrival, ...]
    items: ItemsPlan
    records: tuple[MergeRecord, ...]  # the copy's own merge records this return lacks
    notes: tuple[str, ...]
    agreement_meetings: dict[str, str]  # ref -> the meeting (by its id here) of an agreement
    revision: int = 0  # this return's revision when planned: a later change makes it stale

    @property
    def changes(self) -> int:
        """How many changes merging would make (conflicts aside)."""
        return len(self.takes) + len(self.evidence) + len(self.items)

    @property
    def nothing_new(self) -> bool:
        """Whether the copy brings nothing (merging it writes nothing at all)."""
        return not self.changes and not self.clashes

    @property
    def three_way(self) -> bool:
        return self.base is not None


def plan_merge(mine: ReturnDocument, theirs: ReturnDocument) -> MergePlan:
    """Plan merging ``theirs`` (open read-only) into ``mine``; nothing is written."""
    logs = {
        MINE: History(mine._conn, mine.path.name),
        THEIRS: History(theirs._conn, theirs.path.name),
    }
    base = choose_base(mine, theirs, logs[MINE], logs[THEIRS])
    items = ItemsPlanner(mine, theirs, logs, base).run()
    values = {MINE: field_values(mine), THEIRS: field_values(theirs)}
    seen = {(c.ref, c.field, c.theirs) for c in mine.conflicts(include_resolved=True)}
    takes: list[Take] = []
    clashes = list(items.clashes)
    meetings: dict[str, str] = {}
    for key, now in values[MINE].items():
        mine_value, theirs_value = canonical(key, now), canonical(key, values[THEIRS][key])
        if mine_value == theirs_value:
            continue
        base_text = base_value(base, key, logs, values)
        choice = decide(key, mine_value, theirs_value, base_text)
        who, copy = _author(logs[THEIRS], key, theirs)
        if choice.take:
            takes.append(Take(*key, theirs_value, mine_value, who, copy))
            if key[1] == "agreement":
                found = theirs.agreement(key[0]).meeting
                meetings[key[0]] = items.meeting_ids.get(found, "")
        elif choice.clash and (*key, theirs_value) not in seen:
            clashes.append(Clash(*key, mine_value, theirs_value, choice.base, who, copy))
    evidence, notes = plan_evidence(mine, theirs, logs[MINE], logs[THEIRS])
    known = {(r.copy, r.through, r.fingerprint) for r in mine.merge_records()}
    records = tuple(
        r for r in theirs.merge_records() if (r.copy, r.through, r.fingerprint) not in known
    )
    through = logs[THEIRS].newest
    return MergePlan(
        copy=logs[THEIRS].name,
        base=base,
        through=through,
        fingerprint=logs[THEIRS].fingerprint(through) or "",
        takes=tuple(takes),
        clashes=tuple(c for c in clashes if (c.ref, c.field, c.theirs) not in seen),
        evidence=tuple(evidence),
        items=items,
        records=records,
        notes=tuple(notes),
        agreement_meetings=meetings,
        revision=changelog.revision(mine._conn),
    )


def _author(log: History, key: Key, theirs: ReturnDocument) -> tuple[str, str]:
    """Who wrote the other copy's value of a field, and on which copy."""
    latest = log.latest(key)
    if latest is None:
        return theirs._meta("created_by") or "Unknown", log.name
    return latest.who, latest.copy
