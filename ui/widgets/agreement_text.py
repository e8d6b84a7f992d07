"""Agreement in words: the statuses as people read them, and the counts the tabs show."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document.models import AGREEMENT_STATUSES, Agreement, Meeting

#: Each status in words, in the order the views offer them.
STATUS_WORDS: dict[str, str] = {
    "draft": "Draft",
    "agreed": "Agreed",
    "needs-work": "Needs work",
}
assert tuple(STATUS_WORDS) == AGREEMENT_STATUSES
#: Each status as the start of a sentence saying where it was set.
STATUS_SET = {"needs-work": "Marked as needing work"}
#: An agreed answer the core took back to draft because it was edited.
FELL_BACK = "Back to draft: the answer was changed after it was agreed."


def status_word(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def agreed_count(agreements: Mapping[str, Agreement], refs: Iterable[str]) -> int:
    return sum(1 for ref in refs if ref in agreements and agreements[ref].status == "agreed")


def where_set(agreement: Agreement, meetings: Mapping[str, Meeting]) -> str:
    """ "Agreed at Partnership Board, 20 June 2013.", "Marked as needing work at …" (or
    without the meeting); "" for a draft set in no meeting."""
    meeting = meetings.get(agreement.meeting) if agreement.meeting else None
    if agreement.status == "draft" and meeting is None:
        return ""
    word = STATUS_SET.get(agreement.status) or status_word(agreement.status)
    if meeting is None:
        return f"{word}."
    return f"{word} at {meeting.title}, {friendly_date(meeting.date)}."


def summary(agreements: Mapping[str, Agreement]) -> str:
    """ "12 of 61 answers agreed, 3 need work, 46 draft." """
    counts = dict.fromkeys(AGREEMENT_STATUSES, 0)
    for agreement in agreements.values():
        counts[agreement.status] = counts.get(agreement.status, 0) + 1
    total = len(agreements)
    work = counts["needs-work"]
    return (
        f"{counts['agreed']} of {total} answers agreed, {work} need{'s' if work == 1 else ''} "
        f"work, {counts['draft']} draft."
    )
