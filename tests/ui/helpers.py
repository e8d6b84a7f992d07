"""Qt-side builders shared by the UI tests: typing as a person does, and windows and dialogs
that must fit a 1024 x 768 projector (import from here, never from another test module)."""

from __future__ import annotations

from typing import Any


# ------------------------------------------------------------------------------ typing (Qt)
def send_keys(qtbot: Any, text: str) -> None:
    """Type ``text`` into whatever has the keyboard focus, a key at a time, as a person would."""
    from PySide6.QtWidgets import QApplication

    for character in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, character)


# ------------------------------------------------------------------------- windows and dialogs (Qt)
def cut_off(widget: Any, width: int = 1024, height: int = 768) -> list[str]:
    """The labels and buttons of ``widget`` (a window or dialog) shown partly outside it, cut
    short by their own size, or outside ``width`` x ``height``: [] when everything fits."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

    problems = []
    if widget.width() > width or widget.height() > height:
        problems.append(f"{widget.width()} x {widget.height()} is bigger than {width} x {height}")
    area = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size()).adjusted(-2, -2, 2, 2)
    for child in widget.findChildren(QWidget):
        if not child.isVisible() or not isinstance(child, QLabel | QAbstractButton):
            continue
        if isinstance(child.parentWidget(), QLineEdit):
            continue
        text = child.text()[:30]
        if not area.contains(QRect(child.mapToGlobal(child.rect().topLeft()), child.size())):
            problems.append(f"{text!r} outside")
        elif isinstance(child, QLabel) and child.wordWrap():
            if child.height() + 1 < child.heightForWidth(child.width()):
                problems.append(f"{text!r} cut short")
        elif child.width() + 1 < child.minimumSizeHint().width():
            problems.append(f"{text!r} too narrow")
    return problems


def shut(widget: Any) -> bool:
    """Whether a dialog has closed (one that deletes itself on closing included)."""
    from shiboken6 import isValid

    return not isValid(widget) or not widget.isVisible()


def projector_at_200(qtbot: Any, window: Any) -> None:
    """The window as on a 1024 × 768 projector at 200%."""
    window.zoom.set_factor(2.0)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 768))


def assert_dialog_fits_projector(window: Any, dialog: Any, widgets: tuple[Any, ...]) -> None:
    """``dialog`` opened within ``window``, and given what a 1024 × 768 screen leaves it (frame
    and all), needs no more and shows every one of ``widgets`` whole."""
    assert window.frameGeometry().contains(dialog.frameGeometry()), dialog.frameGeometry()
    dialog.resize(1024 - 8, 768 - 8)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1016 and hint.height() <= 760, hint
    for widget in widgets:
        assert widget.isVisible() and widget.height() > 0, widget
        top_left = widget.mapTo(dialog, widget.rect().topLeft())
        bottom_right = widget.mapTo(dialog, widget.rect().bottomRight())
        assert dialog.rect().contains(top_left) and dialog.rect().contains(bottom_right), widget
