"""A return's fields as merging compares them: every value as the change log writes it (codes
"2, 5", good practice "Yes" or "No"), so a copy's values and its history's values compare."""

from __future__ import annotations

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.conflicts import COMPLETION, RETURN, record_value
from stocktake_desktop.document.models import Action, Meeting
from stocktake_desktop.merge.history import ANSWER_KEYS, Key

#: The value each field has before anyone fills it in.
_EMPTY = {"codes": "", "good_practice": "No", "agreement": "draft"}


def field_values(document: ReturnDocument) -> dict[Key, str]:
    """Every field merging takes care of, with its value now: each answer's fields and
    agreement, the completed-by and sign-off details, the locality."""
    values: dict[Key, str] = {}
    answers = document.answers()
    agreements = document.agreements()
    for question in document.template.questions:
        answer, agreement = answers[question.ref], agreements[question.ref]
        shown = {
            "codes": question.coded_as_text(answer.codes),
            "narrative": answer.narrative,
            "good_practice": "Yes" if answer.good_practice else "No",
            "good_practice_note": answer.good_practice_note,
            "support_required": answer.support_required,
            "agreement": agreement.status,
            "agreement_note": agreement.note,
        }
        for field in ANSWER_KEYS:
            values[(question.ref, field)] = shown[field]
    completion = document.completion()
    for key in completion_keys(document):
        values[(COMPLETION, key)] = completion.get(key, "")
    values[(RETURN, "locality")] = document.locality
    return values


def completion_keys(document: ReturnDocument) -> list[str]:
    template = document.template
    keys = [f"completed_by.{f.key}" for f in template.completed_by_fields]
    for role in template.sign_off_roles:
        keys += [f"sign_off.{role.key}.name", f"sign_off.{role.key}.date"]
    return keys


def canonical(key: Key, value: str) -> str:
    """``value`` as the field holds it (an old entry may say "" for "No")."""
    if key[1] == "good_practice":
        return "Yes" if value == "Yes" else "No"
    if key[1] == "agreement" and not value:
        return "draft"
    return value


def is_empty(key: Key, value: str) -> bool:
    """Whether the field is as nobody has filled it in."""
    return value.strip() == _EMPTY.get(key[1], "")


def value_now(document: ReturnDocument, ref: str, field: str) -> str:
    """A field's value in ``document`` now, as a conflict on it holds values (for showing
    "mine" as it is after edits made since the conflict was found)."""
    kind, _, rest = field.partition(" ")
    if kind == "meeting":
        return record_value(meeting_details(document.meeting(rest)))
    if kind == "action":
        return record_value(action_details(document.action(rest)))
    if kind == "attendee":
        meeting, _, name = rest.partition(": ")
        listed = {p.name: p.organisation for p in document.meeting(meeting).attendees}
        return listed.get(name, "")
    return canonical((ref, field), field_values(document).get((ref, field), ""))


def meeting_details(meeting: Meeting) -> dict[str, str]:
    return {"title": meeting.title, "date": meeting.date, "chair": meeting.chair}


def action_details(action: Action) -> dict[str, str]:
    return {
        "ref": action.ref,
        "text": action.text,
        "owner": action.owner,
        "due": action.due,
        "status": action.status,
    }
