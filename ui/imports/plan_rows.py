"""An import plan as the rows of the plan table: the locality, each question (ref, its wording,
what will happen — in the core's words: filled, replaced, unchanged, left alone — and the start
of the text it would write), the completion block, and what the source held that matched no
question (not recognised). Each row also has its changes in full, for the details below the
table."""

from __future__ import annotations

from dataclasses import dataclass

from stocktake_desktop.imports import FieldChange, ImportPlan, QuestionPlan, question_line
from stocktake_desktop.template import Template

NOT_RECOGNISED = "not recognised"
PREVIEW = 90


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One row: ``status`` is the word the row's outcome starts with ("filled" …)."""

    ref: str
    question: str
    what: str
    preview: str
    details: str
    status: str

    @property
    def changes(self) -> bool:
        return self.status not in ("unchanged", "left alone", NOT_RECOGNISED)

    @property
    def spoken(self) -> str:
        """The row in words, for screen readers: "1.1, Is there a …: filled: assessment"."""
        place = f"{self.ref}, {self.question}" if self.ref else self.question
        preview = f" — {self.preview}" if self.preview else ""
        return f"{place}: {self.what}{preview}"


def plan_rows(plan: ImportPlan, template: Template) -> list[PlanRow]:
    kind = str(plan.source.kind)
    rows = []
    if plan.locality is not None:
        rows.append(_field_row("", plan.locality, "Locality"))
    for question in plan.questions:
        rows.append(_question_row(question, template, kind))
    rows.extend(_field_row("", change, change.label) for change in plan.completion)
    rows.extend(
        PlanRow(
            "",
            text,
            NOT_RECOGNISED,
            "",
            f"Not recognised (nothing of it is imported):\n{text}",
            NOT_RECOGNISED,
        )
        for text in plan.unrecognised
    )
    return rows


def _question_row(question: QuestionPlan, template: Template, kind: str) -> PlanRow:
    ref = question.ref
    what = question_line(question, kind).removeprefix(f"{ref} ")
    shown = question.changes or question.fields
    preview = _shown(_preferred(shown).new) if shown else ""
    details = "\n\n".join(_change_details(change) for change in question.fields)
    if question.evidence:
        names = ", ".join(item.file_name for item in question.evidence)
        details += f"\n\nEvidence copied in: {names}"
    return PlanRow(
        ref,
        template.question(ref).text,
        what,
        _start(preview),
        details.strip() or what,
        str(question.status),
    )


def _field_row(ref: str, change: FieldChange, label: str) -> PlanRow:
    return PlanRow(
        ref,
        label,
        str(change.action),
        _start(_shown(change.new)),
        _change_details(change),
        str(change.action),
    )


def _preferred(changes: tuple[FieldChange, ...]) -> FieldChange:
    """The change a row's preview shows: the assessment if it is among them."""
    return next((change for change in changes if change.key == "narrative"), changes[0])


def _change_details(change: FieldChange) -> str:
    label = change.label[:1].upper() + change.label[1:]
    if not change.changes:
        return f"{label} ({change.action}): {_shown(change.new) or '(empty)'}"
    return (
        f"{label} ({change.action}):\nFrom the source: {_shown(change.new) or '(empty)'}\n"
        f"Now: {_shown(change.old) or '(empty)'}"
    )


def _shown(value: object) -> str:
    """A field's value in words: codes listed, a tick as Yes or No, text as it is."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return str(value or "")


def _start(text: str) -> str:
    """The start of a text on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW else flat[: PREVIEW - 1] + "…"
