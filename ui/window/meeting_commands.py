"""The window's meeting commands: start and end a meeting, switch the contributor to an
attendee in two keystrokes, add an action on the question in hand, show the Actions page.

Switching to an attendee changes who the changes are recorded against for this meeting only
(the contributor remembered for the next start stays as it was); ending the meeting switches
back to the person who was the contributor before the first switch (unless the contributor
was changed by hand, Edit › Change contributor…, since).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from stocktake_desktop.document.models import Attendee

from .. import dialogs
from ..menus import numbered
from .base import WindowBase

if TYPE_CHECKING:
    from ..meeting.start_dialog import StartMeetingDialog
    from ..meeting.switcher import ContributorSwitcher

#: Alt+1 … Alt+9 switch to attendees 1 to 9.
ATTENDEE_KEYS = 9


class MeetingCommands(WindowBase):
    """File › Start a meeting… / End meeting…, Edit › Switch contributor…, Add action…"""

    _before_switch = ""  # the contributor before the first switch to an attendee
    _switched_to = ""  # the attendee last switched to (a change by hand is left alone)
    meeting_dialog: StartMeetingDialog | None = None
    switcher: ContributorSwitcher | None = None

    # ------------------------------------------------------------------ starting and ending
    def start_meeting(self) -> None:
        session = self.session
        if session is None or session.read_only or session.closed:
            return
        running = session.current_meeting
        if running is not None:
            dialogs.inform(
                self,
                "Start a meeting",
                f"The meeting “{running.title}” is still under way. End it (File › End "
                "meeting) before starting another.",
            )
            return
        from ..meeting.start_dialog import open_start_dialog

        session.flush_edits()  # typing before the meeting belongs before it
        self.meeting_dialog = open_start_dialog(self, session)

    def end_meeting(self) -> None:
        session = self.session
        meeting = session.current_meeting if session is not None else None
        if session is None or meeting is None or session.read_only:
            return
        if not dialogs.ask(
            self,
            "End meeting",
            f"End the meeting “{meeting.title}”? Changes made from now on will not be part of "
            "it. Its record stays in the return.",
            yes="End meeting",
            no="Keep it going",
        ):
            return
        session.flush_edits()  # the last typing belongs to the meeting
        session.end_meeting()  # the menus, and the contributor, follow (meeting_changed)

    # ------------------------------------------------------------------ switching contributor
    def switch_candidates(self) -> list[Attendee]:
        """The meeting's attendees (in the order they were added), or with no meeting under
        way everyone who attended or contributed."""
        if self.session is None:
            return []
        meeting = self.session.current_meeting
        return list(meeting.attendees) if meeting is not None else self.session.people()

    def switch_contributor_quickly(self) -> None:
        """Ctrl+Shift+P: the quick list (then a number, or type and Enter)."""
        if self.session is None:
            self.change_contributor()
            return
        from ..meeting.switcher import open_switcher

        in_meeting = self.session.current_meeting is not None
        people = self.switch_candidates()
        self.switcher = open_switcher(self, people, self.contributor, in_meeting)
        self.switcher.chosen.connect(self._switch_chosen)

    def switch_to_attendee(self, number: int) -> None:
        """Alt+1 … Alt+9: attendee ``number`` (from 1) of the meeting under way."""
        meeting = self.session.current_meeting if self.session is not None else None
        if meeting is not None and 1 <= number <= len(meeting.attendees):
            self._switch_to(meeting.attendees[number - 1].name)

    def _switch_chosen(self, person: Attendee, new: bool) -> None:
        session = self.session
        if session is None:
            return
        meeting = session.current_meeting
        if new and meeting is not None:
            added = session.add_attendee(meeting.id, person.name, person.organisation)
            if added is None:
                return
        self._switch_to(person.name)

    def _switch_to(self, name: str) -> None:
        if name == self.contributor:
            return
        if self.session is not None and self.session.current_meeting is not None:
            self._before_switch = self._before_switch or self.contributor
        if self.session is not None:
            self.session.set_editor(name)
        self.contributor = self._switched_to = name
        self.status.show_contributor(name)
        self.update_meeting_menus()

    # ------------------------------------------------------------------ actions
    def add_action_here(self) -> None:
        """Ctrl+Shift+A: an action on the question the keyboard is in (else ask which)."""
        if self.session is None or self.view is None:
            return
        ref = self._question_in_hand()
        if ref is None:
            answer = dialogs.ask_text(self, "Add an action", "Question number, for example 4.5:")
            if answer is None:
                return
            ref = answer.strip().lstrip("Qq").strip().rstrip(".")
            if not self.view.template.has_question(ref):
                dialogs.warn(
                    self, "Add an action", f"There is no question “{answer.strip()}” here."
                )
                return
        from ..meeting.action_dialog import open_action_dialog

        open_action_dialog(self, self.session, ref)

    if TYPE_CHECKING:

        def change_contributor(self) -> None: ...  # ContributorCommands'

    def _question_in_hand(self) -> str | None:
        from ..widgets.question_card import QuestionCard

        widget: QWidget | None = QApplication.focusWidget()
        while widget is not None and not isinstance(widget, QuestionCard):
            widget = widget.parentWidget()
        return widget.question.ref if widget is not None else None

    def show_actions(self) -> None:
        if self.view is not None:
            self.view.meetings.show_actions()

    # ------------------------------------------------------------------ the menus
    def update_meeting_menus(self) -> None:
        """Enable the meeting commands that apply now and name the attendees Alt+1 … reach;
        with no meeting under way (ended, or the return closed), the contributor from before
        the first switch to an attendee is back."""
        session = self.session
        usable = session is not None and not session.read_only and not session.closed
        meeting = session.current_meeting if usable and session is not None else None
        if meeting is None and self._before_switch:
            before, self._before_switch = self._before_switch, ""
            if self.contributor == self._switched_to:
                self._switch_to(before)
        items = self.menus.meeting
        items.start.setEnabled(usable and meeting is None)
        items.end.setEnabled(meeting is not None)
        items.add_action.setEnabled(usable)
        people = list(meeting.attendees) if meeting is not None else []
        for index, action in enumerate(items.attendees):
            person = people[index] if index < len(people) else None
            action.setVisible(person is not None)
            action.setEnabled(person is not None)
            if person is not None:
                mark = " (contributor now)" if person.name == self.contributor else ""
                action.setText(numbered(index + 1, f"{person.name}{mark}"))
        items.no_attendees.setText("No attendees listed" if meeting else "No meeting under way")
        items.no_attendees.setVisible(not people)
