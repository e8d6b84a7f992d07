"""The status code chooser: radio buttons (one code) or checkboxes (several, e.g. 1.2).

Each choice is a small button showing the code number beside a wrapping label, so long labels
never clip at high zoom; the button's accessible name reads "4.5 status: 1, Yes".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.template import Question

HINT = "The programme codes every answer with a status from this list"


class _ChoiceLabel(QLabel):
    """A wrapping label that toggles its button when clicked."""

    def __init__(self, text: str, button: QAbstractButton, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._button = button
        self.setWordWrap(True)
        self.setBuddy(button)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._button.isEnabled():
            self._button.click()
        super().mouseReleaseEvent(event)


class CodeChooser(QGroupBox):
    """``codes_changed`` carries the chosen codes (a sorted tuple) after a user's choice."""

    codes_changed = Signal(tuple)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__("Status code", parent)
        self.question = question
        self.setAccessibleName(f"{question.ref} status")
        layout = QVBoxLayout(self)
        how = "tick all that apply" if question.multiple else "choose one"
        hint = QLabel(f"{HINT} ({how}).", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        if question.code_note:
            note = QLabel(question.code_note, self)
            note.setWordWrap(True)
            layout.addWidget(note)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(self.fontMetrics().averageCharWidth())
        self.group = QButtonGroup(self)
        self.group.setExclusive(not question.multiple)  # arrow keys move and choose
        self.buttons: dict[int, QAbstractButton] = {}
        for row, code in enumerate(question.codes):
            button: QAbstractButton
            if question.multiple:
                button = QCheckBox(str(code.value), self)
            else:
                button = QRadioButton(str(code.value), self)
            button.setAccessibleName(f"{question.ref} status: {code.value}, {code.label}")
            kind = "several can be ticked" if question.multiple else "one can be chosen"
            button.setAccessibleDescription(f"Status code for question {question.ref}; {kind}")
            self.group.addButton(button, code.value)
            self.buttons[code.value] = button
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_ChoiceLabel(code.label, button, self), row, 1)
        layout.addLayout(grid)
        self.clear_button = QPushButton("Clear status", self)
        self.clear_button.setAccessibleName(f"{question.ref} clear status")
        self.clear_button.clicked.connect(self._clear)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.group.idClicked.connect(self._clicked)
        self._refresh_clear()

    def codes(self) -> tuple[int, ...]:
        return tuple(sorted(value for value, b in self.buttons.items() if b.isChecked()))

    def set_codes_silently(self, codes: tuple[int, ...]) -> None:
        exclusive = self.group.exclusive()
        self.group.setExclusive(False)  # an exclusive group cannot be emptied
        for value, button in self.buttons.items():
            button.setChecked(value in codes)
        self.group.setExclusive(exclusive)
        self._refresh_clear()

    def set_editable(self, editable: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(editable)
        self.clear_button.setEnabled(editable and bool(self.codes()))

    def first_button(self) -> QAbstractButton:
        return self.buttons[self.question.codes[0].value]

    def _clicked(self, _value: int) -> None:
        self._refresh_clear()
        self.codes_changed.emit(self.codes())

    def _clear(self) -> None:
        if not self.codes():
            return
        self.set_codes_silently(())
        self.codes_changed.emit(())
        self.first_button().setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_clear(self) -> None:
        self.clear_button.setEnabled(bool(self.codes()) and self.first_button().isEnabled())
