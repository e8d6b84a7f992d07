"""Showing the meeting dialogs: window-modal (the caller carries on; tests drive them with
keys), on the screen, and the window active again once they are done."""

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
