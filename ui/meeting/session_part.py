"""The session's meetings part (U1): meetings, attendees, each answer's agreement, actions.

:class:`~ui.session.Session` is made of this part and its own writing machinery; the part
only calls the core through ``Session._write`` (agreement and actions: retried if the disk
fails, the newest value wins) or, for a meeting's start, end and attendees, once (refused
with the reason, never repeated later behind the user's back). An edit of an agreed answer
takes it back to draft in the core; the session notices and emits ``agreement_changed``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from stocktake_desktop.document import ReturnError
from stocktake_desktop.document.models import Action, Agreement, Attendee, Meeting

from ..session_part import SessionPart

if TYPE_CHECKING:
    pass

T = TypeVar("T")


class MeetingSessionPart(SessionPart):
    """Meetings, agreement and actions, as the views (cards, banner, presenter) reach them."""

    def _init_meetings(self) -> None:
        """Called by the session once its signals exist."""
        # the answers agreed when the session began (kept up to date), so an edit of one agreed
        # in an earlier session is known to have taken it back to draft
        self._agreed: set[str] = set()
        self._fell_back: set[str] | None = None  # answers the core took back to draft
        self._read_agreement()
        self.answer_changed.connect(self._check_fall_back)
        self.completion_changed.connect(lambda: self._check_fall_back(None))
        self.brought_in.connect(lambda _refs: self._read_agreement())  # a merge or import
        self.restored.connect(lambda _refs: self._read_agreement())

    def _read_agreement(self) -> None:
        """Read again which answers are agreed, and which fell back (when next asked)."""
        self._agreed = {
            ref for ref, agreement in self.agreements().items() if agreement.status == "agreed"
        }
        self._fell_back = None

    # ------------------------------------------------------------------ meetings
    @property
    def current_meeting(self) -> Meeting | None:
        """The meeting under way, or None."""
        return None if self.closed else self.document.current_meeting()

    def meetings(self) -> list[Meeting]:
        return [] if self.closed else self.document.meetings()

    def people(self) -> list[Attendee]:
        """Everyone who attended a meeting or contributed (to pick attendees and owners)."""
        return [] if self.closed else self.document.people()

    def start_meeting(
        self, title: str, date: str, chair: str = "", attendees: Iterable[Attendee] = ()
    ) -> Meeting | None:
        """Start a meeting; None (``rejected`` says why) when it could not be started."""
        people = tuple(attendees)
        return self._meeting_write(lambda: self.document.start_meeting(title, date, chair, people))

    def add_attendee(self, meeting_id: str, name: str, organisation: str = "") -> Attendee | None:
        return self._meeting_write(
            lambda: self.document.add_attendee(meeting_id, name, organisation)
        )

    def end_meeting(self) -> Meeting | None:
        return self._meeting_write(lambda: self.document.end_meeting())

    def _meeting_write(self, apply: Callable[[], T]) -> T | None:
        """A meeting's start, end or attendee: done now, or refused with the reason."""
        if self.read_only or self.closed:
            return None
        if self.exporting:
            self.rejected.emit("The return is being exported. Try again when it has finished.")
            return None
        try:
            result = apply()
        except ReturnError as error:
            self.rejected.emit(str(error))
            return None
        self._changed(None)
        self.meeting_changed.emit()
        return result

    # ------------------------------------------------------------------ agreement
    def agreement(self, ref: str) -> Agreement:
        return Agreement(ref) if self.closed else self.document.agreement(ref)

    def agreements(self) -> dict[str, Agreement]:
        """Every question's agreement, in the stocktake's order."""
        return {} if self.closed else self.document.agreements()

    def set_agreement(self, ref: str, status: str, note: str = "") -> bool:
        """An answer's status ("draft", "agreed", "needs-work") and note; True when recorded."""

        def apply() -> None:
            self._agreement_is(self.document.set_agreement(ref, status, note))

        return self._write(("agreement", ref), apply)

    def _agreement_is(self, agreement: Agreement) -> None:
        agreed = self._agreed
        if agreement.status == "agreed":
            agreed.add(agreement.ref)
        else:
            agreed.discard(agreement.ref)
        self._fallen().discard(agreement.ref)  # chosen now
        self.agreement_changed.emit(agreement.ref)

    def _check_fall_back(self, ref: str | None) -> None:
        """After a write to ``ref`` (None: to anything), tell the views of agreed answers the
        core took back to draft."""
        agreed = self._agreed
        if self.closed or not agreed or (ref is not None and ref not in agreed):
            return
        if ref is not None:
            gone = [ref] if self.document.agreement(ref).status != "agreed" else []
        else:
            now = self.document.agreements()
            gone = sorted(r for r in agreed if r not in now or now[r].status != "agreed")
        for known in gone:
            agreed.discard(known)
            self._fallen().add(known)
            self.agreement_changed.emit(known)

    def fell_back(self, ref: str) -> bool:
        """Whether ``ref``'s answer is a draft because it was edited after it was agreed (in
        this session or an earlier one, and no status chosen since), as the card and the
        presenter say."""
        return ref in self._fallen() and self.agreement(ref).status == "draft"

    def _fallen(self) -> set[str]:
        if self._fell_back is None:  # read from the return when first needed
            self._fell_back = set() if self.closed else self.document.fallen_back()
        return self._fell_back

    # ------------------------------------------------------------------ actions
    def actions(self) -> list[Action]:
        """Every action, in the order they were added."""
        return [] if self.closed else self.document.actions()

    def add_action(self, ref: str, text: str, owner: str = "", due: str = "") -> bool:
        """A new open action on ``ref`` (``due`` as people type dates, or ISO)."""

        def apply() -> None:
            self.document.add_action(ref, text, owner, due)
            self.actions_changed.emit()

        return self._write(("add_action", ref, text, owner, due), apply)

    def update_action(self, action_id: str, **fields: str) -> bool:
        """Change any of an action's ``ref``, ``text``, ``owner``, ``due`` or ``status``."""

        def apply() -> None:
            self.document.update_action(action_id, **fields)
            self.actions_changed.emit()

        return self._write(("action", action_id, *sorted(fields)), apply)
