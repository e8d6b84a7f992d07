"""An open return as the views see it: writes go through here, failed writes are retried.

Every write is a small core call. If it raises StorageError (disk full, folder read-only),
the widget keeps its text, ``write_failed`` is emitted for the banner and the write is kept
as *dirty*: a timer re-applies the newest value of each dirty field until it succeeds.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

from stocktake_desktop.document import ReturnDocument, ReturnError, StorageError

from .save_worker import SaveWorker

RETRY_MS = 2000


class Session(QObject):
    """The document, its background saver and the retry of writes that failed."""

    answer_changed = Signal(str)  # a question ref whose answer was written
    completion_changed = Signal()
    evidence_changed = Signal(str)  # a question ref whose evidence list changed
    save_status = Signal(object)  # SaveStatus, in the GUI thread
    write_failed = Signal(str)  # a reason to show
    write_recovered = Signal()
    rejected = Signal(str)  # a value the core refused (AnswerError...)

    def __init__(self, document: ReturnDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._dirty: dict[Hashable, Callable[[], None]] = {}
        self._before_flush: list[Callable[[], None]] = []
        self._saver: SaveWorker | None = None
        if not document.read_only:
            self._saver = SaveWorker(document, parent=self)
            self._saver.status.connect(self.save_status)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry_dirty)

    # ------------------------------------------------------------------ state
    @property
    def read_only(self) -> bool:
        return self.document.read_only

    @property
    def closed(self) -> bool:
        return self.document.closed

    @property
    def has_dirty_writes(self) -> bool:
        return bool(self._dirty)

    @property
    def editor(self) -> str:
        return self.document.editor

    def set_editor(self, name: str) -> None:
        """Attribute later changes to ``name`` (pending typing is written first, as before)."""
        self.flush_edits()
        self.document.editor = name

    def on_flush(self, callback: Callable[[], None]) -> None:
        """Register a pending-typing flusher (a debounced editor) to run before a flush."""
        self._before_flush.append(callback)

    def forget_flush(self, callback: Callable[[], None]) -> None:
        if callback in self._before_flush:
            self._before_flush.remove(callback)

    # ------------------------------------------------------------------ writing
    def write(self, key: Hashable, apply: Callable[[], None], *, ref: str | None = None) -> bool:
        """Run ``apply`` (a core setter reading the newest value); True when it was recorded."""
        if self.read_only or self.closed:
            return False
        try:
            apply()
        except StorageError as error:
            self._dirty[key] = apply
            if not self._retry.isActive():
                self._retry.start()
            self.write_failed.emit(str(error))
            return False
        except ReturnError as error:
            self.rejected.emit(str(error))
            return False
        self._dirty.pop(key, None)
        self._changed(ref)
        return True

    def write_once(self, apply: Callable[[], object], *, ref: str | None = None) -> bool:
        """A write that must not be repeated later (adding a file): errors are reported only."""
        if self.read_only or self.closed:
            return False
        try:
            apply()
        except ReturnError as error:  # nothing will retry it, so the user is told at once
            self.rejected.emit(str(error))
            return False
        self._changed(ref)
        if ref is not None:
            self.evidence_changed.emit(ref)
        return True

    def retry_dirty(self) -> None:
        """Re-apply every field that could not be written; stop retrying once all are in."""
        if self.closed:
            self._retry.stop()
            return
        for key, apply in list(self._dirty.items()):
            try:
                apply()
            except StorageError as error:
                self.write_failed.emit(str(error))
                return
            except ReturnError as error:
                self.rejected.emit(str(error))
            self._dirty.pop(key, None)
        self._retry.stop()
        if self._saver is not None:
            self._saver.changed()
        self.write_recovered.emit()
        self.completion_changed.emit()

    def _changed(self, ref: str | None) -> None:
        if self._saver is not None:
            self._saver.changed()
        if ref is None:
            self.completion_changed.emit()
        else:
            self.answer_changed.emit(ref)

    def changed_elsewhere(self) -> None:
        """Something outside the views wrote to the document (e.g. export): save it too."""
        if self._saver is not None:
            self._saver.changed()
        self.completion_changed.emit()

    # ------------------------------------------------------------------ saving and closing
    def flush_edits(self) -> None:
        """Write any typing still waiting for its pause."""
        for callback in list(self._before_flush):
            callback()

    def save_now(self, timeout: float | None = 10.0) -> bool:
        """Write pending typing and publish the user's file now; True when it is all saved."""
        self.flush_edits()
        if self._dirty:
            self.retry_dirty()
        if self._saver is None:
            return True
        return self._saver.flush(timeout) and not self._dirty

    def close(self) -> bool:
        """Finish the pending save and let go of the return; True when nothing was left unsaved."""
        self.flush_edits()
        if self._dirty:
            self.retry_dirty()
        self._retry.stop()
        saved = True
        if self._saver is not None:
            saved = self._saver.stop()
        try:
            self.document.close()
        except ReturnError:
            saved = False
        return saved and not self._dirty
