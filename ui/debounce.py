"""Run a callback once typing has paused, at least every second while it goes on, and at once
when asked (e.g. on focus-out)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

PAUSE_MS = 300
MAX_WAIT_MS = 1000


class Debouncer(QObject):
    """``poke()`` after each keystroke; ``callback`` runs ``delay_ms`` after the last poke, or
    ``max_wait_ms`` after the first unrecorded one, whichever comes first (so continuous typing
    is never more than about a second behind)."""

    def __init__(
        self,
        callback: Callable[[], None],
        delay_ms: int = PAUSE_MS,
        parent: QObject | None = None,
        max_wait_ms: int = MAX_WAIT_MS,
    ) -> None:
        super().__init__(parent)
        self._callback = callback
        self._pause = self._single_shot(delay_ms)
        self._deadline = self._single_shot(max_wait_ms)

    def _single_shot(self, interval_ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(self._fire)
        return timer

    @property
    def pending(self) -> bool:
        return self._pause.isActive() or self._deadline.isActive()

    def poke(self) -> None:
        self._pause.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def flush(self) -> None:
        """Run the callback now if a poke is waiting."""
        if self.pending:
            self._fire()

    def _fire(self) -> None:
        self._pause.stop()
        self._deadline.stop()
        self._callback()
