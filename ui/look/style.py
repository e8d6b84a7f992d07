"""The app's style: the platform's own look, with choices that grow with the zoom and a strong
focus frame on every control.

* :class:`ZoomStyle` wraps the platform style (a ``QProxyStyle``, installed once by
  :func:`install`). Radio buttons and check boxes are drawn at their normal size times the zoom,
  and the focus rectangle the style draws inside a control (the current side tab, an item in a
  list) is a thick frame, not a faint dotted line.
* :class:`FocusRing` draws a thick frame *around* whichever control has the keyboard focus (a
  ``QFocusFrame`` that follows the focus). It is 3 px at 100% and grows with the zoom, in the
  palette's highlight colour when that stands out against the window and the fields (3:1 or
  more), otherwise in the text colour, so dark and high-contrast themes keep it visible. It is a
  frame, not only a change of colour.

The zoom factor is read from the application font (what :mod:`ui.zoom` changes), so the style
follows every zoom without being told.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QMetaObject, QObject, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFocusFrame,
    QMenu,
    QMenuBar,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleHintReturn,
    QStyleOption,
    QTabBar,
    QWidget,
)

from ..first_paint import after_next_paint
from .zoom import base_font

PM = QStyle.PixelMetric
SCALED_METRICS = frozenset(
    {
        PM.PM_IndicatorWidth,
        PM.PM_IndicatorHeight,
        PM.PM_ExclusiveIndicatorWidth,
        PM.PM_ExclusiveIndicatorHeight,
        PM.PM_CheckBoxLabelSpacing,
        PM.PM_RadioButtonLabelSpacing,
    }
)
FOCUS_WIDTH = 3  # pixels at 100%
MIN_CONTRAST = 3.0  # WCAG's minimum for a focus indicator against what is next to it


def focus_width(factor: float) -> int:
    """The focus frame's thickness at zoom ``factor``: 3 px at 100%, 6 px at 200%."""
    return max(2, round(FOCUS_WIDTH * factor))


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focus_colour(palette: QPalette) -> QColor:
    """The highlight colour if it stands out against the window and the fields, else the text
    colour (black on a light theme, white on a dark one)."""
    backgrounds = (
        palette.color(QPalette.ColorRole.Window),
        palette.color(QPalette.ColorRole.Base),
    )
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.WindowText):
        colour = palette.color(role)
        if all(contrast(colour, background) >= MIN_CONTRAST for background in backgrounds):
            return colour
    return palette.color(QPalette.ColorRole.WindowText)


def draw_focus_frame(painter: QPainter, rect: QRect, palette: QPalette, width: int) -> None:
    """A frame ``width`` pixels thick just inside ``rect``."""
    painter.save()
    pen = QPen(focus_colour(palette), width)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = width // 2
    painter.drawRect(rect.adjusted(half, half, half - width, half - width))
    painter.restore()


def _platform_style() -> QStyle:
    """A fresh copy of the style the application uses now (never the proxy itself)."""
    current = QApplication.style()
    if isinstance(current, ZoomStyle):
        current = current.baseStyle()
    made = QStyleFactory.create(current.name())
    return made if made is not None else QStyleFactory.create("Fusion")


class ZoomStyle(QProxyStyle):
    """The platform style with zoomed indicators and a thick focus rectangle."""

    def __init__(self, base: QStyle | None = None) -> None:
        super().__init__(base or _platform_style())
        self.factor = 1.0
        self.ring: FocusRing | None = None

    def follow_font(self, font: QFont) -> None:
        """Take the zoom factor from the application font (its size over the unzoomed one)."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        base = base_font(app)
        if base.pointSizeF() > 0 and font.pointSizeF() > 0:
            factor = font.pointSizeF() / base.pointSizeF()
        elif base.pixelSize() > 0 and font.pixelSize() > 0:
            factor = font.pixelSize() / base.pixelSize()
        else:
            factor = 1.0
        self.set_factor(factor)

    def set_factor(self, factor: float) -> None:
        if abs(factor - self.factor) < 1e-6:
            return
        self.factor = factor
        if self.ring is not None:
            self.ring.refresh()

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric in SCALED_METRICS:
            return round(value * self.factor)
        return value

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            if widget is not None and self.ring is not None and self.ring.covers(widget):
                return  # the ring around the whole control shows the focus
            draw_focus_frame(painter, option.rect, option.palette, focus_width(self.factor))
            return
        super().drawPrimitive(element, option, painter, widget)


class _RingStyle(QProxyStyle):
    """The focus ring's own style: drawn above the control, thick, in the focus colour."""

    def __init__(self, owner: ZoomStyle) -> None:
        super().__init__(_platform_style())
        self.owner = owner

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # noqa: N803 (Qt's name)
    ) -> int:
        if hint == QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1  # parented to the scroll area's viewport, so never clipped by a group
        return super().styleHint(hint, option, widget, returnData)

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric in (PM.PM_FocusFrameHMargin, PM.PM_FocusFrameVMargin):
            return focus_width(self.owner.factor)
        return super().pixelMetric(metric, option, widget)

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.ControlElement.CE_FocusFrame:
            # the frame's mask leaves only the band around the control
            painter.fillRect(option.rect, focus_colour(option.palette))
            return
        super().drawControl(element, option, painter, widget)


