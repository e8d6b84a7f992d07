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
    meeting: MeetingItems  # enabled by the window as meetings start and end
    review_conflicts: QAction | None = None  # Edit › Review conflicts… (its count: U4)


@dataclass(frozen=True, slots=True)
class MeetingItems:
    """The meeting commands (ui/window/meeting_commands.py keeps them up to date)."""

    start: QAction
    end: QAction
    add_action: QAction
    attendees: list[QAction]  # Alt+1 … Alt+9: the meeting's attendees
    no_attendees: QAction  # "No meeting under way", shown instead of them


def as_shown(text: str) -> str:
    """``text`` (a name someone typed) for a menu item: its "&" shown, not an access key."""
    return text.replace("&", "&&")


def numbered(number: int, text: str) -> str:
    """A menu item reached by its number: "&1 …" to "&9 …" (later ones have no access key)."""
    return f"&{number} {as_shown(text)}" if number <= 9 else f"{number} {as_shown(text)}"


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


def _attendee(window: MainWindow, number: int) -> Callable[[], None]:
    return lambda: window.switch_to_attendee(number)


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
        _action(window, file_menu, "Export mee&ting record…", window.export_meeting_record)
    )
    file_menu.addSeparator()  # merge and import (U4)
    need_return.append(
        _action(window, file_menu, "Mer&ge a partner's copy…", window.merge_partner_copy)
    )
    need_return.append(_action(window, file_menu, "&Import…", window.import_into_return))
    file_menu.addSeparator()
    start = _action(window, file_menu, "Start a &meeting…", window.start_meeting, ["Ctrl+Shift+M"])
    end = _action(window, file_menu, "En&d meeting…", window.end_meeting)
    file_menu.addSeparator()
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
    add_action = _action(window, edit, "Add ac&tion…", window.add_action_here, ["Ctrl+Shift+A"])
    edit.addSeparator()
    _action(window, edit, "Change &contributor…", window.change_contributor)
    switch = window.switch_contributor_quickly
    _action(window, edit, "S&witch contributor…", switch, ["Ctrl+Shift+P"])
    attendee_menu = edit.addMenu("Switch to &attendee")
    no_attendees = attendee_menu.addAction("No meeting under way")
    no_attendees.setEnabled(False)
    attendees = [
        _action(window, attendee_menu, f"Attendee {n}", _attendee(window, n), [f"Alt+{n}"])
        for n in range(1, 10)
    ]
    _action(window, edit, "&Default folder for new returns…", window.choose_default_folder)
    edit.addSeparator()
    review = _action(window, edit, "Re&view conflicts…", lambda: window.review_conflicts())

    view = bar.addMenu("&View")
    need_return.append(
        _action(window, view, "&Previous section", window.previous_section, ["Ctrl+PgUp"])
    )
    need_return.append(_action(window, view, "&Next section", window.next_section, ["Ctrl+PgDown"]))
    need_return.append(_action(window, view, "Ac&tions", window.show_actions))
    view.addSeparator()  # history (U3)
    need_return.append(
        _action(window, view, "&History of this answer…", window.show_history, ["Ctrl+H"])
    )
    need_return.append(
        _action(window, view, "What &changed…", window.show_changes, ["Ctrl+Shift+H"])
    )
    need_return.append(_action(window, view, "Change &log…", window.show_change_log))
    view.addSeparator()
    # never two shortcuts one key press can match (see ui/zoom.py); ZoomKeys takes the rest
    _action(window, view, "Zoom &in", zoom.zoom_in, list(ZOOM_SHORTCUTS["in"]))
    _action(window, view, "Zoom &out", zoom.zoom_out, list(ZOOM_SHORTCUTS["out"]))
    _action(window, view, "&Actual size", zoom.reset, list(ZOOM_SHORTCUTS["reset"]))
    ZoomKeys(zoom, window)
    view.addSeparator()
    _action(window, view, "&Full screen", window.toggle_full_screen, ["F11"])
    need_return.append(_action(window, view, "Presenter &view", window.toggle_presenter, ["F5"]))

    help_menu = bar.addMenu("&Help")
    _action(window, help_menu, f"&About {APP_NAME}", window.show_about)
    meeting = MeetingItems(start, end, add_action, attendees, no_attendees)
    return Menus(need_return, recent, meeting, review)
