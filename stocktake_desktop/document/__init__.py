"""The return document: file format, locking, working copies, saving and recovery."""

from stocktake_desktop.document.autosave import AutoSaver, SaveState, SaveStatus
from stocktake_desktop.document.errors import (
    AnswerError,
    LockedError,
    LockHolder,
    NotAReturnError,
    ReadOnlyError,
    ReturnError,
    StorageError,
)
from stocktake_desktop.document.evidence import evidence_state
from stocktake_desktop.document.lock import current_holder
from stocktake_desktop.document.models import (
    Answer,
    ChangeLogEntry,
    Contributor,
    EvidenceLink,
    EvidenceState,
    Submission,
    Summary,
)
from stocktake_desktop.document.schema import EXTENSION, FORMAT_VERSION
from stocktake_desktop.document.store import ReturnDocument, with_extension
from stocktake_desktop.document.working import UnsavedWork, find_unsaved_work, unsaved_work_for

__all__ = [
    "EXTENSION",
    "FORMAT_VERSION",
    "Answer",
    "AnswerError",
    "AutoSaver",
    "ChangeLogEntry",
    "Contributor",
    "EvidenceLink",
    "EvidenceState",
    "LockHolder",
    "LockedError",
    "NotAReturnError",
    "ReadOnlyError",
    "ReturnDocument",
    "ReturnError",
    "SaveState",
    "SaveStatus",
    "StorageError",
    "Submission",
    "Summary",
    "UnsavedWork",
    "current_holder",
    "evidence_state",
    "find_unsaved_work",
    "unsaved_work_for",
    "with_extension",
]
