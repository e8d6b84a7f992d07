"""A scrolling page whose content sits in a readable column (about 100 characters wide)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..look.theme import em, line_height, set_relative_font

COLUMN_CHARACTERS = 110


class _Column(QWidget):
    """Grows with the window up to a width measured in characters, so it follows zoom."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        self.setMaximumWidth(em(self, COLUMN_CHARACTERS))


class ScrollPage(QScrollArea):
    """Lay content out with ``self.column``; scroll to any widget inside it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(self)
        outer = QHBoxLayout(content)
        self.column_widget = _Column(content)
        # stretch rather than alignment, so height-for-width is measured at the real width
        outer.addStretch(1)
        outer.addWidget(self.column_widget, 1000)
        outer.addStretch(1)
        self.column = QVBoxLayout(self.column_widget)
        self.column.setSpacing(line_height(self))
        self.setWidget(content)

    def add_bold_label(self, text: str = "", scale: float = 1.0, *, wrap: bool = False) -> QLabel:
        """Add a bold label (a heading or a status line) ``scale`` times the body text size."""
        label = QLabel(text, self.column_widget)
        label.setWordWrap(wrap)
        set_relative_font(label, scale, bold=True)
        self.column.addWidget(label)
        return label

    def _content(self) -> QWidget:
        """The page's scrolled widget (set when the page is built)."""
        content = self.widget()
        assert content is not None
        return content

    def scroll_to(self, widget: QWidget) -> None:
        """Bring the top of ``widget`` to the top of the page."""
        top = widget.mapTo(self._content(), QPoint(0, 0)).y()
        self.verticalScrollBar().setValue(max(0, top - line_height(self)))

    def reveal(self, widget: QWidget, point: QPoint) -> None:
        """Scroll as little as possible so ``point`` (in ``widget``) is visible."""
        where = widget.mapTo(self._content(), point)
        margin = line_height(self) * 2
        self.ensureVisible(where.x(), where.y(), margin, margin)

    def reveal_rect(self, widget: QWidget, rect: QRect) -> None:
        """Bring ``rect`` (in ``widget``'s coordinates) into view, with a margin round it: left
        where it is when already in view, otherwise centred (of a rectangle bigger than the
        page, its top left is shown)."""
        margin = line_height(self) * 2
        where = QRect(widget.mapTo(self._content(), rect.topLeft()), rect.size())
        where = where.adjusted(-margin, -margin, margin, margin)
        viewport = self.viewport()
        for bar, low, high, room in (
            (self.verticalScrollBar(), where.top(), where.bottom(), viewport.height()),
            (self.horizontalScrollBar(), where.left(), where.right(), viewport.width()),
        ):
            value = bar.value()
            if high - low + 1 > room:
                value = low
            elif low < value or high > value + room - 1:
                value = (low + high - room) // 2
            bar.setValue(max(bar.minimum(), min(bar.maximum(), value)))
