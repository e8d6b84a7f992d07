"""The quick list for switching the contributor (Ctrl+Shift+P): two keystrokes to anyone.

It lists the meeting's attendees, numbered in the order they were added (with no meeting
under way, everyone who attended or contributed). A digit picks that person at once; typing
finds people by any part of their name or organisation (Up and Down move, Enter picks);
"Name, Organisation" and Enter adds someone new (to the meeting, when one is under way).
Escape leaves the contributor as they were.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from stocktake_desktop.document.models import Attendee

from ..look.theme import em, line_height
from ..widgets.line_edit import CleanLineEdit
from .people import person_label, read_person
from .showing import show_dialog

HINT = (
    "Press a person's number, or type to find them and press Enter. "
    "To add someone new, type “Name, Organisation” and press Enter."
)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def numbered(index: int, person: Attendee, current: str) -> str:
    """ "3  Priya Shah — Northamptonshire County Council (contributor now)" """
    number = f"{index + 1}  " if index < 9 else "    "
    now = " (contributor now)" if person.name == current else ""
    return f"{number}{person_label(person)}{now}"


class ContributorSwitcher(QDialog):
    """``chosen`` carries the person picked and whether they are new (to be added)."""

    chosen = Signal(object, bool)

    def __init__(
        self, people: list[Attendee], current: str, in_meeting: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.people = people
        self.setWindowTitle("Switch contributor")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        who = "the meeting's attendees" if in_meeting else "people who contributed or attended"
        intro = QLabel(
            f"The contributor now is {current or 'not set'}. Changes from now on are recorded "
            f"against the person you pick ({who}).",
            self,
        )
        intro.setWordWrap(True)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(hint)
        self.search = CleanLineEdit(parent=self)
        self.search.setAccessibleName("Find or add a person")
        self.search.setAccessibleDescription(HINT)
        self.search.setPlaceholderText("Name, Organisation")
        self.search.setMinimumWidth(em(self, 56))
        layout.addWidget(self.search)
        self.list = QListWidget(self)
        self.list.setAccessibleName("People to switch to")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys go to the find field
        self.list.setMinimumHeight(line_height(self) * 6)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for index, person in enumerate(people):
            item = QListWidgetItem(numbered(index, person, current), self.list)
            item.setData(Qt.ItemDataRole.UserRole, index)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda item: self._pick_person(self.list.row(item)))
        self.list.itemClicked.connect(lambda item: self._pick_person(self.list.row(item)))
        layout.addWidget(self.list, 1)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._key(event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        """Handle a key pressed in the find field; True when it was used here."""
        key = event.key()
        text = event.text()
        if not self.search.text() and len(text) == 1 and text in "123456789":
            self._pick_person(int(text) - 1)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step(-1 if key == Qt.Key.Key_Up else 1)
            return True
        if key in _ENTER:
            self._enter()
            return True
        return False

    def _step(self, delta: int) -> None:
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) if current in rows else -1
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, position + delta))])

    def _filter(self, text: str) -> None:
        words = text.replace(",", " ").casefold().split()
        first = -1
        for row in range(self.list.count()):
            person = self.people[row]
            haystack = f"{person.name} {person.organisation}".casefold()
            shown = all(word in haystack for word in words)
            self.list.item(row).setHidden(not shown)
            if shown and first < 0:
                first = row
        self.list.setCurrentRow(first)

    # ------------------------------------------------------------------ picking
    def _enter(self) -> None:
        """Enter: the person highlighted; with a comma typed ("Name, Organisation"), that
        person, added (or their organisation corrected) unless they are listed as typed."""
        typed = self.search.text().strip()
        row = self.list.currentRow()
        if "," in typed or (typed and row < 0):
            person = read_person(typed, self.people)
            if person is None:
                return
            if person in self.people:
                self._pick_person(self.people.index(person))
                return
            self.chosen.emit(person, True)
            self.accept()
        elif row >= 0:
            self._pick_person(row)

    def _pick_person(self, index: int) -> None:
        if 0 <= index < len(self.people):
            self.chosen.emit(self.people[index], False)
            self.accept()


def open_switcher(
    parent: QWidget, people: list[Attendee], current: str, in_meeting: bool
) -> ContributorSwitcher:
    dialog = ContributorSwitcher(people, current, in_meeting, parent)
    show_dialog(dialog)
    return dialog
