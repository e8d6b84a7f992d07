"""The presenter view's keys: what each key press asks for, the help line, and going to a
question by typing its number ("4.5" then Enter)."""

from __future__ import annotations

import re
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from stocktake_desktop.template import Template

Key = Qt.Key
Mod = Qt.KeyboardModifier


class Command(Enum):
    NEXT = "next"
    PREVIOUS = "previous"
    FIRST = "first"
    LAST = "last"
    AGREED = "agreed"
    NEEDS_WORK = "needs-work"
    DRAFT = "draft"
    ACTION = "action"
    GO_TO = "go to"
    EDIT = "edit"
    CONTRAST = "contrast"
    OTHER_SCREEN = "other screen"
    FULL_SCREEN = "full screen"
    LEAVE = "leave"


#: Always shown at the foot of the presenter view.
HELP_LINE = (
    "→ or Space next · ← back · G or a number, Enter: go to · A agreed · N needs work · "
    "D draft · T action · E edit · H contrast · M other screen · Ctrl +/− zoom · Esc leave"
)
#: Shown while a question number is being typed.
JUMP_HELP = "Enter goes there, Backspace corrects, Esc cancels."

_PLAIN: dict[Key, Command] = {
    Key.Key_Right: Command.NEXT,
    Key.Key_PageDown: Command.NEXT,
    Key.Key_Space: Command.NEXT,
    Key.Key_Left: Command.PREVIOUS,
    Key.Key_PageUp: Command.PREVIOUS,
    Key.Key_Home: Command.FIRST,
    Key.Key_End: Command.LAST,
    Key.Key_A: Command.AGREED,
    Key.Key_N: Command.NEEDS_WORK,
    Key.Key_D: Command.DRAFT,
    Key.Key_T: Command.ACTION,
    Key.Key_G: Command.GO_TO,
    Key.Key_E: Command.EDIT,
    Key.Key_Return: Command.EDIT,
    Key.Key_Enter: Command.EDIT,
    Key.Key_H: Command.CONTRAST,
    Key.Key_M: Command.OTHER_SCREEN,
    Key.Key_F11: Command.FULL_SCREEN,
    Key.Key_Escape: Command.LEAVE,
    Key.Key_F5: Command.LEAVE,
}


def command_for(event: QKeyEvent) -> Command | None:
    """The command a key press asks for in the presenter view (not while editing), if any."""
    modifiers = event.modifiers() & ~Mod.KeypadModifier
    key = event.key()
    if modifiers == Mod.ControlModifier and key == Key.Key_G:
        return Command.GO_TO
    if modifiers == Mod.ShiftModifier and key == Key.Key_Space:
        return Command.PREVIOUS
    if modifiers != Mod.NoModifier:
        return None
    try:
        return _PLAIN.get(Key(key))
    except ValueError:
        return None


_TYPED = re.compile(r"[0-9.]")
_REF = re.compile(r"[Qq]?\s*(\d{1,3})(?:\.(\d{0,3}))?\.?")


class JumpEntry:
    """The number being typed to go to a question; ``active`` while it is on screen."""

    def __init__(self) -> None:
        self.active = False
        self.text = ""

    def start(self, text: str = "") -> None:
        self.active = True
        self.text = text

    def cancel(self) -> None:
        self.active = False
        self.text = ""

    def starts_with(self, event: QKeyEvent) -> bool:
        """A digit typed while nothing else is going on starts an entry."""
        plain = event.modifiers() & ~Mod.KeypadModifier == Mod.NoModifier
        return plain and event.text().isdigit()

    def type(self, event: QKeyEvent) -> bool:
        """Take a key press while active (digits, the dot, Backspace); False for other keys."""
        if event.key() == Key.Key_Backspace:
            self.text = self.text[:-1]
            return True
        typed = event.text()
        if len(typed) == 1 and _TYPED.fullmatch(typed) and len(self.text) < 8:
            self.text += typed
            return True
        return False


def find_question(template: Template, typed: str) -> str | None:
    """The ref typed ("4.5", "Q4.5", "4.5."), or a section's first question ("4"); None if the
    stocktake has no such question."""
    match = _REF.fullmatch(typed.strip())
    if match is None:
        return None
    section, number = match.group(1), match.group(2)
    if number:
        ref = f"{int(section)}.{int(number)}"
        return ref if template.has_question(ref) else None
    found = [s for s in template.sections if s.number == int(section) and s.questions]
    return found[0].questions[0].ref if found else None
