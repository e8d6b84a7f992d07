"""Zoom: the application font times a factor, so every text grows for a projector."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ui.theme import reapply_relative_fonts

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
