"""History in words: when ("22 November 2026 14:02"), which field, which meeting, a value on
one line, a version's line in the history panel, a lapsed sign-off."""

from __future__ import annotations

import re
from collections.abc import Mapping

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document.models import FieldVersion, SignOffLapse
from stocktake_desktop.export.meeting_text import AGREEMENT_LABELS
from stocktake_desktop.export.snapshot import FIELD_LABELS
from stocktake_desktop.history_commands import start_of, when
from stocktake_desktop.template import Question, Template

__all__ = [
    "field_label",
    "lapse_head",
    "lapse_text",
    "meeting_text",
    "one_line",
    "value_text",
    "version_line",
    "when",
]

#: Fields whose values are words or a code, not text someone wrote.
SHORT_FIELDS = frozenset({"codes", "good_practice", "agreement"})


def field_label(field: str, template: Template) -> str:
    """ "Assessment", "Agreement note", "Completed by: Name", "Sign-off: Chair … (date)"."""
    known = FIELD_LABELS.get(field)
    if known is not None:
        return known
    group, _, rest = field.partition(".")
    key, _, part = rest.partition(".")
    if group == "completed_by":
        labels = {f.key: f.label for f in template.completed_by_fields}
        return f"Completed by: {labels.get(key, key)}"
    if group == "sign_off":
        labels = {f.key: f.label for f in template.sign_off_roles}
        return f"Sign-off: {labels.get(key, key)} ({part or 'name'})"
    return field.replace("_", " ").capitalize()


def value_text(field: str, value: str, question: Question | None = None) -> str:
    """A value as people read it: the agreement in words, codes with their labels when the
    question is given ("3 – Partially"), "(empty)" for nothing."""
    if field == "agreement":
        return AGREEMENT_LABELS.get(value, value or "Draft")
    if field.startswith("sign_off.") and field.endswith(".date") and value:
        return friendly_date(value)
    if field == "codes" and question is not None and value.strip():
        return "; ".join(_code_words(code, question) for code in re.findall(r"\d+", value))
    return value if value.strip() else "(empty)"


def _code_words(code: str, question: Question) -> str:
    try:
        return f"{code} – {question.label_for(int(code))}"
    except KeyError:
        return code


def one_line(field: str, value: str) -> str:
    """The start of a value on one line."""
    if field in SHORT_FIELDS or field.endswith(".date"):
        return value_text(field, value)
    return start_of(value)


def meeting_text(meeting_id: str, names: Mapping[str, str]) -> str:
    """ "in Partnership Board, 20 June 2013", or "outside meetings"."""
    if not meeting_id:
        return "outside meetings"
    return f"in {names.get(meeting_id, meeting_id)}"


def version_line(version: FieldVersion, template: Template, names: Mapping[str, str]) -> str:
    """ "Assessment · 22 November 2026 14:02 · Priya Shah · in Partnership Board, 20 June
    2013 — A joint board meets…" """
    return (
        f"{field_label(version.field, template)} · {when(version.at)} · {version.who} · "
        f"{meeting_text(version.meeting, names)} — {one_line(version.field, version.value)}"
    )


def lapse_head(lapse: SignOffLapse) -> str:
    """ "Chair of the Health and Wellbeing Board signed on 28 June 2013; 3 answers changed
    since" """
    signed = f"signed on {friendly_date(lapse.date)}" if lapse.date else "signed"
    count = len(lapse.refs)
    return f"{lapse.label} {signed}; {count} answer{'s' if count != 1 else ''} changed since"


def lapse_text(lapse: SignOffLapse) -> str:
    """:func:`lapse_head` and the refs, as readiness says it: "… changed since (4.5, 6.2)"."""
    return f"{lapse_head(lapse)} ({', '.join(lapse.refs)})"
