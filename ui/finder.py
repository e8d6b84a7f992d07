"""Find across every question and answer: collects the matches and shows them one by one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint

if TYPE_CHECKING:
    from ui.find_bar import FindBar
    from ui.question_card import QuestionCard
    from ui.return_view import ReturnView

#: (question ref, field, start, length)
Match = tuple[str, str, int, int]


class Finder(QObject):
    """Answers the find bar: searches question texts, narratives, notes and support."""

    def __init__(self, view: ReturnView, bar: FindBar) -> None:
        super().__init__(view)
        self.view = view
        self.bar = bar
        self.matches: list[Match] = []
        self.index = -1
        self._highlighted: QuestionCard | None = None
        bar.search.connect(self.find)
        bar.step.connect(self.step)
        bar.closed.connect(self.clear)

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
        card = self.view.show_question(ref, focus=False)
        if card is None:
            return
        self._unhighlight()
        widget = card.highlight(field, start, length)
        self._highlighted = card
        page = self.view.section_page(card.question.section_number)
        if field in ("narrative", "support"):
            editor = card.narrative if field == "narrative" else card.support
            cursor = editor.textCursor()
            cursor.setPosition(start)
            rect = editor.cursorRect(cursor)
            page.reveal(editor.viewport(), QPoint(rect.x(), rect.center().y()))
        else:
            page.reveal(widget, QPoint(0, widget.height() // 2))
        self.bar.show_result(self.index + 1, len(self.matches))

    def clear(self) -> None:
        self._unhighlight()
        self.matches = []

    def _unhighlight(self) -> None:
        if self._highlighted is not None:
            self._highlighted.clear_highlight()
            self._highlighted = None
