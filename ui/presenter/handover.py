"""Between the main window and the presenter view: which question it starts at, and putting
the main window's card right after the presenter view edited its answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..pages.last_question import LastQuestion, card_ref

if TYPE_CHECKING:
    from ..pages.return_view import ReturnView


def starting_ref(view: ReturnView) -> str:
    """The question whose card has the focus; else, on a section's page, the question of it
    last visited or its first; else (the About, completion or Actions page) the question
    last visited (:class:`~ui.pages.last_question.LastQuestion`); else the first."""
    focused = card_ref(view, view.window().focusWidget())  # the window's, active or not
    if focused:
        return focused
    template = view.template
    tracker = view.findChild(LastQuestion)
    visited = tracker.ref if tracker is not None and template.has_question(tracker.ref) else ""
    index = view.tabs.currentIndex()
    sections = [s for s in template.sections if s.number == index and s.questions]
    if sections:
        if visited and template.question(visited).section_number == index:
            return visited
        return sections[0].questions[0].ref
    return visited or template.questions[0].ref


def reload_card(view: ReturnView, ref: str) -> None:
    """Show the stored answer on ``ref``'s card, if its page has been built."""
    session = view.session
    if session.closed or not view.template.has_question(ref):
        return
    page = view.pages.get(view.template.question(ref).section_number)
    if page is not None and ref in page.cards:
        page.cards[ref].load(session.document.answer(ref))
