"""The window's history commands: the history of the answer in hand (Ctrl+H), what changed
(in a meeting, since it started, since a time), the change log, and exporting a meeting
record; and the cards put right after a restore."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from .. import dialogs
from .base import WindowBase

if TYPE_CHECKING:
    from PySide6.QtCore import QObject


class HistoryCommands(WindowBase):
    """View › History of this answer…, What changed…, Change log…; File › Export meeting
    record…"""

    def show_history(self) -> None:
        """The history of the question whose card has the focus (else ask which)."""
        if self.session is None or self.view is None:
            return
        from ..history.panel import open_history

        ref = self._ref_in_hand()
        if ref is None:
            answer = dialogs.ask_text(
                self, "History of an answer", "Question number, for example 4.5:"
            )
            if answer is None:
                return
            ref = answer.strip().lstrip("Qq").strip().rstrip(".")
            if not self.view.template.has_question(ref):
                dialogs.warn(
                    self, "History of an answer", f"There is no question “{ref}” in this stocktake."
                )
                return
        open_history(self, self.session, ref)

    def show_changes(self) -> None:
        if self.session is None:
            return
        from ..history.changes_dialog import open_changes

        self._wire(open_changes(self, self.session))

    def show_change_log(self) -> None:
        if self.session is None:
            return
        from ..history.log_dialog import open_change_log

        self._wire(open_change_log(self, self.session))

    def export_meeting_record(self) -> None:
        if self.session is None:
            return
        from ..history.record_dialog import open_record_dialog

        open_record_dialog(self, self.session)

    # ------------------------------------------------------------------ wired by the window
    def _history_go_to(self, ref: str) -> None:
        """A question link followed in a history dialog."""
        if self.view is not None:
            self.view.show_question(ref)

    def _restored(self, refs: tuple[str, ...]) -> None:
        """After a restore the cards built so far show what the return holds now."""
        if self.view is None or self.session is None or self.session.closed:
            return
        for page in self.view.pages.values():
            for ref in refs:
                card = page.cards.get(ref)
                if card is not None:
                    card.load(self.session.document.answer(ref))

    def _ref_in_hand(self) -> str | None:
        from ..widgets.question_card import QuestionCard

        widget: QWidget | None = self.focusWidget()
        while widget is not None:
            if isinstance(widget, QuestionCard):
                return widget.question.ref
            widget = widget.parentWidget()
        return None

    if TYPE_CHECKING:

        def _wire(self, part: QObject) -> None: ...  # MainWindow's: it connects the parts