class _Ring(QFocusFrame):
    """A QFocusFrame that shows itself again when scrolling brings its control back into view
    (QFocusFrame hides when the control is scrolled out, but only re-measures afterwards). It
    listens to the scroll bars of the scroll areas around its control rather than filtering
    events in Python, which would put every event of the control and its parents through
    Python (about 15 ms of the first window's layout alone)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._scrolling: list[QMetaObject.Connection] = []

    def watch(self, widget: QWidget | None) -> None:
        """Frame ``widget`` (None: none), following the scroll areas it is in."""
        for connection in self._scrolling:
            QObject.disconnect(connection)
        self._scrolling = []
        self.setWidget(widget)  # type: ignore[arg-type]
        parent = widget.parentWidget() if widget is not None else None
        while parent is not None:
            if isinstance(parent, QAbstractScrollArea):
                for bar in (parent.verticalScrollBar(), parent.horizontalScrollBar()):
                    self._scrolling.append(bar.valueChanged.connect(self._scrolled))
            parent = parent.parentWidget()

    def _scrolled(self) -> None:
        if not shiboken6.isValid(self) or self.isVisible():
            return
        widget, parent = self.widget(), self.parentWidget()
        if (
            widget is not None
            and parent is not None
            and widget.isVisible()
            and parent.rect().intersects(self.geometry())
        ):
            self.raise_()
            self.show()


class FocusRing(QObject):
    """Keeps one focus frame around the control with the keyboard focus."""

    def __init__(self, app: QApplication, style: ZoomStyle) -> None:
        super().__init__(app)
        self._style = _RingStyle(style)
        self._frame: _Ring | None = None
        self._waiting_for: QWidget | None = None  # a window the focus came to before it painted
        app.focusChanged.connect(self._focus_changed)

    @property
    def frame(self) -> _Ring | None:
        """The frame, or None before the first focus (or after its window closed)."""
        if self._frame is not None and not shiboken6.isValid(self._frame):
            self._frame = None
        return self._frame

    @staticmethod
    def covers(widget: QWidget) -> bool:
        """Whether the ring is drawn around ``widget`` when it has the focus (the side tabs
        and menus show the focus on their current item instead)."""
        if widget.isWindow() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            return False
        if isinstance(widget, QTabBar | QMenu | QMenuBar | QFocusFrame):
            return False
        return widget.window().windowType() != Qt.WindowType.Popup

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        self.follow(now)

    def follow(self, widget: QWidget | None) -> None:
        frame = self.frame
        if widget is None or not shiboken6.isValid(widget) or not self.covers(widget):
            if frame is not None:
                frame.watch(None)
            return
        if frame is None:
            window = widget.window()
            handle = window.windowHandle()
            if handle is None or not handle.isExposed():
                # Before a window is first on screen (the focus is set as it is shown, the
                # paint comes after). Made now, the frame's first set-up (it looks at every
                # parent of the control) would hold up that first paint by about 10 ms.
                waiting = self._waiting_for
                if waiting is None or not shiboken6.isValid(waiting):  # none, or it has gone
                    self._waiting_for = window
                    after_next_paint(window, self._window_painted)
                return
            frame = self._make_frame(window)
        frame.watch(widget)

    def _window_painted(self) -> None:
        self._waiting_for = None
        widget = QApplication.focusWidget()
        if self.frame is None and widget is not None and self.covers(widget):
            self._make_frame(widget.window())  # on screen now (or never to be: a hidden window)
        self.follow(widget)

    def _make_frame(self, window: QWidget) -> _Ring:
        frame = _Ring(window)
        frame.setObjectName("focusRing")
        frame.setStyle(self._style)
        self._frame = frame
        return frame

    def refresh(self) -> None:
        """Re-measure after the zoom changed the frame's thickness."""
        frame = self.frame
        if frame is not None and frame.widget() is not None:
            widget = frame.widget()
            frame.watch(None)
            frame.watch(widget)


_installed: list[ZoomStyle] = []  # keeps the Python side of the style alive


def install(app: QApplication) -> ZoomStyle:
    """Make :class:`ZoomStyle` the application's style (once) and start the focus ring."""
    current = app.style()
    if isinstance(current, ZoomStyle):
        return current
    style = ZoomStyle()
    app.setStyle(style)
    style.ring = FocusRing(app, style)
    style.follow_font(app.font())
    app.fontChanged.connect(style.follow_font)
    _installed.append(style)
    return style
