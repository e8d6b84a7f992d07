"""Tabs down the left side with horizontal, wrapping text, so long section titles stay readable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QStyle,
    QStyleOptionFocusRect,
    QStyleOptionTab,
    QStylePainter,
    QTabBar,
    QTabWidget,
    QWidget,
)

from ui.theme import em, line_height

TAB_CHARACTERS = 28


class SideTabBar(QTabBar):
    """A West tab bar: text drawn level and wrapped; the current tab is also shown in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setExpanding(False)
        self.setUsesScrollButtons(True)
        self.setElideMode(Qt.TextElideMode.ElideNone)
        self.setDrawBase(False)
        self._heights: dict[tuple[str, str, int], int] = {}

    def _padding(self) -> int:
        return max(4, line_height(self) // 2)

    def _text_rect(self, rect: QRect) -> QRect:
        pad = self._padding()
        return rect.adjusted(pad, pad, -pad, -pad)

    def tabSizeHint(self, index: int) -> QSize:
        width = em(self, TAB_CHARACTERS)
        pad = self._padding()
        font = self.font()
        font.setBold(True)  # measured bold, as the current tab is drawn
        key = (self.tabText(index), font.key(), width)
        height = self._heights.get(key)
        if height is None:
            bounds = QFontMetrics(font).boundingRect(
                QRect(0, 0, width - 2 * pad, 100_000), Qt.TextFlag.TextWordWrap, key[0]
            )
            height = self._heights[key] = bounds.height() + 2 * pad
        return QSize(width, height)

    def minimumTabSizeHint(self, index: int) -> QSize:
        return self.tabSizeHint(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        for index in range(self.count()):
            option = QStyleOptionTab()
            self.initStyleOption(option, index)
            painter.drawControl(QStyle.ControlElement.CE_TabBarTabShape, option)
            font = self.font()
            font.setBold(index == self.currentIndex())
            painter.setFont(font)
            painter.drawItemText(
                self._text_rect(self.tabRect(index)),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                | int(Qt.TextFlag.TextWordWrap),
                option.palette,
                self.isTabEnabled(index),
                self.tabText(index),
                QPalette.ColorRole.WindowText,
            )
            if index == self.currentIndex() and self.hasFocus():
                focus = QStyleOptionFocusRect()
                focus.initFrom(self)
                focus.rect = self._text_rect(self.tabRect(index))
                painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        index = self.currentIndex() + step
        if 0 <= index < self.count():
            self.setCurrentIndex(index)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
            self.update()


class SideTabWidget(QTabWidget):
    """A QTabWidget whose tabs run down the left-hand side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabBar(SideTabBar(self))
        self.setTabPosition(QTabWidget.TabPosition.West)
        self.setDocumentMode(False)

    def set_tab_text(self, index: int, text: str) -> None:
        """Change a tab's text and re-measure the bar (text wraps, so heights can change)."""
        if self.tabText(index) != text:
            self.setTabText(index, text)
            self.tabBar().updateGeometry()
