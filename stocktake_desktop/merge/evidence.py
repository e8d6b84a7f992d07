"""Evidence from both copies is kept: the other copy's files arrive (one file attached to the
same question in both, by its SHA-256, is kept once), a copy kept there fills in a file only
linked here, and nothing is removed. A file this copy removed after the other attached it is
not brought back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stocktake_desktop.document import EvidenceLink, ReturnDocument
from stocktake_desktop.merge.history import History


@dataclass(frozen=True, slots=True)
class EvidenceArrival:
    """The other copy's evidence file to record here; ``into`` is this return's link to the
    same file when only its copy is to be kept."""

    link: EvidenceLink
    into: int | None = None


def plan_evidence(
    mine: ReturnDocument, theirs: ReturnDocument, mine_log: History, theirs_log: History
) -> tuple[list[EvidenceArrival], list[str]]:
    """The other copy's evidence to record here, and notes on what stays as it is."""
    here = {(link.ref, link.sha256): link for link in mine.evidence()}
    there = {(link.ref, link.sha256): link for link in theirs.evidence()}
    arrivals: list[EvidenceArrival] = []
    notes: list[str] = []
    for key, link in there.items():
        found = here.get(key)
        if found is not None:
            if link.embedded and not found.embedded:
                arrivals.append(EvidenceArrival(link, found.id))
        elif _removed_after(mine_log, link):
            notes.append(
                f"{link.ref}: evidence {link.file_name} was removed here, so it is not brought "
                f"back from {theirs_log.name}"
            )
        else:
            arrivals.append(EvidenceArrival(link))
    for key, link in here.items():
        if key not in there and _removed_after(theirs_log, link):
            notes.append(
                f"{link.ref}: evidence {link.file_name}, removed in {theirs_log.name}, is kept here"
            )
    return arrivals, notes


def _removed_after(log: History, link: EvidenceLink) -> bool:
    """Whether ``log``'s copy removed a file of that name from that question after ``link``
    was attached."""
    attached = _moment(link.added_at)
    for index in log.evidence_rows(link.ref):
        if log.raw(index, "old") == link.file_name and not log.raw(index, "new"):
            removed = _moment(log.at(index))
            if attached is None or removed is None or removed >= attached:
                return True
    return False


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()
