"""Showing the meeting dialogs: window-modal (the caller carries on; tests drive them with
keys), on the screen (made narrower for a small one, taller for the lines its text then
wraps into), and the window active again once they are done."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from ..look.screen_fit import fit_to_screen


def show_dialog(dialog: QDialog) -> None:
    """Open ``dialog`` over its window; the window takes the keyboard back when it closes."""
    owner = dialog.parentWidget()
    if owner is not None:
        window = owner.window()
        dialog.finished.connect(lambda _result: window.activateWindow())
    dialog.resize(dialog.sizeHint())  # not Qt's two thirds of the screen: a zoomed dialog
    dialog.open()
    fit_to_screen(dialog)
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(dialog.width())  # narrower: wrapped text is taller
        if needed > dialog.height():
            dialog.resize(dialog.width(), needed)
            fit_to_screen(dialog)
