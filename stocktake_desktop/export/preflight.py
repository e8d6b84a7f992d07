"""Pre-flight: what to look at before exporting, shared by the CLI and the export dialog.

Readiness (unanswered questions, missing codes, sign-off, evidence missing or changed), the
personal-data scan, text too long for an Excel cell, and the bundle's size against the email
limit. Blockers stop a final export; warnings never stop a draft, and a final export needs them
confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from stocktake_desktop.counting import how_many
from stocktake_desktop.document import EvidenceState, ReturnDocument
from stocktake_desktop.export.safe_text import (
    CELL_LIMIT,
    fits_in_cell,
    strip_xml_illegal,
    utf16_length,
)
from stocktake_desktop.export.status import megabytes
from stocktake_desktop.limits import EMAIL_LIMIT_MB, MB
from stocktake_desktop.readiness import (
    TEXT_FIELDS,
    ReadinessItem,
    Severity,
    blockers,
    check_readiness,
    warnings,
)

#: How the CLI says to confirm the warnings (the dialog has its own words: a tick box).
CONFIRM_ON_COMMAND_LINE = "--accept-warnings"

#: Allowance for the workbook, the PDF (with its embedded font) and the manifest.
_DOCUMENTS_ALLOWANCE = 300 * 1024


@dataclass(frozen=True, slots=True)
class Preflight:
    items: tuple[ReadinessItem, ...]
    estimated_size: int
    evidence_size: int
    email_limit: int
    leave_out_evidence: bool

    @property
    def blockers(self) -> list[ReadinessItem]:
        return blockers(self.items)

    @property
    def warnings(self) -> list[ReadinessItem]:
        return warnings(self.items)

    @property
    def ready(self) -> bool:
        return not self.blockers

    def size_line(self) -> str:
        line = (
            f"The zip will be about {megabytes(self.estimated_size)}; "
            f"the email limit is {megabytes(self.email_limit)}."
        )
        if self.leave_out_evidence and self.evidence_size:
            line += f" Evidence ({megabytes(self.evidence_size)}) is left out, to send separately."
        return line


def run_preflight(
    document: ReturnDocument,
    *,
    email_limit_mb: float = EMAIL_LIMIT_MB,
    leave_out_evidence: bool = False,
) -> Preflight:
    """Everything to look at before exporting ``document``."""
    items = check_readiness(document)
    items += _cell_limit_items(document)
    evidence_size = sum(
        link.size
        for link in document.evidence()
        if link.embedded or document.evidence_state(link) is not EvidenceState.MISSING
    )
    text_size = sum(
        len(getattr(answer, field).encode("utf-8"))
        for answer in document.answers().values()
        for field, _label in TEXT_FIELDS
    )
    estimate = _DOCUMENTS_ALLOWANCE + text_size // 2
    if not leave_out_evidence:
        estimate += evidence_size
    limit = int(email_limit_mb * MB)
    if estimate > limit:
        advice = (
            "leave the evidence out of the emailed zip and send it separately"
            if evidence_size and not leave_out_evidence
            else "send it another way (for example a secure file transfer)"
        )
        items.append(
            ReadinessItem(
                "bundle",
                "email_size",
                f"the zip will be about {megabytes(estimate)}, over the "
                f"{megabytes(limit)} email limit: {advice}",
                Severity.WARNING,
            )
        )
    return Preflight(
        tuple(dict.fromkeys(items)), estimate, evidence_size, limit, leave_out_evidence
    )


def _cell_limit_items(document: ReturnDocument) -> list[ReadinessItem]:
    """Text too long for one Excel cell, counted as Excel counts (an emoji is two characters),
    so the length and the limit are given in the same unit."""
    from stocktake_desktop.export.workbook import tidy

    items = []
    for ref, answer in document.answers().items():
        for field, label in TEXT_FIELDS:
            text = strip_xml_illegal(tidy(getattr(answer, field)))
            if not fits_in_cell(text):
                items.append(
                    ReadinessItem(
                        ref,
                        "cell_limit",
                        f"{label} is {utf16_length(text):,} characters, over the "
                        f"{CELL_LIMIT:,} characters an Excel cell holds (an emoji counts as "
                        "two): the workbook shows the first part with a note, the PDF has it all",
                        Severity.WARNING,
                    )
                )
    return items


def refusal(
    preflight: Preflight,
    *,
    final: bool,
    accept_warnings: bool,
    how_to_confirm: str = CONFIRM_ON_COMMAND_LINE,
) -> str:
    """Why the export must not go ahead ("" when it may); ``how_to_confirm`` names the way the
    warnings are confirmed where the user is (an option, a tick box)."""
    if not final:
        return ""
    if preflight.blockers:
        return (
            f"Not ready for a final submission: {how_many(len(preflight.blockers), 'item')} "
            "must be completed first. Export a draft instead, or complete them."
        )
    if preflight.warnings and not accept_warnings:
        return (
            f"{how_many(len(preflight.warnings), 'warning')} to check before a final submission. "
            "If they "
            f"are fine, confirm them ({how_to_confirm}) and export again."
        )
    return ""
