"""The base of a merge: the newest state both copies grew from.

- Two copies of one return (the same origin) share the entries their change logs kept from
  before they parted; the base is the return as it was after the last of them.
- A copy merged before is an ancestor too: each merge records how far the merged copy's log
  went (``merge_record``, with that entry's fingerprint), so when that copy, or a later
  version of it, is merged again its state then is the base; records travel with merges, so
  a copy that merged this return back counts as well.
- Two returns made separately, never merged, have no base: a field filled on one side only is
  taken, and two different values are a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.conflicts import MergeRecord
from stocktake_desktop.merge.history import History, Key, shared_prefix
from stocktake_desktop.merge.values import canonical

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True, slots=True)
class Base:
    """One copy's state after its change-log entry ``through`` (``side``: MINE or THEIRS)."""

    side: str
    through: int
    how: str  # in words, for the log and the summary


def shares_origin(mine: ReturnDocument, theirs: ReturnDocument) -> bool:
    """Whether the two are copies of one return. A return made before format 4 had no origin:
    copies parted before each was upgraded got different ones, so the same moment of creation
    by the same person counts too."""
    origin = mine._meta("origin")
    if origin and origin == theirs._meta("origin"):
        return True
    created = mine._meta("created_at")
    return bool(created) and (created, mine._meta("created_by")) == (
        theirs._meta("created_at"),
        theirs._meta("created_by"),
    )


def choose_base(
    mine: ReturnDocument, theirs: ReturnDocument, mine_log: History, theirs_log: History
) -> Base | None:
    """The newest state both copies grew from, or None when they share none."""
    shared = shares_origin(mine, theirs)
    parted = shared_prefix(mine_log, theirs_log) if shared else 0
    # A state of the other copy merged here, and a state of this copy merged there.
    of_theirs = _newest_known(mine.merge_records(), theirs_log, parted)
    of_mine = _newest_known(theirs.merge_records(), mine_log, parted)
    if of_theirs is not None and of_mine is not None:
        # The later one includes the other: this copy's state after it merged theirs, or
        # theirs after it merged this copy's (when both merged each other at once, either).
        if of_theirs.entry <= of_mine.through:
            return Base(MINE, of_mine.through, f"this copy as {theirs_log.name} merged it")
        return Base(THEIRS, of_theirs.through, f"{theirs_log.name} as merged before")
    if of_theirs is not None:
        return Base(THEIRS, of_theirs.through, f"{theirs_log.name} as merged before")
    if of_mine is not None:
        return Base(MINE, of_mine.through, f"this copy as {theirs_log.name} merged it")
    if shared:
        return Base(MINE, parted, "the versions both copies share")
    return None


def base_value(
    base: Base | None,
    key: Key,
    logs: dict[str, History],
    values: dict[str, dict[Key, str]],
) -> str | None:
    """The field's value in the base (None without a base). ``logs`` and ``values`` are each
    copy's history and values now, by side."""
    if base is None:
        return None
    found = logs[base.side].value_at(key, base.through)
    return canonical(key, found if found is not None else values[base.side][key])


def _newest_known(records: list[MergeRecord], log: History, parted: int) -> MergeRecord | None:
    """The newest record naming a state of ``log``'s copy that it still has (the entry is
    there, unchanged), later than the entries both share."""
    known = [
        record
        for record in records
        if record.through > parted and log.fingerprint(record.through) == record.fingerprint
    ]
    return max(known, key=lambda record: record.through, default=None)
