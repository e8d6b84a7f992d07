"""Tabs down the left side with level, wrapping text, in a list that scrolls.

The list never makes the window wider or taller than the screen: when full-width tabs would
leave the page less than about 60 characters (a projector at 200%), each tab shows its short
label ("4 · 6/9", with "3 agreed" on a second line once answers are agreed)
with the full title as its tooltip and accessible text; when they are taller than the window,
the list scrolls with an ordinary scroll bar and always keeps the current tab in view, so the
last tab ("Completion and sign-off") can always be reached (Down, End, Ctrl+Page Down, Next).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPaintEvent, QPalette, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyleOptionTab,
    QStylePainter,
    QTabBar,
    QWidget,
)

from ..look.style import draw_focus_frame, focus_width
from ..look.theme import em, line_height

TAB_CHARACTERS = 28
#: the tabs turn compact when, at full width, they would leave the page fewer characters
PAGE_CHARACTERS = 60


class SideTabBar(QTabBar):
    """A West tab bar: text drawn level and wrapped; the current tab is also shown in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setShape(QTabBar.Shape.RoundedWest)
        self.setExpanding(False)
        self.setUsesScrollButtons(False)  # the scroll area around it scrolls instead
        self.setElideMode(Qt.TextElideMode.ElideNone)
        self.setDrawBase(False)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        self.compact = False
        self._short: dict[int, str] = {}
        self._heights: dict[tuple[str, str, int], int] = {}

    # ------------------------------------------------------------------ labels
    def set_short_text(self, index: int, text: str) -> None:
        if self._short.get(index) != text:
            self._short[index] = text
            if self.compact:
                self._relayout()

    def shown_text(self, index: int) -> str:
        """What the tab shows: its short label when compact, else its title."""
        if self.compact:
            return self._short.get(index) or self.tabText(index)
        return self.tabText(index)

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        for index in range(self.count()):
            self.setTabToolTip(index, self.tabText(index) if compact else "")
        self._relayout()

    def _relayout(self) -> None:
        """Measure and place the tabs again (QTabBar has no call for that; this is one)."""
        self.setElideMode(Qt.TextElideMode.ElideNone)
        self.updateGeometry()

    # ------------------------------------------------------------------ measuring
    def _padding(self) -> int:
        return max(3, line_height(self) // (4 if self.compact else 3))

    def _text_rect(self, rect: QRect) -> QRect:
        pad = self._padding()
        return rect.adjusted(pad, pad, -pad, -pad)

    def _bold(self) -> QFontMetrics:
        font = self.font()
        font.setBold(True)  # measured bold, as the current tab is drawn
        return QFontMetrics(font)

    def full_width(self) -> int:
        """The width of the tabs showing their full titles."""
        return em(self, TAB_CHARACTERS)

    def _width(self) -> int:
        if not self.compact:
            return self.full_width()
        metrics = self._bold()
        lines = [line for i in range(self.count()) for line in self.shown_text(i).split("\n")]
        widest = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        return widest + 2 * self._padding() + metrics.averageCharWidth()

    def tabSizeHint(self, index: int) -> QSize:
        width = self._width()
        pad = self._padding()
        metrics = self._bold()
        key = (self.shown_text(index), self.font().key(), width)
        height = self._heights.get(key)
        if height is None:
            bounds = metrics.boundingRect(
                QRect(0, 0, width - 2 * pad, 100_000), Qt.TextFlag.TextWordWrap, key[0]
            )
            height = self._heights[key] = bounds.height() + 2 * pad
        return QSize(width, height)

    def minimumTabSizeHint(self, index: int) -> QSize:
        return self.tabSizeHint(index)

    # ------------------------------------------------------------------ painting
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
                self.shown_text(index),
                QPalette.ColorRole.WindowText,
            )
            if index == self.currentIndex() and self.hasFocus():
                inset = max(1, self._padding() // 3)
                draw_focus_frame(
                    painter,
                    self.tabRect(index).adjusted(inset, inset, -inset, -inset),
                    option.palette,
                    focus_width(getattr(self.style(), "factor", 1.0)),
                )

    # ------------------------------------------------------------------ keys and wheel
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.setCurrentIndex(0 if key == Qt.Key.Key_Home else self.count() - 1)
            return
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(key)
        if step is None:
            super().keyPressEvent(event)
            return
        index = self.currentIndex() + step
        if 0 <= index < self.count():
            self.setCurrentIndex(index)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the wheel scrolls the list rather than changing the section

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
            self.update()


class SideTabWidget(QWidget):
    """Pages with their tabs down the left-hand side (the parts of QTabWidget the app uses)."""

    currentChanged = Signal(int)  # noqa: N815 (as QTabWidget names it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._bar = SideTabBar()
        self.list = QScrollArea(self)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setWidgetResizable(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab bar inside takes the focus
        self.list.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
        self.list.setWidget(self._bar)
        self.list.verticalScrollBar().rangeChanged.connect(lambda _lo, _hi: self._fit_list())
        self._stack = QStackedWidget(self)
        self._stack.setFrameShape(QFrame.Shape.StyledPanel)
        layout.addWidget(self.list)
        layout.addWidget(self._stack, 1)
        self._bar.currentChanged.connect(self._current_changed)
        self._fit_list()

    # ------------------------------------------------------------------ QTabWidget's API
    def addTab(self, widget: QWidget, text: str, short: str = "") -> int:
        self._stack.addWidget(widget)
        index = self._bar.addTab(text)
        self._bar.set_short_text(index, short or text)
        return index

    def count(self) -> int:
        return self._bar.count()

    def currentIndex(self) -> int:
        return self._bar.currentIndex()

    def setCurrentIndex(self, index: int) -> None:
        self._bar.setCurrentIndex(index)

    def currentWidget(self) -> QWidget | None:
        return self._stack.currentWidget()

    def widget(self, index: int) -> QWidget | None:
        return self._stack.widget(index)

    def indexOf(self, widget: QWidget) -> int:
        return self._stack.indexOf(widget)

    def tabText(self, index: int) -> str:
        return self._bar.tabText(index)

    def tabBar(self) -> SideTabBar:
        return self._bar

    def set_tab_text(self, index: int, text: str, short: str = "") -> None:
        """Change a tab's text and re-measure the bar (text wraps, so heights can change)."""
        if short:
            self._bar.set_short_text(index, short)
        if self._bar.tabText(index) != text:
            self._bar.setTabText(index, text)
            if self._bar.compact:
                self._bar.setTabToolTip(index, text)
            self._bar.updateGeometry()

    @property
    def compact(self) -> bool:
        return self._bar.compact

    # ------------------------------------------------------------------ fitting
    def _current_changed(self, index: int) -> None:
        if 0 <= index < self._stack.count():
            self._stack.setCurrentIndex(index)
        self._keep_current_visible()
        self.currentChanged.emit(index)

    def _keep_current_visible(self) -> None:
        index = self._bar.currentIndex()
        if index < 0:
            return
        rect = self._bar.tabRect(index)
        self.list.ensureVisible(rect.center().x(), rect.center().y(), 0, rect.height() // 2 + 2)

    def _fit(self) -> None:
        """Compact tabs when full ones would crowd the page; then size the list to the tabs."""
        width = self.width()
        if width > 0:
            room = width - self._bar.full_width()
            self._bar.set_compact(room < em(self, PAGE_CHARACTERS))
        self._fit_list()

    def _fit_list(self) -> None:
        bar_width = self._bar.minimumSizeHint().width()
        scroll = self.list.verticalScrollBar()
        if scroll.maximum() > 0:
            bar_width += scroll.sizeHint().width()
        if self.list.width() != bar_width or self.list.minimumWidth() != bar_width:
            self.list.setFixedWidth(bar_width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
        self._keep_current_visible()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()
