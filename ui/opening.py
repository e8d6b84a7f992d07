"""Opening and creating returns, with every question to the user asked through the seam."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from stocktake_desktop.dates import friendly_datetime
from stocktake_desktop.document import (
    EXTENSION,
    LockedError,
    LockHolder,
    ReturnDocument,
    ReturnError,
    unsaved_work_for,
    with_extension,
)
from stocktake_desktop.template import Template
from ui import dialogs

FILTER = f"Stocktake returns (*{EXTENSION})"


@dataclass(frozen=True)
class Opened:
    document: ReturnDocument
    locked_by: LockHolder | None = None


def open_return(
    parent: QWidget | None, path: Path, editor: str, *, recover: bool | None = None
) -> Opened | None:
    """Open ``path`` to edit; offers recovery and, when it is in use, read-only. None if not."""
    path = Path(path)
    if recover is None:
        recover = False
        work = unsaved_work_for(path)
        if work is not None:
            count = work.unsaved_changes
            recover = dialogs.ask(
                parent,
                "Recover unsaved work?",
                f"{path.name} has {count} change{'s' if count != 1 else ''} that did not reach "
                f"the file (the last by {work.last_change_by} on "
                f"{friendly_datetime(work.last_change_at)}).\n\nRecover them? If you open the "
                "last saved version instead, the unsaved changes are kept in the backups folder.",
                yes="Recover my changes",
                no="Open the last saved version",
            )
    try:
        return Opened(ReturnDocument.open(path, editor, recover=recover))
    except LockedError as error:
        if not dialogs.ask(
            parent,
            "Return in use",
            f"{path.name} is being edited by {error.holder.describe()}.\n\nYou can open it "
            "read-only to read it; changes can be made once they have closed it.",
            yes="Open read-only",
            no="Cancel",
        ):
            return None
        try:
            return Opened(ReturnDocument.open(path, editor, read_only=True), error.holder)
        except ReturnError as again:
            dialogs.warn(parent, "Cannot open the return", str(again))
            return None
    except ReturnError as error:
        dialogs.warn(parent, "Cannot open the return", str(error))
        return None


def suggested_name(locality: str) -> str:
    """``"Leicestershire stocktake.stocktake"``: the locality made safe as a file name."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", locality).strip(" .") or "New"
    return f"{safe} stocktake{EXTENSION}"


def create_return(
    parent: QWidget | None, folder: Path, locality: str, template: Template, editor: str
) -> ReturnDocument | None:
    """Ask where to save, then make the new return there. None if cancelled or refused."""
    if not locality.strip():
        dialogs.warn(
            parent,
            "Locality needed",
            "Please give the locality (the local authority area) for the new return.",
        )
        return None
    chosen = dialogs.save_file(
        parent, "Save the new return as", folder / suggested_name(locality), FILTER
    )
    if chosen is None:
        return None
    try:
        return ReturnDocument.create(with_extension(chosen), locality, editor, template)
    except ReturnError as error:
        dialogs.warn(parent, "Cannot create the return", str(error))
        return None
