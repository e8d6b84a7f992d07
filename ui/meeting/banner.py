"""The strip across the return while a meeting runs: "Meeting: Partnership Board — started
14:02 — 5 attendees", with **Switch contributor (Ctrl+Shift+P)** and **End meeting**."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from stocktake_desktop.dates import friendly_datetime
from stocktake_desktop.document.models import Meeting

from ..look.theme import info_icon
from ..session import Session
from ..widgets.banner import Banner

SWITCH_KEYS = "Ctrl+Shift+P"
SWITCH_HELP = (
    f"{SWITCH_KEYS} lists the attendees: press an attendee's number to make them the "
    "contributor. Alt+1 to Alt+9 switch to attendees 1 to 9 at once."
)


def started(meeting: Meeting, today: datetime | None = None) -> str:
    """ "started 14:02" today, else "started 20 June 2013 at 14:02" (local time)."""
    try:
        at = datetime.fromisoformat(meeting.started_at).astimezone()
    except ValueError:
        return "started"
    now = (today or datetime.now()).astimezone()
    if at.date() == now.date():
        return f"started {at:%H:%M}"
    return f"started {friendly_datetime(at)}"


def meeting_line(meeting: Meeting) -> str:
    """ "Partnership Board — started 14:02 — 5 attendees" """
    count = len(meeting.attendees)
    people = f"{count} attendee{'' if count == 1 else 's'}"
    return f"{meeting.title} — {started(meeting)} — {people}"


class MeetingBanner(Banner):
    """Shown while a meeting runs; its buttons ask the window to switch or to end."""

    switch_requested = Signal()
    end_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Meeting under way", parent)
        self.session = session
        self.switch_button = QPushButton(f"Switch contributor ({SWITCH_KEYS})", self)
        self.switch_button.setAccessibleName("Switch contributor")
        self.switch_button.setAccessibleDescription(SWITCH_HELP)
        self.switch_button.setToolTip(SWITCH_HELP)
        self.switch_button.clicked.connect(self.switch_requested)
        self.end_button = self._button  # the banner's own button, shown as "End meeting"
        self.add_button(self.switch_button)  # beside the text, or under it when narrow
        session.meeting_changed.connect(self.refresh)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.isVisible():
            self.refresh()  # the icon follows the zoom

    def refresh(self) -> None:
        meeting = None if self.session.closed else self.session.current_meeting
        if meeting is None:
            self.clear()
            return
        end = None if self.session.read_only else ("End meeting", self.end_requested.emit)
        self.show_message(info_icon(self), "Meeting:", meeting_line(meeting), action=end)
