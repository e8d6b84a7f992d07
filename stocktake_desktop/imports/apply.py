"""Applying an import plan: exactly the changes it lists, all of them or (on any error) none.

Every change is recorded as made by the document's editor (the ``--as`` name, or whoever is
editing in the app), after a change-log note saying where the changes came from. A plan made
before the return last changed is refused rather than applied over the newer answers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from stocktake_desktop.counting import how_many
from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.import_records import copy_evidence, note_import
from stocktake_desktop.imports.errors import ImportRefusedError
from stocktake_desktop.imports.plan import FieldChange, ImportPlan, plan_import
from stocktake_desktop.imports.source import SourceKind

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    changes: int  # fields and evidence files changed


def apply_plan(document: ReturnDocument, plan: ImportPlan) -> ImportOutcome:
    """Write ``plan`` into ``document`` (the return it was made for) as one change."""
    if plan.target != document.path or plan.template_id != document.template.id:
        raise ImportRefusedError(
            f"This import was planned for {plan.target.name}, not this return."
        )
    if _stale(document, plan):
        raise ImportRefusedError(
            f"{document.path.name} has changed since this import was planned; plan it again to "
            "see what it would change now."
        )
    if not plan.has_changes:
        return ImportOutcome(0)
    source = plan.source
    with document.batch():
        note_import(document, source.history_note)
        if source.kind is SourceKind.INTERCHANGE:
            from stocktake_desktop.imports.interchange_source import apply_interchange

            apply_interchange(document, source)
        else:
            _apply_answers(document, plan)
    _log.info(
        "Imported %s (%s) into %s as %s: %s",
        source.name,
        source.kind,
        document.path,
        document.editor,
        how_many(plan.change_count, "change"),
    )
    return ImportOutcome(plan.change_count)


def _apply_answers(document: ReturnDocument, plan: ImportPlan) -> None:
    for question in plan.questions:
        for change in question.changes:
            _set_answer_field(document, question.ref, change)
        for item in question.evidence:
            copy_evidence(
                document,
                question.ref,
                original_path=item.original_path,
                file_name=item.file_name,
                size=item.size,
                sha256=item.sha256,
                modified=item.modified,
                content=item.read_content() if item.embedded else None,
            )
    for change in plan.completion_changes:
        _set_completion(document, change)


def _set_answer_field(document: ReturnDocument, ref: str, change: FieldChange) -> None:
    value = change.new
    if change.key == "codes":
        document.set_codes(ref, value)  # type: ignore[arg-type]
    elif change.key == "good_practice":
        document.set_good_practice(ref, bool(value))
    elif change.key == "narrative":
        document.set_narrative(ref, str(value))
    elif change.key == "good_practice_note":
        document.set_good_practice_note(ref, str(value))
    elif change.key == "support_required":
        document.set_support_required(ref, str(value))


def _set_completion(document: ReturnDocument, change: FieldChange) -> None:
    group, _, rest = change.key.partition(".")
    if group == "completed_by":
        document.set_completed_by(rest, str(change.new))
        return
    role, _, part = rest.partition(".")
    if part == "date":
        document.set_sign_off(role, date=str(change.new))
    else:
        document.set_sign_off(role, name=str(change.new))


def _stale(document: ReturnDocument, plan: ImportPlan) -> bool:
    """Whether anything the plan was made from reads differently now."""
    return _read_values(plan_import(document, plan.source)) != _read_values(plan)


def _read_values(plan: ImportPlan) -> list[object]:
    values: list[object] = [(c.key, c.old) for c in plan.completion]
    for question in plan.questions:
        values.extend((question.ref, c.key, c.old) for c in question.fields)
        values.append(tuple(item.sha256 for item in question.evidence))
    if plan.locality is not None:
        values.append(plan.locality.old)
    return values
