"""Background saving: the core AutoSaver, with its status brought to the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from stocktake_desktop.document import AutoSaver, ReturnDocument, SaveStatus


class SaveWorker(QObject):
    """Wraps :class:`AutoSaver`; ``status`` (a SaveStatus) is delivered in the GUI thread."""

    status = Signal(object)

    def __init__(
        self, document: ReturnDocument, delay: float = 1.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._saver = AutoSaver(document, on_status=self._report, delay=delay)

    def _report(self, status: SaveStatus) -> None:
        # Runs in the saver's thread; Qt queues the signal to this object's (GUI) thread.
        self.status.emit(status)

    @property
    def pending(self) -> bool:
        return self._saver.pending

    def changed(self) -> None:
        self._saver.changed()

    def flush(self, timeout: float | None = None) -> bool:
        return self._saver.flush(timeout)

    def stop(self, timeout: float | None = 10.0) -> bool:
        return self._saver.stop(timeout)
