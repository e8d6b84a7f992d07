"""Watching evidence files: QFileSystemWatcher plus a periodic re-check.

A file replaced atomically (saved by Word, synced by OneDrive) drops out of the watcher, so
paths are re-added whenever they exist again. States are cached by size and modification
time, so a re-check only re-hashes a file that really changed on disk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from stocktake_desktop.document import EvidenceLink, EvidenceState, evidence_state

RECHECK_MS = 5000


class EvidenceWatcher(QObject):
    """``recheck`` tells the evidence lists to look at their files again."""

    recheck = Signal()

    def __init__(self, parent: QObject | None = None, interval_ms: int = RECHECK_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._paths: set[str] = set()
        self._cache: dict[tuple[int, str], tuple[tuple[int, int] | None, EvidenceState]] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)
        self._timer.start()

    def watch(self, path: str) -> None:
        self._paths.add(path)
        self._add(path)

    def state(self, link: EvidenceLink) -> EvidenceState:
        """The link's state, re-computed only when the file's size or time has changed."""
        try:
            stat = Path(link.original_path).stat()
            key: tuple[int, int] | None = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            key = None
        cached = self._cache.get((link.id, link.sha256))
        if cached is not None and cached[0] == key and key is not None:
            return cached[1]
        state = evidence_state(link)
        self._cache[(link.id, link.sha256)] = (key, state)
        return state

    def check_now(self) -> None:
        """Re-add watches that fell away and ask every list to refresh."""
        for path in self._paths:
            self._add(path)
        self.recheck.emit()

    def _changed(self, _path: str) -> None:
        self.check_now()

    def _add(self, path: str) -> None:
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        wanted = [path, str(Path(path).parent)]
        for item in wanted:
            if item not in watched and Path(item).exists():
                self._watcher.addPath(item)
