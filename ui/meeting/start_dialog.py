"""File › Start a meeting…: the title, the date, the chair and who is there.

Attendees are picked from everyone who attended before or contributed (completion finds any
part of a name or organisation; Enter on a name adds them) or added by typing "Name,
Organisation" and Enter; **Add
everyone from the last meeting** brings the usual list back. Delete removes the selected
attendee. The chair, with their organisation (filled in for someone known), is listed as
attending. Enter in an empty field starts the meeting.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.document.models import Attendee, Meeting
from stocktake_desktop.text import normalise_line

from ..look.theme import em, line_height
from ..session import Session
from ..widgets.date_field import DateField
from ..widgets.line_edit import CleanLineEdit
from .people import EntryEdit, completer, person_label, person_text, read_person
from .showing import show_dialog

ADD_HINT = "Type a name, or “Name, Organisation”, and press Enter"
ADD_PLACEHOLDER = "Name, Organisation — then Enter"


class _AttendeeList(QListWidget):
    """The attendees; Delete or Backspace asks to remove the selected one."""

    remove_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            event.accept()
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)


class StartMeetingDialog(QDialog):
    """Starts the meeting itself (through the session) when **Start meeting** is pressed;
    ``meeting`` is then the meeting started."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting: Meeting | None = None
        self.setWindowTitle("Start a meeting")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.known = session.people()
        held = session.meetings()
        self.last = held[-1] if held else None
        self.attendees: list[Attendee] = []

        layout = QVBoxLayout(self)
        intro = QLabel("While the meeting runs, every change is recorded as made in it.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title = CleanLineEdit(self.last.title if self.last else "", self)
        self.title.setAccessibleName("Meeting title")
        self.title.setPlaceholderText("e.g. Partnership Board")
        self.title.setMinimumWidth(em(self, 36))
        self.date = DateField("Meeting date", date.today(), self)
        self.date.set_iso_silently(date.today().isoformat())
        self.chair = CleanLineEdit(self.last.chair if self.last else "", self)
        self.chair.setAccessibleName("Chair")
        self.chair.setPlaceholderText("Who chairs the meeting")
        self.chair.setCompleter(completer(self, [p.name for p in self.known]))
        self.chair_organisation = CleanLineEdit(self._known_organisation(), self)
        self.chair_organisation.setAccessibleName("Chair's organisation")
        self.chair_organisation.setPlaceholderText("e.g. Leicestershire County Council")
        self.chair_organisation.setToolTip("The chair's organisation")
        organisations = {p.organisation for p in self.known if p.organisation}
        self.chair_organisation.setCompleter(
            completer(self, sorted(organisations, key=str.casefold))
        )
        self._filled_in = self.chair_organisation.text()  # what was filled in for the chair
        form.addRow("&Title:", self.title)
        form.addRow("&Date:", self.date)
        form.addRow("C&hair:", self.chair)
        form.addRow("&Organisation:", self.chair_organisation)  # the chair's
        layout.addLayout(form)

        add_label = QLabel("&Attendees and their organisations:", self)
        layout.addWidget(add_label)
        row = QHBoxLayout()
        self.entry = EntryEdit(parent=self)
        self.entry.setAccessibleName("Add attendee: name, organisation")
        self.entry.setPlaceholderText(ADD_PLACEHOLDER)
        self.entry.setToolTip(ADD_HINT)
        found = completer(self, [person_text(p) for p in self.known])
        self.entry.setCompleter(found)
        found.activated.connect(self._picked)  # a person picked from the list is added
        add_label.setBuddy(self.entry)
        self.add_button = QPushButton("Add", self)
        self.add_button.setAccessibleName("Add attendee")
        self.add_button.setAutoDefault(False)
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.list = _AttendeeList(self)
        self.list.setAccessibleName("Attendees")
        self.list.setAccessibleDescription("Delete removes the selected attendee")
        self.list.setMinimumHeight(line_height(self) * 5)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list, 1)
        tools = QHBoxLayout()
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setAccessibleName("Remove the selected attendee")
        self.remove_button.setAutoDefault(False)
        self.same_button = QPushButton("Add everyone from the &last meeting", self)
        self.same_button.setAutoDefault(False)
        self.same_button.setEnabled(bool(self.last and self.last.attendees))
        tools.addWidget(self.remove_button)
        tools.addWidget(self.same_button)
        tools.addStretch(1)
        layout.addLayout(tools)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Meeting not started")
        self.problem.hide()
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox(self)
        self.start_button = buttons.addButton(
            "&Start meeting", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.entry.entered.connect(self.add_typed)
        self.add_button.clicked.connect(lambda: self.add_typed(self.entry.text()))
        self.remove_button.clicked.connect(self._remove)
        self.list.remove_requested.connect(self._remove)
        self.same_button.clicked.connect(self._add_last)
        self.chair.editingFinished.connect(self._chair_named)
        self.chair_organisation.editingFinished.connect(self._add_chair)
        self._add_chair()  # the last meeting's chair, as the chair is filled in
        self._show()
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.title.selectAll()

    # ------------------------------------------------------------------ attendees
    def add_typed(self, text: str) -> None:
        """Add the person typed ("Name" or "Name, Organisation") and empty the field."""
        person = read_person(text, self.known)
        if person is not None:
            self.add(person)
        self.entry.clear()

    def _picked(self, text: str) -> None:
        self.add_typed(text)
        QTimer.singleShot(0, self.entry.clear)  # after the completer has filled it in

    def add(self, person: Attendee) -> None:
        """List ``person`` (a name listed already takes the organisation given now)."""
        for index, listed in enumerate(self.attendees):
            if listed.name.casefold() == person.name.casefold():
                if person.organisation and person.organisation != listed.organisation:
                    self.attendees[index] = person
                    self._show()
                return
        self.attendees.append(person)
        self._show()

    def _show(self) -> None:
        current = self.list.currentRow()
        self.list.clear()
        self.list.addItems([person_label(p) for p in self.attendees])
        self.list.setCurrentRow(min(current, self.list.count() - 1))
        self.remove_button.setEnabled(bool(self.attendees))

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.attendees):
            del self.attendees[row]
            self._show()

    def _known_organisation(self) -> str:
        """The organisation the person named as chair came from before ("" if not known)."""
        person = read_person(self.chair.text(), self.known)
        return person.organisation if person is not None else ""

    def _chair_named(self) -> None:
        """A chair typed "Name, Organisation" is split into the two fields; someone known
        gets the organisation they came from (unless one was typed for the chair)."""
        name, comma, organisation = self.chair.text().partition(",")
        if comma:
            self.chair.setText(name.strip())
            self.chair_organisation.setText(organisation.strip())
        elif self.chair_organisation.text() == self._filled_in:
            self._filled_in = self._known_organisation()
            self.chair_organisation.setText(self._filled_in)
        self._add_chair()

    def _chair(self) -> Attendee | None:
        person = read_person(self.chair.text().partition(",")[0])
        if person is None:
            return None
        return Attendee(person.name, normalise_line(self.chair_organisation.text()))

    def _add_chair(self) -> None:
        """The chair attends: listed as soon as they are named, with their organisation."""
        person = self._chair()
        if person is None:
            return
        for index, listed in enumerate(self.attendees):
            if listed.name.casefold() == person.name.casefold():
                if listed != person:
                    self.attendees[index] = person
                    self._show()
                return
        self.add(person)

    def _add_last(self) -> None:
        if self.last is not None:
            for person in self.last.attendees:
                self.add(person)

    # ------------------------------------------------------------------ starting
    def _start(self) -> None:
        if self.entry.text().strip():  # typed but not yet added: add it
            self.add_typed(self.entry.text())
        iso = self.date.iso()
        if not self.title.text().strip():
            self._say("Please give the meeting a title, e.g. Partnership Board.", self.title)
            return
        if not iso:
            self._say("Please give the date of the meeting, e.g. 20/06/2013.", self.date.edit)
            return
        self._chair_named()
        chair_person = self._chair()
        chair = chair_person.name if chair_person is not None else ""
        meeting = self.session.start_meeting(self.title.text(), iso, chair, self.attendees)
        if meeting is not None:
            self.meeting = meeting
            self.accept()

    def _say(self, message: str, field: QWidget) -> None:
        self.problem.setText(message)
        self.problem.show()
        field.setFocus(Qt.FocusReason.OtherFocusReason)


def open_start_dialog(parent: QWidget, session: Session) -> StartMeetingDialog:
    """Show the dialog (window-modal); it starts the meeting itself."""
    dialog = StartMeetingDialog(session, parent)
    show_dialog(dialog)
    return dialog
