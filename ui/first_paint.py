"""Work that can wait until the window is on screen: run just after it has painted.

A zero-length timer is not enough for this: Qt fires it before the first paint, so whatever it
runs still keeps the window from appearing. Nor is a visible window one that has painted: the
first paint comes on a later turn of the event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000  # a widget that is never shown (a test, a window kept hidden) still runs it


class _AfterPaint(QObject):
    """Watches ``widget`` (its child, so it goes with it) until the callback has run."""

    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], object] | None = callback
        self._timer = QTimer(self)  # a child too: nothing fires once the widget has gone
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        self._timer.start(FALLBACK_MS)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            self._timer.start(0)  # once this paint pass has finished
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        widget = self.parent()
        if isinstance(widget, QObject):
            widget.removeEventFilter(self)
        self.deleteLater()
        callback()


def after_next_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` once, just after ``widget`` next paints (or after a second if it does
    not: a widget never shown, a test). Nothing is called if ``widget`` is deleted first."""
    _AfterPaint(widget, callback)
