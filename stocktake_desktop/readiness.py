"""Is a return ready to submit? The same checks serve ``check``, the wizard and export."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from stocktake_desktop.document import EvidenceState, ReturnDocument
from stocktake_desktop.fields import FREE_TEXT_FIELDS


class Severity(StrEnum):
    BLOCKER = "must fix"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class ReadinessItem:
    """One thing to look at. ``ref`` is a question ref, or "completion" for the sign-off page."""

    ref: str
    kind: str
    message: str
    severity: Severity = Severity.BLOCKER

    def line(self) -> str:
        """One line for the CLI and the views: "4.2: ... (warning)"."""
        label = _LABELS.get(self.ref, self.ref)
        suffix = " (warning)" if self.severity is Severity.WARNING else ""
        return f"{label}: {self.message}{suffix}"


#: How the refs that are not questions are named in a line.
_LABELS = {"completion": "Completion", "bundle": "Bundle"}


#: An answer's free-text fields as (key, the words the checks' messages use), from the one
#: table of fields (:mod:`stocktake_desktop.fields`).
TEXT_FIELDS = tuple((field.key, field.in_sentence) for field in FREE_TEXT_FIELDS)


def check_readiness(document: ReturnDocument) -> list[ReadinessItem]:
    """Everything to complete or look at, the personal-data scan included."""
    from stocktake_desktop.privacy import personal_data_items  # it builds on the types above

    items: list[ReadinessItem] = []
    answers = document.answers()
    evidence_by_ref: dict[str, list] = {}  # type: ignore[type-arg]
    for link in document.evidence():
        evidence_by_ref.setdefault(link.ref, []).append(link)
    for question in document.template.questions:
        answer = answers[question.ref]
        if not answer.is_answered:
            items.append(ReadinessItem(question.ref, "unanswered", "no assessment written yet"))
        if not answer.codes:
            items.append(ReadinessItem(question.ref, "no_code", "no status code chosen"))
        for link in evidence_by_ref.get(question.ref, []):
            state = document.evidence_state(link)
            if state is EvidenceState.MISSING:
                items.append(
                    ReadinessItem(
                        question.ref,
                        "evidence_missing",
                        f"evidence file {link.file_name} is missing (was {link.original_path})",
                    )
                )
            elif state is EvidenceState.CHANGED:
                items.append(
                    ReadinessItem(
                        question.ref,
                        "evidence_changed",
                        f"evidence file {link.file_name} has changed since it was attached",
                    )
                )
    completed_by = document.completed_by()
    for field in document.template.completed_by_fields:
        if not completed_by.get(field.key):
            items.append(
                ReadinessItem(
                    "completion", "completed_by", f"completed by: {field.label} is missing"
                )
            )
    sign_off = document.sign_off()
    for role in document.template.sign_off_roles:
        name, _date = sign_off[role.key]
        if not name:
            items.append(
                ReadinessItem("completion", "sign_off", f"no sign-off by the {role.label}")
            )
    items.extend(conflict_items(document))
    items.extend(sign_off_lapse_items(document))
    items.extend(personal_data_items(document))
    return items


#: The kind of a sign-off made before later changes; ``check`` is not ready while one stands.
SIGN_OFF_LAPSED = "sign_off_lapsed"


def sign_off_lapse_items(document: ReturnDocument) -> list[ReadinessItem]:
    """A warning for each sign-off made before answers changed: "Chair of the Health and
    Wellbeing Board signed on 28 June 2013; 3 answers changed since (4.5, 6.2, 9.1)"."""
    from stocktake_desktop.dates import friendly_date

    items = []
    for lapse in document.lapsed_sign_offs():
        signed = f"signed on {friendly_date(lapse.date)}" if lapse.date else "signed"
        count = len(lapse.refs)
        changed = f"{count} answer{'s' if count != 1 else ''} changed since"
        items.append(
            ReadinessItem(
                "completion",
                SIGN_OFF_LAPSED,
                f"{lapse.label} {signed}; {changed} ({', '.join(lapse.refs)})",
                Severity.WARNING,
            )
        )
    return items


#: The kind of a conflict a merge left to review; a final export is refused while one stands.
CONFLICT = "conflict"


def conflict_items(document: ReturnDocument) -> list[ReadinessItem]:
    """A blocker for each conflict a merge left to review, naming its ref and field: "3.1:
    conflict on narrative: this copy's version and Dev Patel's from ccg.stocktake differ…";
    only a text can be combined (codes, a tick, a date or the agreement are kept one way)."""
    items = []
    for conflict in document.conflicts():
        question = document.template.has_question(conflict.ref)
        field = conflict.field if question else conflict.label
        settle = (
            "keep one or combine them"
            if conflict.editable
            else "keep one of them (a choice cannot be combined)"
        )
        items.append(
            ReadinessItem(
                conflict.ref if question else "completion",
                CONFLICT,
                f"conflict on {field}: this copy's version and {conflict.theirs_by}'s "
                f"from {conflict.copy} differ; {settle}",
            )
        )
    return items


def lapsed(items: Iterable[ReadinessItem]) -> list[ReadinessItem]:
    """The sign-offs that no longer cover the answers (they keep ``check`` from passing)."""
    return [item for item in items if item.kind == SIGN_OFF_LAPSED]


def blockers(items: Iterable[ReadinessItem]) -> list[ReadinessItem]:
    """The items that stop a final submission."""
    return [item for item in items if item.severity is Severity.BLOCKER]


def warnings(items: Iterable[ReadinessItem]) -> list[ReadinessItem]:
    """The items to look at, which never stop a draft."""
    return [item for item in items if item.severity is Severity.WARNING]
