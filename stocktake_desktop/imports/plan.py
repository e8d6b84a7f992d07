"""The plan of an import: question by question, what it would fill, replace or leave alone.

A plan is made from the return as it is and a source; nothing is written. It is what the
command line prints and what the app shows before the user confirms; applying it
(:mod:`stocktake_desktop.imports.apply`) writes exactly what it lists. Only what the source
holds is planned: a field the source leaves empty is left alone, never cleared (an answers
file is the one source that can clear a field, by giving it as empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from stocktake_desktop.document import Answer, ReturnDocument
from stocktake_desktop.fields import answer_field
from stocktake_desktop.imports.locality import locality_note
from stocktake_desktop.imports.source import (
    ANSWER_FIELDS,
    ImportSource,
    SourceAnswer,
    SourceEvidence,
    SourceKind,
)
from stocktake_desktop.template import Template
from stocktake_desktop.text import normalise_line, normalise_text

#: How the fields that are not an answer's own are named to people.
OTHER_LABELS = {"evidence": "evidence", "locality": "locality"}


def field_label(key: str) -> str:
    """How messages name a field: "assessment", "status code", "good practice tick"."""
    if key in OTHER_LABELS:
        return OTHER_LABELS[key]
    return answer_field(key).in_sentence.removeprefix("the ")


class Action(StrEnum):
    FILLED = "filled"
    REPLACED = "replaced"
    CLEARED = "cleared"
    UNCHANGED = "unchanged"


class Status(StrEnum):
    """A question's outcome as a whole."""

    FILLED = "filled"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    LEFT_ALONE = "left alone"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field the source holds: its value now (``old``) and the source's (``new``)."""

    key: str
    label: str
    old: object
    new: object

    @property
    def action(self) -> Action:
        if self.old == self.new:
            return Action.UNCHANGED
        if not self.old:
            return Action.FILLED
        return Action.CLEARED if not self.new else Action.REPLACED

    @property
    def changes(self) -> bool:
        return self.action is not Action.UNCHANGED


@dataclass(frozen=True, slots=True)
class QuestionPlan:
    ref: str
    fields: tuple[FieldChange, ...] = ()
    evidence: tuple[SourceEvidence, ...] = ()  # files to copy in
    evidence_already: tuple[str, ...] = ()  # the same files (by content) already attached

    @property
    def changes(self) -> tuple[FieldChange, ...]:
        return tuple(change for change in self.fields if change.changes)

    @property
    def status(self) -> Status:
        actions = {change.action for change in self.fields}
        if actions & {Action.REPLACED, Action.CLEARED}:
            return Status.REPLACED
        if Action.FILLED in actions or self.evidence:
            return Status.FILLED
        if actions or self.evidence_already:
            return Status.UNCHANGED
        return Status.LEFT_ALONE


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing ``source`` into the return at ``target`` would do."""

    target: Path
    source: ImportSource
    template_id: str
    questions: tuple[QuestionPlan, ...]
    completion: tuple[FieldChange, ...] = ()
    locality: FieldChange | None = None
    notes: tuple[str, ...] = ()
    unrecognised: tuple[str, ...] = ()

    def count(self, status: Status) -> int:
        return sum(1 for question in self.questions if question.status is status)

    @property
    def completion_changes(self) -> tuple[FieldChange, ...]:
        return tuple(change for change in self.completion if change.changes)

    @property
    def change_count(self) -> int:
        """How many fields (and evidence files) applying the plan changes."""
        answers = sum(len(q.changes) + len(q.evidence) for q in self.questions)
        locality = int(self.locality is not None and self.locality.changes)
        return answers + len(self.completion_changes) + locality

    @property
    def has_changes(self) -> bool:
        """Whether applying the plan writes anything (an answers file's additions too)."""
        return self.change_count > 0 or bool(self.source.extra)


@dataclass(frozen=True, slots=True)
class _Current:
    answers: dict[str, Answer]
    evidence: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (name, sha256)
    paths: dict[str, set[str]] = field(default_factory=dict)  # where each link points


def plan_import(document: ReturnDocument, source: ImportSource) -> ImportPlan:
    """The plan of importing ``source`` into ``document``; raises when it is refused."""
    template = document.template
    if source.kind is SourceKind.RETURN and _same_file(source.path, document.path):
        from stocktake_desktop.imports.errors import ImportRefusedError

        raise ImportRefusedError(
            f"{document.path.name} is the return itself; choose another return to import from."
        )
    if source.kind is SourceKind.INTERCHANGE:
        from stocktake_desktop.imports.interchange_source import check_interchange

        check_interchange(source, template, document.path)
    current = _Current(document.answers())
    for link in document.evidence():
        current.evidence.setdefault(link.ref, []).append((link.file_name, link.sha256))
        current.paths.setdefault(link.ref, set()).add(link.original_path)
    questions = tuple(
        _question(current, ref, source.answers.get(ref))
        for ref in (q.ref for q in template.questions)
    )
    other_locality = locality_note(source, document.locality)  # the first thing to know
    notes = [other_locality, *source.notes] if other_locality else list(source.notes)
    locality = None
    if source.locality and source.kind is SourceKind.INTERCHANGE:
        locality = FieldChange(
            "locality", "locality", document.locality, normalise_line(source.locality)
        )
    return ImportPlan(
        target=document.path,
        source=source,
        template_id=template.id,
        questions=questions,
        completion=_completion(document.completion(), source, template),
        locality=locality,
        notes=tuple(notes),
        unrecognised=tuple(source.unrecognised),
    )


def _question(current: _Current, ref: str, given: SourceAnswer | None) -> QuestionPlan:
    if given is None:
        return QuestionPlan(ref)
    answer = current.answers[ref]
    fields = [
        FieldChange(name, field_label(name), getattr(answer, name), _normalised(name, value))
        for name in ANSWER_FIELDS
        if (value := given.value(name)) is not None
    ]
    attached = current.evidence.get(ref, [])
    if given.evidence_files is not None:
        linked = tuple(sorted(current.paths.get(ref, ())))
        fields.append(FieldChange("evidence", "evidence", linked, given.evidence_files))
    hashes = {sha for _name, sha in attached}
    copies = tuple(item for item in given.evidence if item.sha256 not in hashes)
    already = tuple(item.file_name for item in given.evidence if item.sha256 in hashes)
    return QuestionPlan(ref, tuple(fields), copies, already)


def _normalised(name: str, value: object) -> object:
    """The value as the return would store it (so an equal value is seen as unchanged)."""
    if name == "codes":
        return tuple(sorted(set(value)))  # type: ignore[call-overload]
    if name == "good_practice":
        return bool(value)
    return normalise_text(str(value))


def _completion(
    values: dict[str, str], source: ImportSource, template: Template
) -> tuple[FieldChange, ...]:
    labels = {
        f"completed_by.{f.key}": f"{f.label} (completed by)" for f in template.completed_by_fields
    }
    for role in template.sign_off_roles:
        labels[f"sign_off.{role.key}.name"] = f"{role.short_label} (signed by)"
        labels[f"sign_off.{role.key}.date"] = f"{role.short_label} (sign-off date)"
    changes = []
    for key, label in labels.items():
        if key in source.completion:
            new = source.completion[key]
            new = new.strip() if key.endswith(".date") else normalise_line(new)
            changes.append(FieldChange(key, label, values.get(key, ""), new))
    return tuple(changes)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False
