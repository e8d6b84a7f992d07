"""The presenter view's high-contrast look: white and yellow on black, strong frames."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

BLACK = QColor(0, 0, 0)
WHITE = QColor(255, 255, 255)
YELLOW = QColor(255, 255, 0)
CYAN = QColor(0, 255, 255)
GREY = QColor(200, 200, 200)  # disabled and placeholder text: 12:1 on black
DARK = QColor(48, 48, 48)  # buttons and scroll-bar handles, set off from the black (white 13:1)

_COLOURS: dict[QPalette.ColorRole, QColor] = {
    Role.Window: BLACK,
    Role.WindowText: WHITE,
    Role.Base: BLACK,
    Role.AlternateBase: BLACK,
    Role.Text: WHITE,
    Role.Button: DARK,
    Role.ButtonText: WHITE,
    Role.BrightText: YELLOW,
    Role.Highlight: YELLOW,
    Role.HighlightedText: BLACK,
    Role.ToolTipBase: BLACK,
    Role.ToolTipText: YELLOW,
    Role.PlaceholderText: GREY,
    Role.Link: CYAN,
    Role.LinkVisited: CYAN,
    # frames and bevels are drawn from these: white, so every edge shows on black
    Role.Light: WHITE,
    Role.Midlight: WHITE,
    Role.Mid: WHITE,
    Role.Dark: WHITE,
    Role.Shadow: WHITE,
}


def high_contrast_palette() -> QPalette:
    """White text on black, yellow for the focus and selections (every pair 13:1 or more)."""
    palette = QPalette()
    for role, colour in _COLOURS.items():
        for group in (Group.Active, Group.Inactive):
            palette.setColor(group, role, colour)
        palette.setColor(Group.Disabled, role, GREY if colour == WHITE else colour)
    return palette


def apply_contrast(widget: QWidget, high: bool) -> None:
    """Give ``widget`` (and so its children) the high-contrast palette or the normal one."""
    widget.setPalette(high_contrast_palette() if high else QApplication.palette())
