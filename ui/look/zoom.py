"""Zoom: the application font times a factor, so every text grows for a projector.

The keys: Ctrl++, Ctrl+=, Ctrl+Shift+= and the keypad + zoom in; Ctrl+- and the keypad -
zoom out; Ctrl+0 goes back to 100%. Only ``SHORTCUTS`` are registered with Qt (in
ui/menus.py), never two that one key press can match: on Linux, Windows and macOS the press
Ctrl+Shift+= is reported both as Ctrl+Shift+= and as Ctrl++, and two shortcuts matching it
make Qt refuse both ("Ambiguous shortcut overload"). What no shortcut matches (e.g.
Ctrl+Shift+= where the platform reports it one way only) reaches :class:`ZoomKeys`, a
filter on the window that reads the key press itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from .theme import reapply_relative_fonts

STEPS: tuple[float, ...] = (0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)

_BASE_FONTS: dict[int, QFont] = {}


def base_font(app: QApplication) -> QFont:
    """The application font as it was before any zooming (kept once per application)."""
    return QFont(_BASE_FONTS.setdefault(id(app), QFont(app.font())))


class Zoom(QObject):
    """Owns the zoom factor; ``changed`` carries the new factor."""

    changed = Signal(float)

    def __init__(self, app: QApplication, factor: float = 1.0) -> None:
        super().__init__(app)
        self._base = base_font(app)
        self._factor = 0.0
        self.set_factor(factor)  # also undoes any earlier zoom of this application

    @property
    def factor(self) -> float:
        return self._factor

    def zoom_in(self) -> None:
        self.set_factor(next((s for s in STEPS if s > self._factor + 1e-6), STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_factor(next((s for s in reversed(STEPS) if s < self._factor - 1e-6), STEPS[0]))

    def reset(self) -> None:
        self.set_factor(1.0)

    def set_factor(self, factor: float) -> None:
        factor = min(STEPS[-1], max(STEPS[0], float(factor)))
        if abs(factor - self._factor) < 1e-6:
            return
        self._factor = factor
        font = QFont(self._base)
        if self._base.pointSizeF() > 0:
            font.setPointSizeF(self._base.pointSizeF() * factor)
        else:
            font.setPixelSize(max(1, round(self._base.pixelSize() * factor)))
        QApplication.setFont(font)
        reapply_relative_fonts()
        self.changed.emit(factor)


# One sequence per key press: Ctrl+Shift+= is not listed (Ctrl++ matches it where the platform
# reports both; ZoomKeys takes it where it does not). The keypad's + and - match these too.
SHORTCUTS: dict[str, tuple[str, ...]] = {
    "in": ("Ctrl++", "Ctrl+="),
    "out": ("Ctrl+-",),
    "reset": ("Ctrl+0",),
}

_KEYS = {
    Qt.Key.Key_Plus: "in",
    Qt.Key.Key_Equal: "in",
    Qt.Key.Key_Minus: "out",
    Qt.Key.Key_0: "reset",
}


def zoom_command(key: int, modifiers: Qt.KeyboardModifier) -> str | None:
    """ "in", "out" or "reset" for a zoom key press (Shift and the keypad aside), else None."""
    held = modifiers & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
    if held != Qt.KeyboardModifier.ControlModifier:
        return None
    try:
        return _KEYS.get(Qt.Key(key))
    except ValueError:
        return None


class ZoomKeys(QObject):
    """Zooms on the zoom key presses that reach ``window`` without matching a shortcut."""

    def __init__(self, zoom: Zoom, window: QWidget) -> None:
        super().__init__(window)
        self._commands: dict[str, Callable[[], None]] = {
            "in": zoom.zoom_in,
            "out": zoom.zoom_out,
            "reset": zoom.reset,
        }
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            command = zoom_command(event.key(), event.modifiers())
            if command is not None:
                event.accept()
                self._commands[command]()
                return True
        return super().eventFilter(watched, event)
