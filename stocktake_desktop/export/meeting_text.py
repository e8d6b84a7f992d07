"""Meetings, agreement and actions in words, the same in the workbook and both PDFs."""

from __future__ import annotations

from collections.abc import Iterable

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document.models import Action, Agreement, Attendee, Meeting

AGREEMENT_LABELS = {"draft": "Draft", "agreed": "Agreed", "needs-work": "Needs work"}
#: The workbook's "Agreed" column: has the partnership agreed this answer?
AGREED_CELL = {"draft": "No", "agreed": "Yes", "needs-work": "Needs work"}
ACTION_LABELS = {"open": "Open", "done": "Done"}


def agreement_label(agreement: Agreement) -> str:
    return AGREEMENT_LABELS.get(agreement.status, agreement.status)


def agreed_cell(agreement: Agreement) -> str:
    return AGREED_CELL.get(agreement.status, agreement.status)


def action_label(action: Action) -> str:
    return ACTION_LABELS.get(action.status, action.status)


def meeting_name(meeting: Meeting) -> str:
    """``Partnership Board, 20 June 2013``."""
    return f"{meeting.title}, {friendly_date(meeting.date)}"


def meeting_names(meetings: Iterable[Meeting]) -> dict[str, str]:
    """Each meeting's id and :func:`meeting_name`."""
    return {meeting.id: meeting_name(meeting) for meeting in meetings}


def attendee_line(attendee: Attendee) -> str:
    """``Priya Shah (Northamptonshire County Council)``, or the name alone."""
    return f"{attendee.name} ({attendee.organisation})" if attendee.organisation else attendee.name


def due_text(action: Action) -> str:
    """The due date as "1 July 2013", or "No date"."""
    return friendly_date(action.due) if action.due else "No date"


def organisations(meetings: Iterable[Meeting]) -> dict[str, str]:
    """Each attendee's organisation as at the latest meeting they attended with one given."""
    found: dict[str, str] = {}
    for meeting in meetings:
        for person in meeting.attendees:
            if person.organisation:
                found[person.name] = person.organisation
    return found


def counted(counts: Iterable[tuple[int, str, str]]) -> str:
    """``(2, "is agreed", "are agreed"), (1, …)`` as "2 are agreed and 1 needs more work":
    each count with its singular or plural words, zeros left out; "" when all are zero."""
    parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" and {parts[-1]}"
