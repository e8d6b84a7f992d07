"""The status code chooser: radio buttons (one code) or check boxes (several, e.g. 1.2).

Each choice is a small button showing the code number beside a wrapping label, so long labels
never clip at high zoom; the button's accessible name reads "4.5 status: 1, Yes".

Keyboard (the buttons are in no QButtonGroup and are not auto-exclusive, so Qt's own
one-tab-stop-per-group rule does not apply and this class decides):

* one code: the group is one tab stop, the chosen code (or the first when none is chosen),
  so Tab and Shift+Tab enter it at the chosen code and never skip it; the arrow keys (and
  Home and End) move to a code and choose it, as radio buttons do.
* several codes: every code is its own tab stop and Space ticks or unticks it; the arrow keys
  move between the codes without ticking. The arrow keys never scroll the page.

A multi-select question whose "No" code is ticked with other codes gets a gentle warning
under the codes (not a refusal: the programme's list allows it).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.template import Question

HINT = "The programme codes every answer with a status from this list"

_BACK = (Qt.Key.Key_Up, Qt.Key.Key_Left)
_ON = (Qt.Key.Key_Down, Qt.Key.Key_Right)
_ENDS = (Qt.Key.Key_Home, Qt.Key.Key_End)


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


def _moves(event: QKeyEvent) -> bool:
    """An arrow key, Home or End with no modifier (the keypad aside)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return modifiers == Qt.KeyboardModifier.NoModifier and event.key() in (*_BACK, *_ON, *_ENDS)


class _CodeCheckBox(QCheckBox):
    """A code of a tick-all-that-apply question (arrow keys: see :class:`CodeChooser`)."""

    moved = Signal(object, int)  # the button, the key

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _moves(event):
            event.accept()  # never passed on: the page does not scroll under the codes
            self.moved.emit(self, event.key())
            return
        super().keyPressEvent(event)


class _CodeRadioButton(QRadioButton):
    """A code of a choose-one question (arrow keys: see :class:`CodeChooser`)."""

    moved = Signal(object, int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _moves(event):
            event.accept()
            self.moved.emit(self, event.key())
            return
        super().keyPressEvent(event)


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
        self.buttons: dict[int, QAbstractButton] = {}
        if question.multiple:
            kind = "several can be ticked: Space ticks or unticks, arrow keys move"
        else:
            kind = "one can be chosen: arrow keys move and choose"
        for row, code in enumerate(question.codes):
            button: _CodeCheckBox | _CodeRadioButton
            if question.multiple:
                button = _CodeCheckBox(str(code.value), self)
            else:
                button = _CodeRadioButton(str(code.value), self)
                button.setAutoExclusive(False)  # exclusive here, with this class's tab stops
            button.setAccessibleName(f"{question.ref} status: {code.value}, {code.label}")
            button.setAccessibleDescription(f"Status code for question {question.ref}; {kind}")
            button.moved.connect(self._move)
            button.clicked.connect(partial(self._clicked, code.value))
            self.buttons[code.value] = button
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_ChoiceLabel(code.label, button, self), row, 1)
        layout.addLayout(grid)
        self._none = next((c for c in question.codes if c.label.strip().casefold() == "no"), None)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)
        self.clear_button = QPushButton("Clear status", self)
        self.clear_button.setAccessibleName(f"{question.ref} clear status")
        self.clear_button.clicked.connect(self._clear)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._refresh()

    # ------------------------------------------------------------------ value
    def codes(self) -> tuple[int, ...]:
        return tuple(sorted(value for value, b in self.buttons.items() if b.isChecked()))

    def set_codes_silently(self, codes: tuple[int, ...]) -> None:
        for value, button in self.buttons.items():
            button.setChecked(value in codes)
        self._refresh()

    def set_editable(self, editable: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(editable)
        self._refresh()

    def first_button(self) -> QAbstractButton:
        return self.buttons[self.question.codes[0].value]

    def tab_stops(self) -> list[QAbstractButton]:
        """The code buttons Tab stops at: every one (several codes), or the chosen or first."""
        if self.question.multiple:
            return list(self.buttons.values())
        chosen = self.codes()
        return [self.buttons[chosen[0]] if chosen else self.first_button()]

    # ------------------------------------------------------------------ choosing
    def _clicked(self, value: int, _checked: bool = False) -> None:
        if not self.question.multiple:  # a click on the chosen code keeps it chosen
            for other, button in self.buttons.items():
                button.setChecked(other == value)
        self._refresh()
        self.codes_changed.emit(self.codes())

    def _clear(self) -> None:
        if not self.codes():
            return
        self.set_codes_silently(())
        self.codes_changed.emit(())
        self.first_button().setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh(self) -> None:
        """The Clear button, the tab stops and the "No with others" warning after a change."""
        editable = self.first_button().isEnabled()
        codes = self.codes()
        self.clear_button.setEnabled(bool(codes) and editable)
        stops = self.tab_stops()
        for button in self.buttons.values():
            tab = Qt.FocusPolicy.StrongFocus if button in stops else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(tab)
        none = self._none
        warn = self.question.multiple and none is not None and none.value in codes
        warn = warn and len(codes) > 1
        if warn and none is not None:
            text = f"‘{none.value} – {none.label}’ is ticked with other codes: is that right?"
            self.warning.setText(text)
            self.setAccessibleDescription(text)
        else:
            self.warning.clear()
            self.setAccessibleDescription("")
        self.warning.setVisible(warn)

    # ------------------------------------------------------------------ keys
    def _move(self, current: QAbstractButton, key: int) -> None:
        """Arrow keys, Home and End: to the next, previous, first or last code."""
        order = list(self.buttons.values())
        index = order.index(current) if current in order else 0
        if key == Qt.Key.Key_Home:
            index = 0
        elif key == Qt.Key.Key_End:
            index = len(order) - 1
        else:
            index += -1 if key in _BACK else 1
        if not 0 <= index < len(order):
            return
        target = order[index]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self._reveal(target)
        if not self.question.multiple and not target.isChecked():
            target.click()

    def _reveal(self, widget: QWidget) -> None:
        """Scroll the page (if any) just enough to show ``widget``."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(widget)
