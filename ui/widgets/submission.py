"""The line the wizard shows about a return's final submission (the wording is the core's)."""

from __future__ import annotations

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.status import NOT_SUBMITTED, submitted_line


def submission_text(document: ReturnDocument) -> str:
    """``"Submitted on 22 November 2026 (bundle 0123456789ab)"`` or ``"Not submitted yet."``."""
    submission = document.last_final_submission()
    return NOT_SUBMITTED if submission is None else submitted_line(submission)
