"""Keeping the window on its screen: a small projector at 200% must still show all of it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget


def default_window_size(available: QSize) -> QSize:
    """1280 × 860, or nine tenths of a smaller screen (council laptops are often 1366 × 768)."""
    return QSize(min(1280, available.width() * 9 // 10), min(860, available.height() * 9 // 10))


def fit_to_screen(window: QWidget, grown_from: QSize | None = None) -> None:
    """Shrink and move ``window`` so that all of it, frame included, is on its screen (a size
    remembered from a bigger monitor, or a zoom that asked for more room). With ``grown_from``
    only when the window was made bigger than that size by its own minimum size (a size the
    user chose is left alone)."""
    if window.isMaximized() or window.isFullScreen():
        return
    if grown_from is not None:
        least = window.minimumSizeHint().expandedTo(window.minimumSize())
        wider = window.width() > grown_from.width() and window.width() <= least.width()
        taller = window.height() > grown_from.height() and window.height() <= least.height()
        if not (wider or taller):
            return
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    inner, frame = window.geometry(), window.frameGeometry()
    extra_width = frame.width() - inner.width()
    extra_height = frame.height() - inner.height()
    width = min(inner.width(), available.width() - extra_width)
    height = min(inner.height(), available.height() - extra_height)
    if (width, height) != (inner.width(), inner.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    frame = window.frameGeometry()
    x = max(available.left(), min(frame.left(), available.right() + 1 - frame.width()))
    y = max(available.top(), min(frame.top(), available.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        window.move(x, y)
