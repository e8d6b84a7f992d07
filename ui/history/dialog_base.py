"""What the history dialogs share: a ``go_to`` signal (a question link followed; the window
shows the question), a size that is roomy on a laptop, never bigger than the window they
belong to (a 1024 × 768 projector at 200% included), and always on the screen, the window
taking the keyboard back when they close, and the zoom keys working while they are open."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget

from ..look.screen_fit import fit_to_screen
from ..look.theme import em, line_height
from ..look.zoom import SHORTCUTS, Zoom, ZoomKeys


def size_to_window(dialog: QDialog, width_em: float, height_lines: float) -> None:
    """About ``width_em`` characters by ``height_lines`` lines, within the parent window and
    the screen, centred on the parent window."""
    parent = dialog.parentWidget()
    window: QWidget | None = parent.window() if parent is not None else None
    width, height = em(dialog, width_em), round(line_height(dialog) * height_lines)
    if window is not None and window.isVisible():  # a little inside it: it reads as a dialog
        area = window.geometry()
        width = min(width, area.width() * 19 // 20)
        height = min(height, area.height() * 19 // 20)
    screen = dialog.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width, height = min(width, available.width()), min(height, available.height())
    dialog.resize(width, height)
    if window is not None and window.isVisible():
        centre = window.geometry().center()
        dialog.move(centre.x() - width // 2, centre.y() - height // 2)
    fit_to_screen(dialog)


def open_over_window(dialog: QDialog) -> None:
    """Show ``dialog`` modal to its window, which takes the keyboard back once it closes (not
    every platform hands it back by itself; the meeting dialogs do the same)."""
    parent = dialog.parentWidget()
    if parent is not None:
        window = parent.window()
        dialog.finished.connect(lambda _result: window.activateWindow())
    dialog.open()


def follow_zoom_keys(dialog: QDialog) -> None:
    """Ctrl++, Ctrl+- and Ctrl+0 zoom while ``dialog`` is open, as in its window (whose own
    shortcuts a modal dialog keeps from firing); the dialog follows the zoom with the rest."""
    parent = dialog.parentWidget()
    zoom = getattr(parent.window(), "zoom", None) if parent is not None else None
    if not isinstance(zoom, Zoom):
        return
    commands = {"in": zoom.zoom_in, "out": zoom.zoom_out, "reset": zoom.reset}
    for name, sequences in SHORTCUTS.items():
        shortcut = QShortcut(dialog)
        shortcut.setKeys([QKeySequence(sequence) for sequence in sequences])
        shortcut.activated.connect(commands[name])
    ZoomKeys(zoom, dialog)  # what no shortcut matches (see ui/look/zoom.py)


class HistoryDialog(QDialog):
    """A history dialog; ``go_to`` asks the window to show a question (the dialog closes)."""

    go_to = Signal(str)

    def follow(self, ref: str) -> None:
        """Close, and ask for question ``ref`` (the window it belongs to comes back first)."""
        self.accept()
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()
        self.go_to.emit(ref)
