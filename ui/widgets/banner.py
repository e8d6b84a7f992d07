"""A notice strip across the top of the return: icon, bold title, text and optional buttons.

The buttons sit beside the text while the strip has room for them and a readable line of
text; on a narrow strip (a small screen, a big zoom) they go under the text, one under the
other if need be, so a banner never makes the window wider than its screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QLabel, QPushButton, QWidget

from ..look.theme import line_height, make_notice, set_relative_font

#: Beside the buttons the text keeps at least this many characters a line (or all of it).
TEXT_BESIDE_BUTTONS = 28

_TOP = Qt.AlignmentFlag.AlignTop
_TOP_LEFT = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft


class Banner(QFrame):
    """Hidden until :meth:`show_message`; never relies on colour alone (icon + words)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_notice(self)
        self.setAccessibleName(name)
        self._grid = QGridLayout(self)
        self._icon = QLabel(self)
        self._title = QLabel(self)
        set_relative_font(self._title, 1.0, bold=True)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons = QWidget(self)
        self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self._buttons)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._button = QPushButton(self._buttons)
        self._button.hide()
        self._row.addWidget(self._button, 0, _TOP_LEFT)
        self._all_buttons = [self._button]  # in their order, the banner's own last
        self._action: Callable[[], None] | None = None
        self._button.clicked.connect(self._run_action)
        self._grid.addWidget(self._icon, 0, 0, _TOP)
        self._grid.addWidget(self._title, 0, 1, _TOP)
        self._grid.addWidget(self._text, 0, 2)
        self._grid.setColumnStretch(2, 1)
        self._place: tuple[int, int, int, int] | None = (
            None  # the buttons' cells (row, column, span)
        )
        self._arrange()
        self.hide()

    @property
    def text(self) -> str:
        return f"{self._title.text()} {self._text.text()}".strip()

    @property
    def buttons_beside_text(self) -> bool:
        """True while the buttons sit beside the text (False: under it)."""
        return self._place is not None and self._place[0] == 0

    def add_button(self, button: QPushButton) -> None:
        """Another button, before the banner's own one."""
        button.setParent(self._buttons)
        self._row.insertWidget(self._row.count() - 1, button, 0, _TOP_LEFT)
        self._all_buttons.insert(len(self._all_buttons) - 1, button)
        for before, after in zip(self._all_buttons, self._all_buttons[1:], strict=False):
            QWidget.setTabOrder(before, after)  # Tab goes along them as they are seen
        self._arrange()

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
        self._arrange()
        self.show()

    def clear(self) -> None:
        self.hide()

    def _run_action(self) -> None:
        if self._action is not None:
            self._action()

    # ------------------------------------------------------------------ fitting the width
    def minimumSizeHint(self) -> QSize:
        """As narrow as the buttons under the text allow, whatever their place now."""
        return QSize(self._narrowest(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # new texts, fonts or buttons
            self._arrange()
        return handled

    def _spacing(self) -> int:
        """The space between the parts, growing with the zoom."""
        return max(4, line_height(self) // 3)

    def _lead(self) -> int:
        """The icon's and the title's width, with the margins and the spaces after them."""
        margins = self._grid.contentsMargins()
        return (
            margins.left()
            + margins.right()
            + self._icon.sizeHint().width()
            + self._title.sizeHint().width()
            + 2 * self._spacing()
        )

    def _button_widths(self) -> list[int]:
        return [b.sizeHint().width() for b in self._all_buttons if not b.isHidden()]

    def _narrowest(self) -> int:
        margins = self._grid.contentsMargins()
        under = margins.left() + margins.right() + self._icon.sizeHint().width()
        under += self._spacing() + max(self._button_widths(), default=0)
        return max(self._lead() + self._text.minimumSizeHint().width(), under)

    def _arrange(self) -> None:
        """Put the buttons beside the text, under it in a row, or under it one by one."""
        spacing = self._spacing()
        if self._grid.horizontalSpacing() != spacing:  # set only when it changes: no loop
            self._grid.setHorizontalSpacing(spacing)
            self._row.setSpacing(spacing)
        widths = self._button_widths()
        self._buttons.setVisible(bool(widths))
        row = sum(widths) + self._spacing() * max(0, len(widths) - 1)
        metrics = self._text.fontMetrics()
        line = min(
            metrics.horizontalAdvance(self._text.text()),
            metrics.averageCharWidth() * TEXT_BESIDE_BUTTONS,
        )
        width = self.width()
        beside = width >= self._lead() + line + self._spacing() + row
        margins = self._grid.contentsMargins()
        inner = width - margins.left() - margins.right()
        after_icon = inner - self._icon.sizeHint().width() - spacing
        # under the text in a row (from the icon's side if only that leaves room), or stacked
        first = 1 if after_icon >= row or inner < row else 0
        in_a_row = beside or inner >= row
        direction = (
            QBoxLayout.Direction.LeftToRight if in_a_row else QBoxLayout.Direction.TopToBottom
        )
        if self._row.direction() != direction:
            self._row.setDirection(direction)
        place = (0, 3, 1, 1) if beside else (1, first, 1, 4 - first)
        if place == self._place:
            return
        self._place = place
        self._grid.removeWidget(self._buttons)
        self._grid.addWidget(self._buttons, *place, _TOP if beside else _TOP_LEFT)
