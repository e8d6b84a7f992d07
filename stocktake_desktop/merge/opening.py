"""Opening a partner's copy to merge, and the refusals: the return itself, a file that is not a
return, a copy of another stocktake edition, a copy with a meeting under way."""

from __future__ import annotations

import contextlib
from pathlib import Path

from stocktake_desktop.document import ReturnDocument, ReturnError


class MergeRefusedError(ReturnError):
    """A copy that cannot be merged into this return (one sentence saying why)."""


def open_copy(path: Path, into: Path) -> ReturnDocument:
    """The copy at ``path``, opened read-only (a private copy; the file is only read), after
    the refusals that need only the copy: close it when done."""
    path, into = Path(path), Path(into)
    with contextlib.suppress(OSError):
        if path.resolve() == into.resolve() or path.samefile(into):
            raise MergeRefusedError(
                f"{path.name} is the return itself; choose the partner's copy to merge into it."
            )
    copy = ReturnDocument.open(path, "merge", read_only=True)
    running = copy.current_meeting()
    if running is not None:
        copy.close()
        raise MergeRefusedError(
            f"{path.name} has a meeting under way ({running.title}); end it in that copy, "
            "then merge."
        )
    return copy


def check_mergeable(document: ReturnDocument, copy: ReturnDocument) -> None:
    """Refuse a copy of a different stocktake edition."""
    mine, theirs = document.template, copy.template
    if mine.id != theirs.id:
        raise MergeRefusedError(
            f"{copy.path.name} is a return for a different stocktake edition "
            f"({theirs.display_name}), so it cannot be merged into {document.path.name} "
            f"({mine.display_name})."
        )
