"""Partnership meetings: who met, what they agreed about each answer, the actions they set.

While a meeting runs, every change logged is tagged with its id (``DocumentBase._log``); an
"agreed" answer edited later falls back to "draft" there too. Every change made here is logged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from stocktake_desktop.dates import date_problem, friendly_date, parse_date
from stocktake_desktop.document.base import ANSWER_FIELDS, DocumentBase, now_iso
from stocktake_desktop.document.errors import AnswerError
from stocktake_desktop.document.models import (
    ACTION_STATUSES,
    AGREEMENT_STATUSES,
    Action,
    Agreement,
    Attendee,
    Meeting,
)
from stocktake_desktop.text import normalise_line, normalise_text

_MEETING_SQL = "SELECT id, title, date, chair, started_at, ended_at FROM meeting"
_ACTION_SQL = "SELECT id, ref, text, owner, due, status, meeting FROM action"
_NUMBERED = re.compile(r"[a-z](\d{1,9})")


class MeetingRecords(DocumentBase):
    """Meetings with their attendees, each answer's agreement, and the actions."""

    # ----------------------------------------------------------------- meetings
    def meetings(self) -> list[Meeting]:
        """Every meeting, in the order they were held."""
        rows = self._conn.execute(_MEETING_SQL).fetchall()
        found = [self._meeting_from_row(row) for row in rows]
        return sorted(found, key=lambda m: (m.started_at, _number(m.id)))

    def meeting(self, meeting_id: str) -> Meeting:
        row = self._conn.execute(_MEETING_SQL + " WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise AnswerError(f"There is no meeting {meeting_id!r} in this return.")
        return self._meeting_from_row(row)

    def current_meeting(self) -> Meeting | None:
        """The meeting under way, or None."""
        meeting_id = self._running_meeting_id(self._conn)
        return self.meeting(meeting_id) if meeting_id else None

    def start_meeting(
        self, title: str, date: str, chair: str = "", attendees: Iterable[Attendee] = ()
    ) -> Meeting:
        """Start a meeting (ids m1, m2, …); ``date`` as people type it or ISO. One at a time."""
        running = self.current_meeting()
        if running is not None:
            raise AnswerError(
                f"The meeting {running.title!r} is still under way; end it before starting another."
            )
        title, chair = normalise_line(title), normalise_line(chair)
        if not title:
            raise AnswerError("Please give the meeting a title, e.g. Partnership Board.")
        when = _iso_date(date, "The meeting's date")
        if not when:
            raise AnswerError("Please give the date of the meeting.")
        taken = [_number(row[0]) for row in self._conn.execute("SELECT id FROM meeting")]
        meeting_id = f"m{max(taken, default=0) + 1}"
        with self._edit() as conn:
            conn.execute(
                "INSERT INTO meeting(id, title, date, chair, started_at) VALUES (?, ?, ?, ?, ?)",
                (meeting_id, title, when, chair, now_iso()),
            )
            started = meeting_line(meeting_id, title, when, chair)
            self._log(conn, "", "meeting", "", f"started {started}")
            for person in attendees:
                self.add_attendee(meeting_id, person.name, person.organisation)
        return self.meeting(meeting_id)

    def update_meeting(
        self,
        meeting_id: str,
        *,
        title: str | None = None,
        date: str | None = None,
        chair: str | None = None,
    ) -> Meeting:
        """Correct a meeting's title, date or chair."""
        old = self.meeting(meeting_id)
        new_title = normalise_line(title) if title is not None else old.title
        if not new_title:
            raise AnswerError("A meeting's title cannot be empty.")
        new_date = _iso_date(date, "The meeting's date") if date is not None else old.date
        if not new_date:
            raise AnswerError("A meeting's date cannot be empty.")
        new_chair = normalise_line(chair) if chair is not None else old.chair
        if (new_title, new_date, new_chair) == (old.title, old.date, old.chair):
            return old
        with self._edit() as conn:
            conn.execute(
                "UPDATE meeting SET title = ?, date = ?, chair = ? WHERE id = ?",
                (new_title, new_date, new_chair, meeting_id),
            )
            self._log(
                conn,
                "",
                "meeting",
                meeting_line(old.id, old.title, old.date, old.chair),
                meeting_line(meeting_id, new_title, new_date, new_chair),
            )
        return self.meeting(meeting_id)

    def end_meeting(self) -> Meeting:
        """End the meeting under way (its last change-log entry is still tagged with it)."""
        running = self.current_meeting()
        if running is None:
            raise AnswerError("No meeting is under way.")
        with self._edit() as conn:
            self._log(conn, "", "meeting", "", f"ended {running.id}: {running.title}")
            conn.execute("UPDATE meeting SET ended_at = ? WHERE id = ?", (now_iso(), running.id))
        return self.meeting(running.id)

    def add_attendee(self, meeting_id: str, name: str, organisation: str = "") -> Attendee:
        """Add someone to a meeting (or correct their organisation if they are listed)."""
        self.meeting(meeting_id)
        name, organisation = normalise_line(name), normalise_line(organisation)
        if not name:
            raise AnswerError("Please give the attendee's name.")
        row = self._conn.execute(
            "SELECT organisation FROM attendee WHERE meeting = ? AND name = ?", (meeting_id, name)
        ).fetchone()
        if row is not None and row[0] == organisation:
            return Attendee(name, organisation)
        with self._edit() as conn:
            if row is None:
                position = conn.execute(
                    "SELECT coalesce(max(position), 0) + 1 FROM attendee WHERE meeting = ?",
                    (meeting_id,),
                ).fetchone()[0]
                conn.execute(
                    "INSERT INTO attendee(meeting, name, organisation, position) "
                    "VALUES (?, ?, ?, ?)",
                    (meeting_id, name, organisation, position),
                )
                old = ""
            else:
                conn.execute(
                    "UPDATE attendee SET organisation = ? WHERE meeting = ? AND name = ?",
                    (organisation, meeting_id, name),
                )
                old = _attendee_line(meeting_id, name, row[0])
            self._log(conn, "", "attendee", old, _attendee_line(meeting_id, name, organisation))
        return Attendee(name, organisation)

    def remove_attendee(self, meeting_id: str, name: str) -> None:
        """Take someone off a meeting's list (the change log keeps that they were on it)."""
        self.meeting(meeting_id)
        row = self._conn.execute(
            "SELECT organisation FROM attendee WHERE meeting = ? AND name = ?", (meeting_id, name)
        ).fetchone()
        if row is None:
            raise AnswerError(f"{name} is not listed as attending meeting {meeting_id}.")
        with self._edit() as conn:
            conn.execute("DELETE FROM attendee WHERE meeting = ? AND name = ?", (meeting_id, name))
            self._log(conn, "", "attendee", _attendee_line(meeting_id, name, row[0]), "")

    def people(self) -> list[Attendee]:
        """Everyone who attended a meeting or contributed, by name, each with the organisation
        they last came from (for picking attendees and action owners)."""
        found: dict[str, Attendee] = {}
        for row in self._conn.execute("SELECT name FROM contributor"):
            found[row[0].casefold()] = Attendee(row[0])
        order = {m.id: index for index, m in enumerate(self.meetings())}
        rows = self._conn.execute("SELECT meeting, name, organisation, position FROM attendee")
        for _meeting, name, organisation, _position in sorted(
            rows, key=lambda r: (order.get(r[0], -1), r[3])
        ):
            found[name.casefold()] = Attendee(name, organisation)
        return sorted(found.values(), key=lambda person: person.name.casefold())

    # ----------------------------------------------------------------- agreement
    def agreement(self, ref: str) -> Agreement:
        self._question(ref)
        row = self._conn.execute(
            "SELECT ref, status, meeting, note FROM agreement WHERE ref = ?", (ref,)
        ).fetchone()
        return Agreement(*row) if row else Agreement(ref)

    def agreements(self) -> dict[str, Agreement]:
        """Every question's agreement, in the stocktake's order ("draft" where none is set)."""
        rows = self._conn.execute("SELECT ref, status, meeting, note FROM agreement").fetchall()
        stored = {row[0]: Agreement(*row) for row in rows}
        return {q.ref: stored.get(q.ref, Agreement(q.ref)) for q in self.template.questions}

    def fallen_back(self) -> set[str]:
        """The answers taken back to draft because they were edited after they were agreed,
        with no status chosen since: the newest agreement entry is that fall-back, which the
        edit's own entry follows at once."""
        found: set[str] = set()
        drafts = self._conn.execute("SELECT ref FROM agreement WHERE status = 'draft'")
        for (ref,) in drafts.fetchall():
            entries = self.change_log(ref)
            marks = [i for i, entry in enumerate(entries) if entry.field == "agreement"]
            if not marks or marks[-1] + 1 >= len(entries):
                continue
            mark, edit = entries[marks[-1]], entries[marks[-1] + 1]
            fell = (mark.old, mark.new) == ("agreed", "draft") and edit.id == mark.id + 1
            if fell and edit.field in ANSWER_FIELDS:
                found.add(ref)
        return found

    def set_agreement(self, ref: str, status: str, note: str = "") -> Agreement:
        """Set an answer's status ("draft", "agreed" or "needs-work") and note; it records the
        meeting under way."""
        return self._write_agreement(ref, status, note, None)

    def _write_agreement(self, ref: str, status: str, note: str, meeting: str | None) -> Agreement:
        """Set an agreement, recording ``meeting`` (None: the meeting under way)."""
        self._question(ref)
        if status not in AGREEMENT_STATUSES:
            raise AnswerError(
                f"{ref}: {status!r} is not an agreement status (draft, agreed or needs-work)."
            )
        if meeting:
            self.meeting(meeting)
        note = normalise_text(note).strip()
        old = self.agreement(ref)
        if (old.status, old.note) == (status, note) and meeting in (None, old.meeting):
            return old
        with self._edit() as conn:
            if meeting is None:
                meeting = self._running_meeting_id(conn)
            conn.execute(
                "INSERT INTO agreement(ref, status, meeting, note) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(ref) DO UPDATE SET status = excluded.status, "
                "meeting = excluded.meeting, note = excluded.note",
                (ref, status, meeting, note),
            )
            if old.status != status or old.meeting != meeting:
                self._log(conn, ref, "agreement", old.status, status)
            if old.note != note:
                self._log(conn, ref, "agreement_note", old.note, note)
        return self.agreement(ref)

    # ----------------------------------------------------------------- actions
    def actions(self) -> list[Action]:
        """Every action, in the order they were added."""
        rows = self._conn.execute(_ACTION_SQL).fetchall()
        return sorted((Action(*row) for row in rows), key=lambda a: _number(a.id))

    def action(self, action_id: str) -> Action:
        row = self._conn.execute(_ACTION_SQL + " WHERE id = ?", (action_id,)).fetchone()
        if row is None:
            raise AnswerError(f"There is no action {action_id!r} in this return.")
        return Action(*row)

    def add_action(
        self, ref: str, text: str, owner: str = "", due: str = "", status: str = "open"
    ) -> Action:
        """Add an action on question ``ref`` (ids a1, a2, …); it records the meeting under way."""
        taken = [_number(row[0]) for row in self._conn.execute("SELECT id FROM action")]
        action = checked_action(
            self, f"a{max(taken, default=0) + 1}", ref, text, owner, due, status, ""
        )
        return self._write_action(action, None, running=True)

    def update_action(
        self,
        action_id: str,
        *,
        ref: str | None = None,
        text: str | None = None,
        owner: str | None = None,
        due: str | None = None,
        status: str | None = None,
    ) -> Action:
        """Change any of an action's details (its meeting stays the one it was set in)."""
        old = self.action(action_id)
        new = checked_action(
            self,
            action_id,
            old.ref if ref is None else ref,
            old.text if text is None else text,
            old.owner if owner is None else owner,
            old.due if due is None else due,
            old.status if status is None else status,
            old.meeting,
        )
        return self._write_action(new, old)

    def _write_action(self, new: Action, old: Action | None, *, running: bool = False) -> Action:
        """Record an action (``old`` None: a new one, in the meeting under way if
        ``running``)."""
        if new == old:
            return new
        with self._edit() as conn:
            if running:
                new = Action(**{**_fields(new), "meeting": self._running_meeting_id(conn)})
            values = _fields(new)
            if old is None:
                conn.execute(
                    "INSERT INTO action(id, ref, text, owner, due, status, meeting) "
                    "VALUES (:id, :ref, :text, :owner, :due, :status, :meeting)",
                    values,
                )
            else:
                conn.execute(
                    "UPDATE action SET ref = :ref, text = :text, owner = :owner, due = :due, "
                    "status = :status, meeting = :meeting WHERE id = :id",
                    values,
                )
            self._log(conn, new.ref, "action", _action_line(old) if old else "", _action_line(new))
        return new

    # ----------------------------------------------------------------- internals
    def _meeting_from_row(self, row: tuple[str, ...]) -> Meeting:
        people = self._conn.execute(
            "SELECT name, organisation FROM attendee WHERE meeting = ? ORDER BY position, name",
            (row[0],),
        ).fetchall()
        return Meeting(
            id=row[0],
            title=row[1],
            date=row[2],
            chair=row[3],
            started_at=row[4],
            ended_at=row[5],
            attendees=tuple(Attendee(*person) for person in people),
        )


def checked_action(
    document: DocumentBase,
    action_id: str,
    ref: str,
    text: str,
    owner: str,
    due: str,
    status: str,
    meeting: str,
) -> Action:
    document._question(ref)
    text = normalise_text(text).strip()
    if not text:
        raise AnswerError(f"{ref}: please say what the action is.")
    if status not in ACTION_STATUSES:
        raise AnswerError(f"{ref}: {status!r} is not an action status (open or done).")
    return Action(
        action_id,
        ref,
        text,
        normalise_line(owner),
        _iso_date(due, "The action's due date"),
        status,
        meeting,
    )


def _iso_date(text: str, what: str) -> str:
    """``text`` (as people type dates, or ISO) as yyyy-mm-dd; "" when empty."""
    if not text.strip():
        return ""
    parsed = parse_date(text)
    if parsed is None:
        problem = date_problem(text) or "It is not a date."
        raise AnswerError(f"{what} ({text.strip()!r}): {problem[0].lower()}{problem[1:]}")
    return parsed.isoformat()


def _number(identifier: str) -> int:
    match = _NUMBERED.fullmatch(identifier)
    return int(match.group(1)) if match else 0


def _fields(action: Action) -> dict[str, str]:
    return {name: getattr(action, name) for name in Action.__slots__}


def meeting_line(meeting_id: str, title: str, date: str, chair: str) -> str:
    return f"{meeting_id}: {title}, {friendly_date(date)}" + (
        f", chaired by {chair}" if chair else ""
    )


def _attendee_line(meeting_id: str, name: str, organisation: str) -> str:
    return f"{meeting_id}: {name}" + (f" ({organisation})" if organisation else "")


def _action_line(action: Action) -> str:
    details = [f"owner {action.owner}" if action.owner else "no owner"]
    details.append(f"due {friendly_date(action.due)}" if action.due else "no due date")
    details.append(action.status)
    return f"{action.id}: {action.text} ({', '.join(details)})"
