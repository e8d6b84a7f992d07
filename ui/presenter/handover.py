"""Between the main window and the presenter view: which question it starts at, and putting
the main window's card right after the presenter view edited its answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ..pages.return_view import ReturnView


def starting_ref(view: ReturnView) -> str:
    """The question whose card has the focus, else the first of the section shown, else the
    stocktake's first question."""
    from ..widgets.question_card import QuestionCard

    widget: QWidget | None = view.window().focusWidget()  # the window's, active or not
    while widget is not None and view.isAncestorOf(widget):
        if isinstance(widget, QuestionCard):
            return widget.question.ref
        widget = widget.parentWidget()
    template = view.template
    index = view.tabs.currentIndex()
    sections = [s for s in template.sections if s.number == index and s.questions]
    return sections[0].questions[0].ref if sections else template.questions[0].ref


def reload_card(view: ReturnView, ref: str) -> None:
    """Show the stored answer on ``ref``'s card, if its page has been built."""
    session = view.session
    if session.closed or not view.template.has_question(ref):
        return
    page = view.pages.get(view.template.question(ref).section_number)
    if page is not None and ref in page.cards:
        page.cards[ref].load(session.document.answer(ref))
