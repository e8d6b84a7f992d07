"""The line the wizard shows about a return's final submission."""

from __future__ import annotations

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document import ReturnDocument


def submission_text(document: ReturnDocument) -> str:
    """``"Submitted on 22 November 2026 (bundle 0123456789ab)"`` or ``"Not submitted yet."``."""
    submission = document.last_final_submission()
    if submission is None:
        return "Not submitted yet."
    return f"Submitted on {friendly_date(submission.at)} (bundle {submission.bundle_id[:12]})"
