"""Add an action on a question, or change one: what, who owns it, when it is due, its status.

The owner is typed with completion from the meeting's attendees and everyone who attended or
contributed before; the due date is typed as people write dates (or picked from a calendar).
Everything is reached with Tab; Enter adds the action, Escape leaves it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.document.models import ACTION_STATUSES, Action

from ..look.theme import em, set_relative_font
from ..session import Session
from ..widgets.date_field import DateField
from ..widgets.line_edit import CleanLineEdit
from .people import completer, merged
from .showing import show_dialog

STATUS_WORDS = {"open": "Open", "done": "Done"}


class ActionDialog(QDialog):
    """For a new action on ``ref`` (``action`` None) or to change ``action``."""

    def __init__(
        self,
        session: Session,
        ref: str,
        action: Action | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.ref = ref
        self.action = action
        question = session.document.template.question(ref)
        self.setWindowTitle("Add an action" if action is None else f"Change action {action.id}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.heading = QLabel(f"Question {ref}: {question.text}", self)
        self.heading.setWordWrap(True)
        set_relative_font(self.heading, 1.0, bold=True)
        self._size_heading()
        layout.addWidget(self.heading)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.text = CleanLineEdit(action.text if action else "", self)
        self.text.setAccessibleName(f"{ref} action: what is to be done")
        self.text.setPlaceholderText("e.g. Agree who owns the register")
        meeting = session.current_meeting
        people = merged(meeting.attendees if meeting else (), session.people())
        self.owner = CleanLineEdit(action.owner if action else "", self)
        self.owner.setAccessibleName(f"{ref} action: owner")
        self.owner.setPlaceholderText("Who will do it")
        self.owner.setCompleter(completer(self, [p.name for p in people]))
        self.due = DateField(f"{ref} action: due date", date.today(), self)
        self.due.set_iso_silently(action.due if action else "")
        self.status = QComboBox(self)
        self.status.setAccessibleName(f"{ref} action: status")
        for status in ACTION_STATUSES:
            self.status.addItem(STATUS_WORDS[status], status)
        self.status.setCurrentIndex(ACTION_STATUSES.index(action.status) if action else 0)
        form.addRow("&Action:", self.text)
        form.addRow("&Owner:", self.owner)
        form.addRow("&Due:", self.due)
        form.addRow("&Status:", self.status)
        if action is None:  # a new action is open
            form.setRowVisible(self.status, False)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Action not added")
        self.problem.hide()
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(
            "Add action" if action is None else "Save changes",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _size_heading(self) -> None:
        """Wide enough for a long question to wrap well, in the type it is shown in now (and
        never wider than most of the screen: the presenter's type at 300%)."""
        width = em(self, 50)
        screen = self.screen()
        if screen is not None:
            width = min(width, screen.availableGeometry().width() * 3 // 4)
        self.heading.setMinimumWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoomed, or the presenter's type
            self._size_heading()

    def _save(self) -> None:
        text = self.text.text().strip()
        due = self.due.iso()
        if not text:
            self._say("Please say what the action is.", self.text)
            return
        if due is None:
            self._say("The due date is not a date; correct it or leave it empty.", self.due.edit)
            return
        owner = self.owner.text().strip()
        if self.action is None:
            saved = self.session.add_action(self.ref, text, owner, due)
        else:
            status = str(self.status.currentData())
            saved = self.session.update_action(
                self.action.id, text=text, owner=owner, due=due, status=status
            )
        if saved or self.session.has_dirty_writes:  # kept and retried if the disk failed
            self.accept()

    def _say(self, message: str, field: QWidget) -> None:
        self.problem.setText(message)
        self.problem.show()
        field.setFocus(Qt.FocusReason.OtherFocusReason)


def open_action_dialog(
    parent: QWidget,
    session: Session,
    ref: str,
    action: Action | None = None,
    *,
    dress: Callable[[ActionDialog], None] | None = None,
) -> ActionDialog | None:
    """Show the action dialog (window-modal; it records the action itself), ``dress``ed first
    (the presenter view's type and contrast); None when the return cannot be changed."""
    if session.read_only or session.closed:
        return None
    dialog = ActionDialog(session, ref, action, parent.window())
    if dress is not None:
        dress(dialog)
    show_dialog(dialog)
    return dialog
