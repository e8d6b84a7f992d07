"""An import plan in words, a line each: the summary, notes, each question, the completion
block and what was not recognised (what the command line prints; the app may use it too)."""

from __future__ import annotations

from stocktake_desktop.imports.plan import Action, FieldChange, ImportPlan, QuestionPlan, Status


def summary_line(plan: ImportPlan, editor: str, *, applied: bool) -> str:
    """``Imported X (a Word return) into Y as Jo: 61 filled, 0 replaced, …``."""
    verb = "Imported" if applied else "Would import"
    counts = ", ".join(f"{plan.count(status)} {status}" for status in Status)
    counts += f", {len(plan.unrecognised)} not recognised"
    completion = sum(1 for change in plan.completion if change.changes)
    if plan.completion:
        counts += f"; completed by and sign-off: {completion} of {len(plan.completion)} changed"
    source = plan.source
    return (
        f"{verb} {source.name} ({source.description}) into {plan.target.name} as {editor}: "
        f"{counts}."
    )


def plan_lines(plan: ImportPlan, editor: str, *, applied: bool) -> list[str]:
    """Every line of the plan, the summary first."""
    lines = [summary_line(plan, editor, applied=applied)]
    lines.extend(f"Note: {note}" for note in plan.notes)
    if plan.locality is not None:
        lines.append(_field_line("Locality", plan.locality, show_values=True))
    lines.extend(question_line(question, str(plan.source.kind)) for question in plan.questions)
    lines.extend(_field_line(change.label, change) for change in plan.completion)
    lines.extend(f"Not recognised: {text}" for text in plan.unrecognised)
    return lines


def question_line(question: QuestionPlan, kind: str) -> str:
    """``1.2 replaced: assessment; filled: support required`` (the question's status first)."""
    status = question.status
    if status is Status.LEFT_ALONE:
        return f"{question.ref} left alone: not in the {kind}"
    parts: dict[str, list[str]] = {Action.FILLED.value: [], Action.REPLACED.value: []}
    for change in question.changes:
        cleared = change.action is Action.CLEARED
        kind = Action.REPLACED if cleared else change.action
        parts[kind.value].append(change.label + (" (cleared)" if cleared else ""))
    if question.evidence:
        parts["evidence copied in"] = [item.file_name for item in question.evidence]
    if question.evidence_already:
        parts["evidence already attached"] = list(question.evidence_already)
    own = parts.pop(status.value, [])
    said = [f"{name}: {', '.join(items)}" for name, items in parts.items() if items]
    if own:
        said.insert(0, ", ".join(own))
    elif status is Status.UNCHANGED and not question.evidence_already:
        said.insert(0, f"the {kind} gives the same")
    return f"{question.ref} {status}: " + "; ".join(said)


def _field_line(label: str, change: FieldChange, *, show_values: bool = False) -> str:
    line = f"{label}: {change.action}"
    if show_values and change.changes:
        line += f" ({change.old or 'empty'} → {change.new or 'empty'})"
    return line
