"""Changed answers as HTML for a :class:`~ui.history.diff_view.DiffView`: each answer's number
(a link to its question) and text, then each field that changed, who changed it, and its value
before and after as a word-level difference."""

from __future__ import annotations

import html
from collections.abc import Sequence

from stocktake_desktop.document.models import AnswerChange, FieldChange
from stocktake_desktop.template import Question, Template

from .diff_view import QUESTION_LINK, diff_html, elide_same, field_runs
from .texts import field_label, when


def changes_html(
    changes: Sequence[AnswerChange], template: Template, muted: str, empty: str
) -> str:
    """Every change in ``changes``; ``empty`` when there is none."""
    if not changes:
        return f"<p>{html.escape(empty)}</p>"
    parts = [_answer_html(change, template, muted) for change in changes]
    return "".join(parts)


def _answer_html(change: AnswerChange, template: Template, muted: str) -> str:
    ref = change.ref
    text = template.question(ref).text if template.has_question(ref) else ""
    heading = (
        f'<h3><a href="{QUESTION_LINK}{html.escape(ref)}">{html.escape(ref)}</a> '
        f"{html.escape(text)}</h3>"
    )
    question = template.question(ref) if template.has_question(ref) else None
    fields = "".join(_field_html(field, template, question, muted) for field in change.fields)
    return heading + fields


def _field_html(
    field: FieldChange, template: Template, question: Question | None, muted: str
) -> str:
    label = html.escape(field_label(field.field, template))
    versions = f"{field.versions} version{'s' if field.versions != 1 else ''}"
    people = html.escape(", ".join(field.people))
    by = f" — by {people} ({versions}, last {html.escape(when(field.last_at))})"
    runs = elide_same(field_runs(field.field, field.before, field.after, question))
    return f"<p><b>{label}</b>{by}</p>{diff_html(runs, muted)}"


def changed_refs(changes: Sequence[AnswerChange]) -> str:
    """ "3 answers (1.1, 2.1, 4.5)" """
    count = len(changes)
    refs = ", ".join(change.ref for change in changes)
    return f"{count} answer{'s' if count != 1 else ''} ({refs})"


def field_count(changes: Sequence[AnswerChange]) -> int:
    return sum(len(change.fields) for change in changes)
