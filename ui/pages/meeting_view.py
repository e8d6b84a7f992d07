"""The return view's meeting parts: how many answers each section has agreed (for its tab),
and the Actions page, added as the last tab once the return has held a meeting or has an
action (a return never used in a meeting keeps its tabs as they were)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from stocktake_desktop.template import Section

from .last_question import LastQuestion

if TYPE_CHECKING:
    from .actions_page import ActionsPage
    from .return_view import ReturnView

ACTIONS_TITLE = "Actions"


class MeetingView(QObject):
    """Made by the view once its tabs exist; it keeps the agreed counts and the Actions tab."""

    def __init__(self, view: ReturnView) -> None:
        super().__init__(view)
        self.view = view
        session = view.session
        agreements = session.agreements()
        self._agreed = {ref: a.status == "agreed" for ref, a in agreements.items()}
        self.actions_page: ActionsPage | None = None
        self.actions_index = -1
        self.last_question = LastQuestion(view)  # where the presenter view starts
        session.agreement_changed.connect(self._agreement_changed)
        session.meeting_changed.connect(self._add_actions_tab_if_used)
        session.actions_changed.connect(self._add_actions_tab_if_used)
        self._add_actions_tab_if_used()

    # ------------------------------------------------------------------ agreed answers
    def agreed_in(self, section: Section) -> int:
        return sum(1 for q in section.questions if self._agreed.get(q.ref))

    def _agreement_changed(self, ref: str) -> None:
        view = self.view
        if view.session.closed or not view.template.has_question(ref):
            return
        agreed = view.session.agreement(ref).status == "agreed"
        if self._agreed.get(ref) != agreed:
            self._agreed[ref] = agreed
            view._refresh_tab(view.template.question(ref).section_number)

    # ------------------------------------------------------------------ the Actions page
    def _add_actions_tab_if_used(self) -> None:
        session = self.view.session
        used = not session.closed and (session.meetings() or session.actions())
        if self.actions_page is None and used:
            self.ensure_actions_page()

    def ensure_actions_page(self) -> ActionsPage:
        """The Actions page, added as the last tab if it is not there yet."""
        if self.actions_page is None:
            from .actions_page import ActionsPage

            view = self.view
            page = ActionsPage(view.session, view)
            page.go_to.connect(view.show_question)
            self.actions_page = page
            self.actions_index = view.tabs.addTab(_scrolled(page), ACTIONS_TITLE, ACTIONS_TITLE)
            view.tabs.currentChanged.emit(view.tabs.currentIndex())  # Next now leads to it
        return self.actions_page

    def show_actions(self) -> ActionsPage:
        """Switch to the Actions page, the keyboard in its table."""
        page = self.ensure_actions_page()
        self.view.tabs.setCurrentIndex(self.actions_index)
        self.view.settle()
        page.focus_table()
        return page


def _scrolled(page: QWidget) -> QScrollArea:
    """``page`` filling its tab, scrolled only when the window is too small for all of it (a
    big zoom on a small screen), so it never makes the window taller than its screen."""
    holder = QScrollArea(page.parentWidget())
    holder.setWidgetResizable(True)
    holder.setFrameShape(QFrame.Shape.NoFrame)
    holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes into the page, as before
    holder.setWidget(page)
    return holder
