"""Adding an action from the presenter view: what is to be done, who owns it, when it is due.

The owner is picked from the meeting's attendees and everyone who attended before or
contributed (or typed); the due date is typed or picked (:class:`~ui.widgets.date_field.
DateField`). The dialog only collects: ``submitted`` carries the values for the session.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.document.models import Attendee
from stocktake_desktop.template import Question

from ..look.theme import set_relative_font
from ..widgets.date_field import DateField
from ..widgets.line_edit import CleanLineEdit, clean_line


def owner_choices(attendees: list[Attendee], people: list[Attendee]) -> list[Attendee]:
    """The meeting's attendees first (in their order), then everyone else, each name once."""
    seen: set[str] = set()
    found: list[Attendee] = []
    for person in [*attendees, *people]:
        key = person.name.casefold()
        if person.name and key not in seen:
            seen.add(key)
            found.append(person)
    return found


class ActionDialog(QDialog):
    """``submitted`` (text, owner, due as ISO or "") when Add action is pressed and valid."""

    submitted = Signal(str, str, str)

    def __init__(
        self, question: Question, owners: list[Attendee], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        ref = question.ref
        self.setWindowTitle(f"Add an action on {ref}")
        self.setAccessibleName(f"Add an action on question {ref}: {question.text}")
        layout = QVBoxLayout(self)
        about = QLabel(f"Question {ref}: {question.text}", self)
        about.setWordWrap(True)
        set_relative_font(about, 1.0, bold=True)
        layout.addWidget(about)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.text = CleanLineEdit(parent=self)
        self.text.setAccessibleName(f"{ref} action: what is to be done")
        self.owner = QComboBox(self)
        self.owner.setEditable(True)
        self.owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner.setAccessibleName(f"{ref} action: owner")
        self.owner.addItem("", "")
        for person in owners:
            shown = f"{person.name} ({person.organisation})" if person.organisation else person.name
            self.owner.addItem(shown, person.name)
        self.owner.setCurrentIndex(0)
        self.due = DateField(f"{ref} action: due date", date.today(), self)
        form.addRow("What is to be &done:", self.text)
        form.addRow("&Owner (pick or type a name):", self.owner)
        form.addRow("D&ue date:", self.due)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(f"{ref} action: problem")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(self)
        self.add_button = buttons.addButton("&Add action", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.add_button.setDefault(True)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def owner_name(self) -> str:
        """The owner's name: the person picked, or the name typed."""
        typed = clean_line(self.owner.currentText()).strip()
        index = self.owner.findText(typed, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.owner.itemData(index) or "")
        return typed

    def _submit(self) -> None:
        text = clean_line(self.text.text()).strip()
        due = self.due.iso()
        if not text:
            self._complain("Please say what is to be done.", self.text)
            return
        if due is None:
            self._complain("The due date is not understood; type it like 28/06/2013.", self.due)
            return
        self.submitted.emit(text, self.owner_name(), due)
        self.accept()

    def _complain(self, message: str, field: QWidget) -> None:
        self.problem.setText(message)
        self.problem.show()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
