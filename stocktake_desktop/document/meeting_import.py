"""Meetings, agreement and actions as another file gives them (interchange version 2): each
recorded with the id and meeting it has there, every change logged like any other."""

from __future__ import annotations

from datetime import date, datetime, time

from stocktake_desktop.document.errors import AnswerError
from stocktake_desktop.document.meetings import MeetingRecords, checked_action, meeting_line
from stocktake_desktop.document.models import Action, Agreement, Meeting
from stocktake_desktop.text import normalise_line


class MeetingImport(MeetingRecords):
    """Recording meetings, agreements and actions by their ids (for import)."""

    def put_meeting(self, meeting: Meeting) -> Meeting:
        """Record ``meeting`` under its id: a new one as held and ended (it has no times of its
        own, so it counts from the start of its date); one the return has takes its title,
        date, chair and exactly its attendees."""
        title = normalise_line(meeting.title)
        if not title:
            raise AnswerError(f"Meeting {meeting.id} has no title.")
        try:
            held = date.fromisoformat(meeting.date)
        except ValueError as error:
            raise AnswerError(f"Meeting {meeting.id}: {meeting.date!r} is not a date.") from error
        known = self._conn.execute("SELECT 1 FROM meeting WHERE id = ?", (meeting.id,)).fetchone()
        with self._edit() as conn:
            if known is None:
                start = datetime.combine(held, time.min).astimezone().isoformat()
                conn.execute(
                    "INSERT INTO meeting(id, title, date, chair, started_at, ended_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        meeting.id,
                        title,
                        held.isoformat(),
                        normalise_line(meeting.chair),
                        start,
                        start,
                    ),
                )
                line = meeting_line(meeting.id, title, held.isoformat(), meeting.chair)
                self._log(conn, "", "meeting", "", f"imported {line}")
            else:
                self.update_meeting(
                    meeting.id, title=title, date=held.isoformat(), chair=meeting.chair
                )
            wanted = {normalise_line(person.name) for person in meeting.attendees}
            for person in self.meeting(meeting.id).attendees:
                if person.name not in wanted:
                    self.remove_attendee(meeting.id, person.name)
            for person in meeting.attendees:
                self.add_attendee(meeting.id, person.name, person.organisation)
        return self.meeting(meeting.id)

    def put_agreement(self, agreement: Agreement) -> Agreement:
        """Record an answer's agreement with the meeting given ("" for none)."""
        return self._write_agreement(
            agreement.ref, agreement.status, agreement.note, agreement.meeting
        )

    def put_action(self, action: Action) -> Action:
        """Record ``action`` under its id, with the meeting given ("" for none)."""
        if action.meeting:
            self.meeting(action.meeting)
        new = checked_action(
            self,
            action.id,
            action.ref,
            action.text,
            action.owner,
            action.due,
            action.status,
            action.meeting,
        )
        row = self._conn.execute("SELECT 1 FROM action WHERE id = ?", (action.id,)).fetchone()
        return self._write_action(new, self.action(action.id) if row else None)
