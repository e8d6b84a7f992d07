"""What the window's parts share: the state :class:`~ui.main_window.MainWindow` sets up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from stocktake_desktop.settings import Preferences

    from ..look.zoom import Zoom
    from ..menus import Menus
    from ..pages.return_view import ReturnView
    from ..session import Session
    from ..widgets.status_bar import StatusBar


class WindowBase(QMainWindow):
    """The window's state; the parts (mixins in ``ui/window/``) read and change it, and
    :class:`~ui.main_window.MainWindow` sets it up and wires the parts together."""

    prefs: Preferences
    zoom: Zoom
    contributor: str  # the person editing, recorded against every change
    session: Session | None  # the open return's, or None on the start page
    view: ReturnView | None
    status: StatusBar
    menus: Menus
