"""What was dropped: a return (the window opens it) or evidence files (a question card
attaches them). One reading of drag data for both, so they never both take the same drop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

from stocktake_desktop.document import EXTENSION


def _local_files(data: QMimeData) -> list[Path]:
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def dropped_return(data: QMimeData) -> Path | None:
    """The first return file in the drag data, if any."""
    for path in _local_files(data):
        if path.name.lower().endswith(EXTENSION):
            return path
    return None


def dropped_evidence(data: QMimeData) -> list[Path]:
    """The files to attach as evidence; none when only returns are dropped (the window opens
    those instead)."""
    files = _local_files(data)
    if not files or all(f.suffix.lower() == EXTENSION for f in files):
        return []
    return [f for f in files if f.is_file()]
