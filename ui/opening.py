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
from stocktake_desktop.document.errors import CannotEditError, InterruptedWriteError
from stocktake_desktop.template import Template

from . import dialogs

FILTER = f"Stocktake returns (*{EXTENSION})"


@dataclass(frozen=True)
class Opened:
    document: ReturnDocument
    locked_by: LockHolder | None = None


def open_return(
    parent: QWidget | None, path: Path, editor: str, *, recover: bool | None = None
) -> Opened | None:
    """Open ``path`` to edit; offers recovery and, when it cannot be edited (in use, read-only,
    left part-way by another program), taking over or read-only. None if not opened."""
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
    take_over = set_aside = False
    while True:  # each question is asked at most once, so this ends
        try:
            document = ReturnDocument.open(
                path,
                editor,
                recover=recover,
                take_over=take_over,
                set_aside_journal=set_aside,
                back_up=False,  # once the window is on screen (MainWindow._show_return)
            )
            return Opened(document)
        except LockedError as error:
            if error.can_take_over and not take_over and _ask_take_over(parent, path, error):
                take_over = True
                continue
            text = (
                f"{path.name} is being edited by {error.holder.describe()}.\n\nYou can open it "
                "read-only to read it; changes can be made once they have closed it."
            )
            return _offer_read_only(parent, path, editor, "Return in use", text, error.holder)
        except InterruptedWriteError as error:
            if not set_aside and _ask_set_aside(parent, path, error):
                set_aside = True
                continue
            return _offer_read_only(parent, path, editor, "Cannot edit the return", str(error))
        except CannotEditError as error:
            return _offer_read_only(parent, path, editor, "Cannot edit the return", str(error))
        except ReturnError as error:
            dialogs.warn(parent, "Cannot open the return", str(error))
            return None


def _ask_take_over(parent: QWidget | None, path: Path, error: LockedError) -> bool:
    holder = error.holder
    who = holder.name or "the person named in the lock"
    return dialogs.ask(
        parent,
        "Return in use on another computer",
        f"{path.name} is being edited by {holder.describe()}.\n\nThis computer cannot tell "
        f"whether that session is still running. Take over editing only if you are sure it "
        f"is not: for example {who} has closed the app, or that computer crashed or was "
        "switched off with the return open. If it is still running, changes made there "
        "after you take over may be lost.\n\nTaking over is recorded in the lock file.",
        yes="Take over editing",
        no="Don't take over",
    )


def _ask_set_aside(parent: QWidget | None, path: Path, error: InterruptedWriteError) -> bool:
    names = " and ".join(Path(journal).name for journal in error.journals)
    return dialogs.ask(
        parent,
        "Return left part-way through a change",
        f"Another program left {path.name} part-way through a change: {names} is beside "
        "it.\n\nIf no other program has the return open now, Stocktake Desktop can read it "
        "as SQLite would (finishing or undoing that change), move the leftover file to the "
        "backups folder, and save the return again as one complete file.\n\nIf another "
        "program may still be using it, close that program first.",
        yes="Set it aside and open",
        no="Don't set it aside",
    )


def _offer_read_only(
    parent: QWidget | None,
    path: Path,
    editor: str,
    title: str,
    text: str,
    holder: LockHolder | None = None,
) -> Opened | None:
    if not dialogs.ask(parent, title, text, yes="Open read-only", no="Cancel"):
        return None
    try:
        return Opened(ReturnDocument.open(path, editor, read_only=True), holder)
    except ReturnError as again:
        dialogs.warn(parent, "Cannot open the return", str(again))
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
