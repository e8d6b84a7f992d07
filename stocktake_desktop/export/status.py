"""How a return's submission is described: "Submitted on 22 November 2026 (bundle 1a2b3c4d5e6f)"."""

from __future__ import annotations

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document import ReturnDocument, Submission

SHORT_ID = 12


def short_id(bundle_id: str) -> str:
    return bundle_id[:SHORT_ID]


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
        line += f"; {len(later)} change(s) since, which the next export lists"
    return line
