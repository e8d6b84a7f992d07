"""Find across every question and answer (Ctrl+F): a bar below the return.

Enter or F3 goes to the next match, Shift+Enter or Shift+F3 to the previous one (F3 works
anywhere in the open return: ``ReturnView.find_step``); Esc closes the bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class FindBar(QWidget):
    """``search`` (text), ``step`` (+1 / -1) and ``closed`` go to the return view."""

    search = Signal(str)
    step = Signal(int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        label = QLabel("Find:", self)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName("Find in questions and answers")
        self.edit.setPlaceholderText("Words in any question or answer")
        self.edit.setClearButtonEnabled(True)
        label.setBuddy(self.edit)
        self.previous = QPushButton("Previous", self)
        self.previous.setAccessibleName("Previous match")
        self.next = QPushButton("Next", self)
        self.next.setAccessibleName("Next match")
        self.result = QLabel(self)
        self.close_button = QPushButton("Close", self)
        self.close_button.setAccessibleName("Close find")
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.result)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(lambda: self.search.emit(self.edit.text()))
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.installEventFilter(self)  # Enter and Shift+Enter
        self.previous.clicked.connect(lambda: self.go(-1))
        self.next.clicked.connect(lambda: self.go(1))
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def open(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()

    def show_result(self, current: int, total: int) -> None:
        if not self.edit.text():
            self.result.setText("")
        elif total == 0:
            self.result.setText("No matches")
        else:
            self.result.setText(f"{current} of {total}")
        self.result.setAccessibleName(self.result.text())

    def go(self, delta: int) -> None:
        """The next (+1) or previous (-1) match; typing not yet searched is searched first."""
        if self._timer.isActive():
            self._timer.stop()
            self.search.emit(self.edit.text())
        else:
            self.step.emit(delta)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.go(-1 if shift else 1)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)
