"""The words the presenter view shows: agreement statuses, the code list's marks and what
changed in the meeting."""

from __future__ import annotations

from stocktake_desktop.document import Answer
from stocktake_desktop.document.models import Agreement, AnswerChange, Meeting
from stocktake_desktop.fields import ANSWER_FIELDS, answer_field
from stocktake_desktop.template import Question

from ..widgets.agreement_text import FELL_BACK, status_word

#: A sign beside each agreement status's words (a shape, not a colour).
STATUS_SIGNS = {"draft": "✎", "agreed": "✓", "needs-work": "⚠"}
#: What the presenter says after a status key.
STATUS_DONE = {"draft": "back to draft", "agreed": "agreed", "needs-work": "marked as needing work"}
CHOSEN = "✓ chosen"
_ANSWER_KEYS = frozenset(f.key for f in ANSWER_FIELDS)


def agreement_text(agreement: Agreement, meeting: Meeting | None, fell_back: bool = False) -> str:
    """ "Agreement: ✓ Agreed (in this meeting)", why it is a draft when an edit took it back
    (:data:`FELL_BACK`, as the card says), and the note, if any."""
    sign = STATUS_SIGNS.get(agreement.status, "")
    words = f"{sign} {status_word(agreement.status)}".strip()
    where = ""
    if agreement.meeting and meeting is not None and agreement.meeting == meeting.id:
        where = " (in this meeting)"
    why = f" — {FELL_BACK}" if fell_back else ""
    note = f" — {agreement.note}" if agreement.note else ""
    return f"Agreement: {words}{where}{why}{note}"


def code_hint(question: Question) -> str:
    how = "tick all that apply" if question.multiple else "choose one"
    return f"Status code ({how})"


def code_rows(question: Question, answer: Answer) -> list[tuple[str, str]]:
    """(mark, "1 - Yes") for each code of the list; the mark is :data:`CHOSEN` or ""."""
    chosen = set(answer.codes)
    return [
        (CHOSEN if code.value in chosen else "", f"{code.value} – {code.label}")
        for code in question.codes
    ]


def codes_summary(question: Question, answer: Answer) -> str:
    if not answer.codes:
        return "No status code chosen yet."
    chosen = "; ".join(f"{c} – {question.label_for(c)}" for c in answer.codes)
    return f"Chosen: {chosen}."


def changed_fields(changes: list[AnswerChange]) -> dict[str, tuple[str, ...]]:
    """Each ref whose answer (not only its agreement) changed, with the fields' keys."""
    found: dict[str, tuple[str, ...]] = {}
    for change in changes:
        keys = tuple(f.field for f in change.fields if f.field in _ANSWER_KEYS)
        if keys:
            found[change.ref] = keys
    return found


def changed_text(keys: tuple[str, ...]) -> str:
    """ "Changed in this meeting: the assessment and the status code." """
    names = [answer_field(key).in_sentence for key in keys]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"● Changed in this meeting: {listed}."


def meeting_text(meeting: Meeting | None) -> str:
    if meeting is None:
        return "No meeting under way"
    return f"Meeting: {meeting.title}"
