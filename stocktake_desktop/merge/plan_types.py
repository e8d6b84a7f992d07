"""What a merge decides about one field: take the other copy's value, keep this one's, or keep
both as a conflict (the rule merging follows everywhere)."""

from __future__ import annotations

from dataclasses import dataclass

from stocktake_desktop.merge.history import Key
from stocktake_desktop.merge.values import is_empty


@dataclass(frozen=True, slots=True)
class Decision:
    take: bool = False
    clash: bool = False
    base: str | None = None


KEEP = Decision()


def decide(key: Key, mine: str, theirs: str, base: str | None) -> Decision:
    """Three-way with a base: a field changed on one side only is taken from it, changed on
    both to the same value is the same, changed on both differently is a conflict. Without a
    base (returns made separately): a field empty on one side takes the other's value, and two
    different values are a conflict."""
    if mine == theirs:
        return KEEP
    if base is None:
        if is_empty(key, theirs):
            return KEEP
        if is_empty(key, mine):
            return Decision(take=True)
        return Decision(clash=True)
    if theirs == base:
        return KEEP
    if mine == base:
        return Decision(take=True, base=base)
    return Decision(clash=True, base=base)


@dataclass(frozen=True, slots=True)
class Take:
    """A field to take from the other copy: ``value`` written by ``who`` on ``copy``."""

    ref: str
    field: str
    value: str
    mine: str
    who: str
    copy: str


@dataclass(frozen=True, slots=True)
class Clash:
    """A conflict to keep for review: both versions, and the base where there is one."""

    ref: str
    field: str
    mine: str
    theirs: str
    base: str | None
    who: str  # who wrote theirs
    copy: str

    @property
    def label(self) -> str:
        return f"{self.ref} {self.field}"
