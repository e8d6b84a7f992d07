"""How the merge views name a field in conflict or taken from the other copy: its place (a
question, the completion page, the return) and the field, in the words the rest of the app
uses (fields.py's labels, the completion page's names)."""

from __future__ import annotations

from stocktake_desktop.document.conflicts import COMPLETION, RETURN, Conflict
from stocktake_desktop.export.meeting_text import AGREEMENT_LABELS
from stocktake_desktop.export.snapshot import FIELD_LABELS
from stocktake_desktop.fields import answer_field
from stocktake_desktop.template import Template


def place_words(template: Template, ref: str) -> str:
    """ "Question 3.1", "Completion and sign-off", "The return"."""
    if ref == COMPLETION:
        return "Completion and sign-off"
    if ref == RETURN or not template.has_question(ref):
        return "The return"
    return f"Question {ref}"


def field_words(template: Template, ref: str, field: str) -> str:
    """The field as a label: "Assessment", "Completed by: Name", "Chair of …: date signed",
    "Meeting m2", "Action a3"."""
    if ref == COMPLETION:
        return _completion_words(template, field)
    kind, _, rest = field.partition(" ")
    if kind == "meeting":
        return f"Meeting {rest}"
    if kind == "action":
        return f"Action {rest}"
    if kind == "attendee":
        meeting, _, name = rest.partition(": ")
        return f"Attendee of meeting {meeting}: {name}"
    return FIELD_LABELS.get(field, field)


def spoken_field(template: Template, ref: str, field: str) -> str:
    """How accessible names say it: "3.1 narrative" (as the cards name their fields),
    "Completed by: Name", "The return: Meeting m2"."""
    if template.has_question(ref):
        try:
            return f"{ref} {answer_field(field).spoken}"
        except KeyError:
            return f"{ref} {field_words(template, ref, field).lower()}"
    if ref == COMPLETION:
        return field_words(template, ref, field)
    return f"The return: {field_words(template, ref, field)}"


def shown_value(template: Template, conflict: Conflict, value: str | None) -> str:
    """A version of the conflict's field as the review shows it: status codes with their
    labels, a line each; the agreement as the cards say it; meetings and actions in words."""
    shown = conflict.shown(value)
    if conflict.field == "agreement":
        return AGREEMENT_LABELS.get(shown, shown)
    if conflict.field != "codes" or not template.has_question(conflict.ref):
        return shown
    question = template.question(conflict.ref)
    lines = []
    for piece in (part.strip() for part in shown.split(",") if part.strip()):
        try:
            lines.append(f"{piece} – {question.label_for(int(piece))}")
        except (KeyError, ValueError):
            lines.append(piece)
    return "\n".join(lines)


def question_text(template: Template, ref: str) -> str:
    """The question's wording ("" for what is not a question)."""
    return template.question(ref).text if template.has_question(ref) else ""


def conflict_title(template: Template, conflict: Conflict) -> str:
    """ "Question 3.1 — Assessment"."""
    place = place_words(template, conflict.ref)
    return f"{place} — {field_words(template, conflict.ref, conflict.field)}"


def _completion_words(template: Template, field: str) -> str:
    group, _, rest = field.partition(".")
    if group == "completed_by":
        labels = {f.key: f.label for f in template.completed_by_fields}
        return f"Completed by: {labels.get(rest, rest)}"
    role_key, _, part = rest.partition(".")
    roles = {role.key: role.label for role in template.sign_off_roles}
    role = roles.get(role_key, role_key)
    return f"{role}: date signed" if part == "date" else f"{role}: name"
