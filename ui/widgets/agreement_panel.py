"""Where the partnership stands on one answer, at the foot of its question card.

Three choices in words (Draft, Agreed, Needs work), an optional note, where it was set ("Agreed
at Partnership Board, 20 June 2013."), the question's actions and **Add action…**. The choices
are one tab stop (the chosen one); the arrow keys, Home and End move to a choice and choose it,
as radio buttons do. An agreed answer edited later is taken back to draft by the core; the
panel then says so in words ("Back to draft: the answer was changed after it was agreed.").
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document.models import AGREEMENT_STATUSES, Action
from stocktake_desktop.template import Question

from ..debounce import Debouncer
from ..look.theme import set_relative_font
from ..session import Session
from .agreement_text import FELL_BACK, status_word, where_set
from .line_edit import CleanLineEdit

_BACK = (Qt.Key.Key_Up, Qt.Key.Key_Left)
_KEYS = (*_BACK, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End)


def choice_name(question: Question, status: str) -> str:
    """A choice's accessible name: "4.5 agreement: Agreed — <the question's text>"."""
    return f"{question.ref} agreement: {status_word(status)} — {question.text}"


def action_line(action: Action) -> str:
    """ "Agree who owns the register (Priya Shah, due 1 July 2013, open)" """
    details = [action.owner or "no owner"]
    details.append(f"due {friendly_date(action.due)}" if action.due else "no due date")
    details.append(action.status)
    return f"{action.text} ({', '.join(details)})"


class _Choice(QRadioButton):
    """One status; arrow keys, Home and End are the panel's to handle."""

    moved = Signal(object, int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier and event.key() in _KEYS:
            event.accept()
            self.moved.emit(self, event.key())
            return
        super().keyPressEvent(event)


class AgreementPanel(QFrame):
    """The agreement of one question's answer, and its actions."""

    def __init__(self, question: Question, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.session = session
        ref = question.ref
        self.setAccessibleName(f"{ref} agreement — {question.text}")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Agreement:", self)
        set_relative_font(heading, 1.0, bold=True)
        layout.addWidget(heading, 0, 0)
        row = QHBoxLayout()
        self.choices: dict[str, _Choice] = {}
        for status in AGREEMENT_STATUSES:
            choice = _Choice(status_word(status), self)
            choice.setAutoExclusive(False)  # exclusive here, with this panel's tab stop
            choice.setAccessibleName(choice_name(question, status))
            choice.setAccessibleDescription("One can be chosen: arrow keys move and choose")
            choice.clicked.connect(partial(self._chosen, status))
            choice.moved.connect(self._move)
            self.choices[status] = choice
            row.addWidget(choice)
        row.addStretch(1)
        layout.addLayout(row, 0, 1)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setAccessibleName(f"{ref} agreement status")
        layout.addWidget(self.where, 1, 1)

        note_label = QLabel("Note:", self)
        self.note = CleanLineEdit(parent=self)
        self.note.setAccessibleName(f"{ref} agreement note — {question.text}")
        self.note.setPlaceholderText("Optional, e.g. what still needs work")
        note_label.setBuddy(self.note)
        layout.addWidget(note_label, 2, 0)
        layout.addWidget(self.note, 2, 1)

        self.actions_label = QLabel(self)
        self.actions_label.setWordWrap(True)
        self.actions_label.setAccessibleName(f"{ref} actions")
        self.add_button = QPushButton("Add action…", self)
        self.add_button.setAccessibleName(f"{ref} add action — {question.text}")
        self.add_button.setToolTip("Add an action on this question (Ctrl+Shift+A)")
        self.add_button.clicked.connect(self.add_action)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        actions.addWidget(self.actions_label, 1)
        layout.addLayout(actions, 3, 0, 1, 2)
        layout.setColumnStretch(1, 1)

        editable = not session.read_only
        for choice in self.choices.values():
            choice.setEnabled(editable)
        self.note.setReadOnly(not editable)
        self.add_button.setEnabled(editable)
        self._status = "draft"
        self._writer = Debouncer(self._write_note, parent=self)
        self.note.textEdited.connect(self._writer.poke)
        self.note.editingFinished.connect(self._writer.flush)
        session.on_flush(self._writer.flush)
        self.destroyed.connect(lambda: session.forget_flush(self._writer.flush))
        session.agreement_changed.connect(self._changed)
        session.actions_changed.connect(self.show_actions)
        session.meeting_changed.connect(self.load)  # a meeting's title in "where"
        self.load()
        self.show_actions()

    # ------------------------------------------------------------------ value
    @property
    def status(self) -> str:
        return self._status

    def tab_stops(self) -> list[QWidget]:
        return [self.choices[self._status], self.note, self.add_button]

    def load(self) -> None:
        """Show the stored agreement (nothing is written back)."""
        if self.session.closed:
            return
        agreement = self.session.agreement(self.question.ref)
        self._show_status(agreement.status)
        if not self._writer.pending and not self.note.hasFocus():
            self.note.setText(agreement.note)
        meetings = {m.id: m for m in self.session.meetings()} if agreement.meeting else {}
        where = where_set(agreement, meetings)
        self.where.setText(FELL_BACK if self.session.fell_back(self.question.ref) else where)
        self.where.setVisible(bool(self.where.text()))

    def _show_status(self, status: str) -> None:
        self._status = status
        for key, choice in self.choices.items():
            choice.setChecked(key == status)
            tab = Qt.FocusPolicy.StrongFocus if key == status else Qt.FocusPolicy.ClickFocus
            choice.setFocusPolicy(tab)

    def _changed(self, ref: str) -> None:
        if ref == self.question.ref and not self.session.closed:
            self.load()

    # ------------------------------------------------------------------ choosing
    def choose(self, status: str) -> None:
        """Set the status (as a click on its choice does)."""
        self._chosen(status)

    def _chosen(self, status: str, _checked: bool = False) -> None:
        self._writer.flush()
        self._show_status(status)  # a click on the chosen one keeps it chosen
        recorded = self.session.set_agreement(self.question.ref, status, self.note.text())
        if not recorded and not self.session.has_dirty_writes:
            self.load()  # refused: show what the return holds

    def _move(self, current: _Choice, key: int) -> None:
        order = list(self.choices.values())
        index = order.index(current)
        if key == Qt.Key.Key_Home:
            index = 0
        elif key == Qt.Key.Key_End:
            index = len(order) - 1
        else:
            index += -1 if key in _BACK else 1
        if 0 <= index < len(order):
            target = order[index]
            target.setFocus(Qt.FocusReason.TabFocusReason)
            if not target.isChecked():
                target.click()

    def _write_note(self) -> None:
        self.session.set_agreement(self.question.ref, self._status, self.note.text())

    # ------------------------------------------------------------------ actions
    def add_action(self) -> None:
        """Ask for a new action on this question (the action dialog)."""
        from ..meeting.action_dialog import open_action_dialog

        open_action_dialog(self, self.session, self.question.ref)

    def show_actions(self) -> None:
        if self.session.closed:
            return
        mine = [a for a in self.session.actions() if a.ref == self.question.ref]
        lines = "; ".join(action_line(a) for a in mine)
        self.actions_label.setText(f"Actions: {lines}." if mine else "")
        self.actions_label.setVisible(bool(mine))
