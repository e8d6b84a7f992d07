"""The question last visited in the return view: the card that last had the keyboard focus,
or the question the presenter view last showed. What starts "where we are" (the presenter
view) starts there from any page: the Actions page, About, the completion page."""

from __future__ import annotations

import sys

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget


def card_ref(view: QWidget, widget: QWidget | None) -> str:
    """The ref of the question card under ``view`` that holds ``widget`` ("" if none)."""
    if f"{__package__.rpartition('.')[0]}.widgets.question_card" not in sys.modules:
        return ""  # no card has been made yet (start-up): nothing to look for, nothing to import
    from ..widgets.question_card import QuestionCard

    while widget is not None and view.isAncestorOf(widget):
        if isinstance(widget, QuestionCard):
            return widget.question.ref
        widget = widget.parentWidget()
    return ""


class LastQuestion(QObject):
    """Made by the view (a child of it); ``ref`` is "" until a question has been visited."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self.ref = ""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def visit(self, ref: str) -> None:
        """Note ``ref`` as visited (the presenter view leaving it)."""
        self.ref = ref

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if not shiboken6.isValid(self) or now is None or not shiboken6.isValid(now):
            return
        ref = card_ref(self._view, now)
        if ref:
            self.ref = ref


def remember_visit(window: QWidget | None, ref: str) -> None:
    """Note ``ref`` as visited in the return view under ``window`` (if it has one)."""
    tracker = window.findChild(LastQuestion) if window is not None else None
    if tracker is not None:
        tracker.visit(ref)
