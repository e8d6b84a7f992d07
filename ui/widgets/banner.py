"""A notice strip across the top of the return: icon, bold title, text and an optional button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..look.theme import line_height, make_notice, set_relative_font


class Banner(QFrame):
    """Hidden until :meth:`show_message`; never relies on colour alone (icon + words)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_notice(self)
        self.setAccessibleName(name)
        layout = QHBoxLayout(self)
        self._icon = QLabel(self)
        self._title = QLabel(self)
        set_relative_font(self._title, 1.0, bold=True)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._button = QPushButton(self)
        self._button.hide()
        self._action: Callable[[], None] | None = None
        self._button.clicked.connect(self._run_action)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._title, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    @property
    def text(self) -> str:
        return f"{self._title.text()} {self._text.text()}".strip()

    def show_message(
        self,
        icon: QIcon,
        title: str,
        text: str,
        action: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        size = line_height(self) * 2
        self._icon.setPixmap(icon.pixmap(size, size))
        self._title.setText(title)
        self._text.setText(text)
        self.setAccessibleDescription(f"{title} {text}")
        if action is None:
            self._action = None
            self._button.hide()
        else:
            self._button.setText(action[0])
            self._action = action[1]
            self._button.show()
        self.show()

    def clear(self) -> None:
        self.hide()

    def _run_action(self) -> None:
        if self._action is not None:
            self._action()
