"""Run a callback once typing has paused (and at once when asked, e.g. on focus-out)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Debouncer(QObject):
    """``poke()`` after each keystroke; ``callback`` runs ``delay_ms`` after the last poke."""

    def __init__(
        self, callback: Callable[[], None], delay_ms: int = 300, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._callback = callback
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def poke(self) -> None:
        self._timer.start()

    def flush(self) -> None:
        """Run the callback now if a poke is waiting."""
        if self._timer.isActive():
            self._timer.stop()
            self._fire()

    def _fire(self) -> None:
        self._callback()
