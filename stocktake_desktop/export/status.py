"""How an export and a submission are described, in the CLI and the views alike.

"Submitted on 22 November 2026 (bundle 1a2b3c4d5e6f)", and the report after an export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stocktake_desktop.counting import how_many
from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document import ReturnDocument, Submission
from stocktake_desktop.limits import MB

if TYPE_CHECKING:  # pragma: no cover - typing only
    from stocktake_desktop.export.bundle import BundleResult

SHORT_ID = 12
NOT_SUBMITTED = "Not submitted yet."


def short_id(bundle_id: str) -> str:
    return bundle_id[:SHORT_ID]


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"


def submitted_line(submission: Submission) -> str:
    return f"Submitted on {friendly_date(submission.at)} (bundle {short_id(submission.bundle_id)})"


def submission_status(document: ReturnDocument) -> str:
    """The line the return shows once submitted, noting later changes; "" before submission."""
    last = document.last_final_submission()
    if last is None:
        return ""
    line = submitted_line(last)
    later = document.changes_since_submission()
    if later:
        line += f"; {how_many(len(later), 'change')} since, which the next export lists"
    return line


def report_lines(
    document: ReturnDocument, result: BundleResult, *, email_limit: int, how_to_leave_out: str
) -> list[str]:
    """What an export made, for the CLI and the export dialog: the zip, where it is, the email
    draft, the bundle id, the submission, and anything left out or cut. ``how_to_leave_out``
    names the way to leave the evidence out where the user is (an option, a tick box)."""
    kind = "Final submission" if result.final else "Draft"
    lines = [
        f"{kind} exported: {result.zip_path} ({megabytes(result.zip_size)})",
        f"Folder: {result.folder}",
    ]
    if result.eml_path is not None:  # beside the zip
        lines.append(f"Email draft with the zip attached: {result.eml_path.name}")
    lines.append(f"Bundle id: {result.bundle_id}")
    if result.final and result.recorded:
        lines.append(submission_status(document))
    elif not result.recorded:
        lines.append("The return is open read-only, so this export is not recorded in it.")
    lines += [f"Not in the zip, send separately: {entry.path}" for entry in result.sent_separately]
    lines += [
        f"Evidence missing, so not included: {item['ref']} {item['name']}"
        for item in result.missing_evidence
    ]
    if result.cut_refs:
        lines.append(
            f"Cut to fit Excel cells (the PDF has the full text): {', '.join(result.cut_refs)}"
        )
    if result.zip_size > email_limit:
        lines.append(
            f"The zip is over the {megabytes(email_limit)} email limit: {how_to_leave_out}, "
            "or send it another way."
        )
    return lines
