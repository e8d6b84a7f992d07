"""Look and feel from the system palette: no hard-coded colours, fonts relative to the app font.

Headings ask for a font *relative* to the application font (``set_relative_font``); zooming
changes the application font and calls :func:`reapply_relative_fonts`, so every text scales.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QStyle, QWidget

_SCALE = "stocktakeFontScale"
_BOLD = "stocktakeFontBold"


def set_relative_font(widget: QWidget, scale: float = 1.0, *, bold: bool = False) -> None:
    """Give ``widget`` the application font times ``scale``; kept in step when zooming."""
    widget.setProperty(_SCALE, float(scale))
    widget.setProperty(_BOLD, bool(bold))
    _apply(widget)


def reapply_relative_fonts() -> None:
    """Recompute every relative font from the (new) application font."""
    for widget in QApplication.allWidgets():
        if widget.property(_SCALE) is not None:
            _apply(widget)


def _apply(widget: QWidget) -> None:
    font = QFont(QApplication.font())
    scale = float(widget.property(_SCALE) or 1.0)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    elif font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    font.setBold(bool(widget.property(_BOLD)))
    widget.setFont(font)


def em(widget: QWidget, count: float) -> int:
    """``count`` times the average character width of ``widget``'s font, in pixels."""
    return round(widget.fontMetrics().averageCharWidth() * count)


def line_height(widget: QWidget) -> int:
    return widget.fontMetrics().lineSpacing()


def standard_icon(widget: QWidget, which: QStyle.StandardPixmap) -> QIcon:
    return widget.style().standardIcon(which)


def warning_icon(widget: QWidget) -> QIcon:
    return standard_icon(widget, QStyle.StandardPixmap.SP_MessageBoxWarning)


def info_icon(widget: QWidget) -> QIcon:
    return standard_icon(widget, QStyle.StandardPixmap.SP_MessageBoxInformation)


def make_card(frame: QFrame) -> None:
    """A raised panel on the window background, drawn by the style from palette roles."""
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setFrameShadow(QFrame.Shadow.Raised)
    frame.setBackgroundRole(QPalette.ColorRole.Base)
    frame.setAutoFillBackground(True)


def make_notice(frame: QFrame) -> None:
    """A notice strip (banners, the 6.10 link): tooltip colours, which themes keep readable."""
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
    frame.setForegroundRole(QPalette.ColorRole.ToolTipText)
    frame.setAutoFillBackground(True)
