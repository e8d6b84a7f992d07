"""The presenter view's type sizes: large at 100% (one and a half times the app's text and
more), growing steadily with the zoom but less than the zoom multiplies it, so that at 300%
on a 1024 × 768 projector a question still has room to be read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from ..look.theme import set_relative_font
from ..look.zoom import base_font

_KIND = "presenterType"
_BOLD = "presenterBold"

#: Each kind of text: its size at 100% and at 300%, relative to the application font at that
#: zoom; in between (and beyond) it grows in a straight line with the zoom.
SIZES: dict[str, tuple[float, float]] = {
    "number": (2.0, 1.3),
    "question": (1.75, 1.15),
    "body": (1.5, 1.0),
    "foot": (1.0, 0.6),
}


def zoom_factor() -> float:
    """The zoom now: the application font over the unzoomed one."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return 1.0
    base, now = base_font(app), QApplication.font()
    if base.pointSizeF() > 0 and now.pointSizeF() > 0:
        return now.pointSizeF() / base.pointSizeF()
    if base.pixelSize() > 0 and now.pixelSize() > 0:
        return now.pixelSize() / base.pixelSize()
    return 1.0


def scale_for(kind: str, zoom: float) -> float:
    """``kind``'s size relative to the application font at ``zoom`` (below 100% the same as
    at 100%)."""
    at_100, at_300 = SIZES[kind]
    if zoom <= 1.0:
        return at_100
    size = at_100 + (3 * at_300 - at_100) * (zoom - 1.0) / 2  # in unzoomed app-font units
    return size / zoom


def set_type(widget: QWidget, kind: str, *, bold: bool = False) -> None:
    """Give ``widget`` the presenter's ``kind`` of text (kept right as the zoom changes)."""
    widget.setProperty(_KIND, kind)
    widget.setProperty(_BOLD, bold)
    set_relative_font(widget, scale_for(kind, zoom_factor()), bold=bold)


def follow_zoom(root: QWidget) -> None:
    """Re-size every presenter text under ``root`` (after the zoom changed)."""
    zoom = zoom_factor()
    for widget in [root, *root.findChildren(QWidget)]:
        kind = widget.property(_KIND)
        if isinstance(kind, str) and kind in SIZES:
            set_relative_font(widget, scale_for(kind, zoom), bold=bool(widget.property(_BOLD)))


def dress_dialog(dialog: QWidget, kind: str = "body") -> None:
    """Give a dialog opened over the presenter view the presenter's ``kind`` of text: the
    dialog (a window inherits no font), each text inside with a font of its own (bold kept),
    each pop-up inside (a calendar) and the lists its completers open."""
    set_type(dialog, kind)
    for widget in dialog.findChildren(QWidget):
        if widget.isWindow() or widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            set_type(widget, kind, bold=widget.font().bold())
        completer = widget.completer() if isinstance(widget, QLineEdit) else None
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            set_type(popup, kind)
