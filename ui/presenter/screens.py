"""Which screen the presenter view goes on: with a projector as a second screen, the one the
main window is not on (as presentation programs do); M moves it to the next screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

Screen = TypeVar("Screen")


def projector_screen(screens: Sequence[Screen], laptop: Screen | None) -> Screen | None:
    """The first screen that is not ``laptop`` (the main window's), else ``laptop``."""
    for screen in screens:
        if screen != laptop:
            return screen
    return laptop


def next_screen(screens: Sequence[Screen], current: Screen | None) -> Screen | None:
    """The screen after ``current`` (round to the first); None when there is only one."""
    if len(screens) < 2:
        return None
    for index, screen in enumerate(screens):
        if screen == current:
            return screens[(index + 1) % len(screens)]
    return screens[0]


def place_on(window: QWidget, screen: QScreen) -> None:
    """Put ``window`` on ``screen`` (full screen again if it was)."""
    full = window.isFullScreen()
    if full:
        window.showNormal()
    handle = window.windowHandle()
    if handle is not None:
        handle.setScreen(screen)
    window.setGeometry(screen.availableGeometry())
    if full:
        window.showFullScreen()


def show_on_projector(window: QWidget, laptop: QScreen | None) -> None:
    """Show ``window`` full screen on the screen that is not ``laptop``'s (if there is one)."""
    screen = projector_screen(QGuiApplication.screens(), laptop)
    if screen is not None:
        place_on(window, screen)
    window.showFullScreen()
    window.raise_()
    window.activateWindow()


def move_to_next_screen(window: QWidget) -> str | None:
    """Move ``window`` to the next screen; its name, or None when there is only one screen."""
    target = next_screen(QGuiApplication.screens(), window.screen())
    if target is None:
        return None
    place_on(window, target)
    return target.name() or "next"
