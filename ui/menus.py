"""The menu bar: every command with its shortcut (shortcuts work in full screen too)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from stocktake_desktop import APP_NAME

from .look.zoom import SHORTCUTS as ZOOM_SHORTCUTS
from .look.zoom import ZoomKeys

if TYPE_CHECKING:
    from .main_window import MainWindow

Shortcut = str | QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class Menus:
    """What the window wires after building the menus."""

    need_return: list[QAction]  # enabled only while a return is open
    recent: QMenu  # File → Open recent, filled by the window as it opens


def _action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcuts: list[Shortcut] | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.triggered.connect(slot)
    menu.addAction(action)
    window.addAction(action)  # so the shortcut works while the menu bar is hidden
    return action


def build_menus(window: MainWindow) -> Menus:
    """Fill the window's menu bar; the window connects the recent menu itself."""
    bar = window.menuBar()
    zoom = window.zoom
    need_return: list[QAction] = []

    file_menu = bar.addMenu("&File")
    _action(window, file_menu, "&New return…", window.new_return, [QKeySequence.StandardKey.New])
    _action(window, file_menu, "&Open…", window.choose_and_open, [QKeySequence.StandardKey.Open])
    recent = file_menu.addMenu("Open &recent")
    file_menu.addSeparator()
    need_return.append(
        _action(window, file_menu, "&Export for submission…", window.export, ["Ctrl+E"])
    )
    need_return.append(
        _action(window, file_menu, "&Close return", lambda: window.close_return(), ["Ctrl+W"])
    )
    file_menu.addSeparator()
    _action(window, file_menu, "&Quit", window.close, [QKeySequence.StandardKey.Quit])

    edit = bar.addMenu("&Edit")
    _action(window, edit, "&Undo", lambda: window.edit_focused("undo"))
    _action(window, edit, "&Redo", lambda: window.edit_focused("redo"))
    edit.addSeparator()
    need_return.append(_action(window, edit, "&Find…", window.find_in_return, ["Ctrl+F"]))
    need_return.append(_action(window, edit, "&Go to question…", window.go_to_question, ["Ctrl+G"]))
    edit.addSeparator()
    _action(window, edit, "Change &contributor…", window.change_contributor)
    _action(window, edit, "Default &folder for new returns…", window.choose_default_folder)

    view = bar.addMenu("&View")
    need_return.append(
        _action(window, view, "&Previous section", window.previous_section, ["Ctrl+PgUp"])
    )
    need_return.append(_action(window, view, "&Next section", window.next_section, ["Ctrl+PgDown"]))
    view.addSeparator()
    # never two shortcuts one key press can match (see ui/zoom.py); ZoomKeys takes the rest
    _action(window, view, "Zoom &in", zoom.zoom_in, list(ZOOM_SHORTCUTS["in"]))
    _action(window, view, "Zoom &out", zoom.zoom_out, list(ZOOM_SHORTCUTS["out"]))
    _action(window, view, "&Actual size", zoom.reset, list(ZOOM_SHORTCUTS["reset"]))
    ZoomKeys(zoom, window)
    view.addSeparator()
    _action(window, view, "&Full screen", window.toggle_full_screen, ["F11"])
    need_return.append(_action(window, view, "&Presenter view", window.toggle_presenter, ["F5"]))

    help_menu = bar.addMenu("&Help")
    _action(window, help_menu, f"&About {APP_NAME}", window.show_about)
    return Menus(need_return, recent)
