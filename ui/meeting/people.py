"""People as the meeting dialogs type and pick them: "Name, Organisation", with completion."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QWidget

from stocktake_desktop.document.models import Attendee
from stocktake_desktop.text import normalise_line

from ..widgets.line_edit import CleanLineEdit

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def person_text(person: Attendee) -> str:
    """ "Priya Shah, Northamptonshire County Council" (just the name without one)."""
    return f"{person.name}, {person.organisation}" if person.organisation else person.name


def person_label(person: Attendee) -> str:
    """ "Priya Shah — Northamptonshire County Council", as lists show a person."""
    return f"{person.name} — {person.organisation}" if person.organisation else person.name


def read_person(text: str, known: Iterable[Attendee] = ()) -> Attendee | None:
    """The person ``text`` names ("Name" or "Name, Organisation"); a known name without an
    organisation keeps the organisation they last came from. None for an empty name."""
    name, _comma, organisation = text.partition(",")
    name, organisation = normalise_line(name), normalise_line(organisation)
    if not name:
        return None
    if not organisation:
        match = next((p for p in known if p.name.casefold() == name.casefold()), None)
        if match is not None:
            return match
    return Attendee(name, organisation)


def merged(first: Iterable[Attendee], then: Iterable[Attendee]) -> list[Attendee]:
    """``first`` then the people of ``then`` not in it (by name, any case)."""
    people = list(first)
    seen = {p.name.casefold() for p in people}
    for person in then:
        if person.name.casefold() not in seen:
            seen.add(person.name.casefold())
            people.append(person)
    return people


def completer(parent: QWidget, texts: Iterable[str]) -> QCompleter:
    """Completion that finds any part of a name or organisation, in any case."""
    found = QCompleter(QStringListModel(list(texts), parent), parent)
    found.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    found.setFilterMode(Qt.MatchFlag.MatchContains)
    found.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return found


class EntryEdit(CleanLineEdit):
    """A line edit where Enter with some text emits ``entered`` (and goes no further, so a
    dialog's default button is not pressed); Enter when it is empty does press it."""

    entered = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER and self.text().strip():
            # (a completion picked in the pop-up never gets here: the completer takes it)
            popup = self.completer().popup() if self.completer() is not None else None
            if popup is not None:
                popup.hide()
            event.accept()
            self.entered.emit(self.text())
            return
        super().keyPressEvent(event)
