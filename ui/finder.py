"""Find across every question and answer: collects the matches and shows them one by one.

Each match is shown wherever it is: the view switches to its section, the match is
highlighted (selected in the question text or the good practice note, marked in a narrative or
the support required) and the page scrolls so that the match itself, not just its card, is in
view. The scroll is repeated once the page's layout has settled (a page shown for the first
time grows its editors over a few event-loop turns), so it holds at any zoom.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

if TYPE_CHECKING:
    from .pages.return_view import ReturnView
    from .widgets.find_bar import FindBar
    from .widgets.question_card import QuestionCard

#: (question ref, field, start, length): the field is ``"question"`` (its text) or an answer
#: field's key (``narrative``, ``good_practice_note``, ``support_required``; see ``fields.py``)
Match = tuple[str, str, int, int]
SETTLE_MS = 40  # the second look, once a newly shown page has laid itself out


class Finder(QObject):
    """Answers the find bar: searches the questions and the answers' free text."""

    def __init__(self, view: ReturnView, bar: FindBar) -> None:
        super().__init__(view)
        self.view = view
        self.bar = bar
        self.matches: list[Match] = []
        self.index = -1
        self._highlighted: QuestionCard | None = None
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(SETTLE_MS)
        self._again.timeout.connect(self.reveal)
        bar.search.connect(self.find)
        bar.step.connect(self.step)
        bar.closed.connect(self.clear)

    @property
    def current(self) -> Match | None:
        if 0 <= self.index < len(self.matches):
            return self.matches[self.index]
        return None

    def find(self, text: str) -> None:
        """Collect every match of ``text`` (any case) and show the first."""
        self._unhighlight()
        self.matches = []
        self.index = -1
        if text:
            view = self.view
            view.ensure_all_pages()
            pattern = re.compile(re.escape(text), re.IGNORECASE)
            for question in view.template.questions:
                for field, value in view.card(question.ref).searchable():
                    for found in pattern.finditer(value):
                        self.matches.append((question.ref, field, found.start(), len(found[0])))
        if self.matches:
            self.step(1)
        else:
            self.bar.show_result(0, 0)

    def step(self, delta: int) -> None:
        """Show the next (+1) or previous (-1) match, going round at the ends."""
        if not self.matches:
            return
        self.index = (self.index + delta) % len(self.matches)
        ref, field, start, length = self.matches[self.index]
        view = self.view
        card = view.card(ref)
        section = card.question.section_number
        view.tabs.setCurrentIndex(section)
        view.settle()
        self._unhighlight()
        card.highlight(field, start, length)
        self._highlighted = card
        self.reveal()
        self._again.start()
        self.bar.show_result(self.index + 1, len(self.matches))

    def match_rect(self) -> tuple[QRect, QWidget] | None:
        """The current match's rectangle and the widget whose coordinates it is in."""
        match = self.current
        if match is None:
            return None
        ref, field, start, length = match
        widget = self.view.card(ref).field_widget(field)
        if isinstance(widget, QPlainTextEdit):  # the match's own lines, not the whole editor
            cursor = QTextCursor(widget.document())
            cursor.setPosition(start)
            first = widget.cursorRect(cursor)
            cursor.setPosition(start + length)
            last = widget.cursorRect(cursor)
            return first.united(last), widget.viewport()
        return widget.rect(), widget

    def reveal(self) -> None:
        """Scroll the current match into view on its page."""
        match = self.current
        found = self.match_rect()
        if match is None or found is None:
            return
        rect, widget = found
        page = self.view.section_page(self.view.card(match[0]).question.section_number)
        page.reveal_rect(widget, rect)

    def clear(self) -> None:
        self._again.stop()
        self._unhighlight()
        self.matches = []
        self.index = -1

    def _unhighlight(self) -> None:
        card = self._highlighted
        if card is not None:
            card.clear_highlight()
            if card.text_label.hasSelectedText():
                card.text_label.setSelection(0, 0)
            if card.note.hasSelectedText():
                card.note.deselect()
            self._highlighted = None
