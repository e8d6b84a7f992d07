"""View › What changed…: the answers changed in a meeting, since a meeting started, or since a
date and time, each with its word-level differences; and **Restore everything to how it was
at the start of the meeting** (or at that time).

The restore asks once, then is one step (the core's ``restore_to`` is one transaction); the
dialog then offers **Undo the restore** (also Ctrl+Z), one step back to just before it, for as
long as the dialog stays open and nothing else has changed. The numbers are links to the
questions. Opened with ``fixed`` changes (a lapsed sign-off's), it only shows them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.document.history import Point
from stocktake_desktop.document.models import AnswerChange, Meeting
from stocktake_desktop.export.meeting_text import meeting_name

from .. import dialogs
from ..look.theme import set_relative_font
from ..session import Session
from ..widgets.date_field import DateField
from .changes_html import changed_refs, changes_html, field_count
from .dialog_base import HistoryDialog, follow_zoom_keys, open_over_window, size_to_window
from .diff_view import DiffView, muted_colour
from .session_part import Restored
from .texts import when

TITLE = "What changed"


@dataclass(frozen=True, slots=True)
class Since:
    """One choice of what to show: changes made in a meeting, since it started, or since a
    date and time (``meeting`` None)."""

    label: str
    meeting: Meeting | None = None
    only_in_meeting: bool = False


def choices(meetings: list[Meeting], current: Meeting | None) -> list[Since]:
    """The current (else the latest) meeting first, then the earlier ones, then a time."""
    found: list[Since] = []
    for meeting in reversed(meetings):
        this = current is not None and meeting.id == current.id
        name = f"this meeting ({meeting_name(meeting)})" if this else meeting_name(meeting)
        found.append(Since(f"Changes made in {name}", meeting, only_in_meeting=True))
        found.append(Since(f"Everything changed since the start of {name}", meeting))
    found.append(Since("Everything changed since a date and time"))
    return found


def open_changes(
    parent: QWidget,
    session: Session,
    *,
    fixed: tuple[str, list[AnswerChange]] | None = None,
) -> ChangesDialog:
    session.flush_edits()
    dialog = ChangesDialog(session, parent.window(), fixed=fixed)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    size_to_window(dialog, 150, 44)
    follow_zoom_keys(dialog)
    dialog.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)
    open_over_window(dialog)
    return dialog


class ChangesDialog(HistoryDialog):
    """What changed, and restoring everything to a point."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        fixed: tuple[str, list[AnswerChange]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.template = session.document.template
        self.fixed = fixed
        self.restored: Restored | None = None
        self._busy = False
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        layout = QVBoxLayout(self)
        heading = QLabel(fixed[0] if fixed else TITLE, self)
        heading.setWordWrap(True)
        set_relative_font(heading, 1.3, bold=True)
        layout.addWidget(heading)

        row = QHBoxLayout()
        show = QLabel("&Show:", self)
        self.since = QComboBox(self)
        self.since.setAccessibleName("Show which changes")
        self.since.setMinimumContentsLength(20)  # long meeting names never widen the dialog
        self.since.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        show.setBuddy(self.since)
        self.options = choices(session.meetings(), session.current_meeting)
        for option in self.options:
            self.since.addItem(option.label)
        row.addWidget(show)
        row.addWidget(self.since, 1)
        layout.addLayout(row)
        self.when_row = QWidget(self)
        when_layout = QHBoxLayout(self.when_row)
        when_layout.setContentsMargins(0, 0, 0, 0)
        self.day = DateField("Changes since: date", date.today(), self.when_row)
        self.day.set_iso_silently(date.today().isoformat())
        self.time = QTimeEdit(QTime(0, 0), self.when_row)
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Changes since: time (24-hour clock)")
        at = QLabel("&at", self.when_row)
        at.setBuddy(self.time)
        when_layout.addWidget(self.day, 1)
        when_layout.addWidget(at)
        when_layout.addWidget(self.time)
        layout.addWidget(self.when_row)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What changed: summary")
        layout.addWidget(self.summary)
        self.changes = DiffView("Changed answers", self)
        self.changes.question_requested.connect(self.follow)
        layout.addWidget(self.changes, 1)

        notice = QHBoxLayout()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What changed: message")
        self.undo_button = QPushButton("&Undo the restore", self)
        self.undo_button.setAutoDefault(False)  # Enter never restores or undoes by surprise
        self.undo_button.clicked.connect(self.undo)
        notice.addWidget(self.message, 1)
        notice.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(notice)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self)
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore_all)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)

        for widget in (show, self.since, self.restore_button):
            widget.setVisible(fixed is None)
        self.since.currentIndexChanged.connect(self.refresh)
        self.day.committed.connect(self.refresh)
        self.time.editingFinished.connect(self.refresh)
        session.answer_changed.connect(self._changed_elsewhere)
        session.completion_changed.connect(self._changed_elsewhere)
        self._offer_undo(None)
        self.refresh()

    # ------------------------------------------------------------------ what is shown
    @property
    def choice(self) -> Since:
        return self.options[max(self.since.currentIndex(), 0)]

    def choose(self, label_start: str) -> None:
        """Choose the first option whose words begin with ``label_start``."""
        for index, option in enumerate(self.options):
            if option.label.startswith(label_start):
                self.since.setCurrentIndex(index)
                return
        raise ValueError(f"no choice {label_start!r}")

    def first_focus(self) -> QWidget:
        return self.changes if self.fixed else self.since

    def point(self) -> Point | None:
        """What "since" means now: a meeting's id, or a local date and time (None while the
        date is not understood)."""
        meeting = self.choice.meeting
        if meeting is not None:
            return meeting.id
        day = self.day.value()
        if day is None:
            return None
        chosen = self.time.time()
        return datetime.combine(day, time(chosen.hour(), chosen.minute())).astimezone()

    def point_words(self) -> str:
        """ "the start of Partnership Board, 20 June 2013 (14:02)", "22 November 2026 14:02" """
        meeting = self.choice.meeting
        if meeting is not None:
            return f"the start of {meeting_name(meeting)} ({when(meeting.started_at)})"
        point = self.point()
        return when(point.isoformat()) if isinstance(point, datetime) else "that time"

    def refresh(self, *_args: object) -> None:
        """Read the changes again for the choice made."""
        if self.session.closed:
            return
        muted = muted_colour(self)
        if self.fixed is not None:
            shown = self.fixed[1]
        else:
            option = self.choice
            self.when_row.setVisible(option.meeting is None)
            point = self.point()
            since = [] if point is None else self.session.changes_since(point)
            if point is not None and option.only_in_meeting and option.meeting is not None:
                shown = self.session.changes_in_meeting(option.meeting.id)
            else:
                shown = since
            at = "the start of the meeting" if option.meeting else self.point_words()
            self.restore_button.setText(f"&Restore everything to how it was at {at}")
            self.restore_button.setAccessibleName(
                f"Restore everything to how it was at {self.point_words()}"
            )
            # only when there is something to put back (what the restore itself reads)
            self.restore_button.setEnabled(not self.session.read_only and bool(since))
        if shown:
            text = f"{changed_refs(shown)} changed; {field_count(shown)} fields in all."
        else:
            text = "No answer has changed."
        self.summary.setText(text)
        self.changes.show_html(changes_html(shown, self.template, muted, text), text)

    # ------------------------------------------------------------------ restoring
    def restore_all(self) -> None:
        point = self.point()
        if point is None or self.session.read_only:
            return
        self.session.flush_edits()
        coming = self.session.changes_since(point)
        if not coming:
            dialogs.inform(self, TITLE, f"Nothing has changed since {self.point_words()}.")
            return
        if not dialogs.ask(
            self,
            "Restore everything",
            f"Put {changed_refs(coming)} back to how they were at {self.point_words()}? "
            f"{field_count(coming)} fields change, as one change by {self.session.editor}; "
            "nothing is deleted from the history, and you can undo it straight afterwards.",
            yes="Restore everything",
            no="Cancel",
        ):
            return
        with self._own_change():
            restored = self.session.restore_to(point)
        self.refresh()
        if restored is None:
            return
        self._offer_undo(restored)
        count = len(restored.refs)
        self._say(
            f"Restored {restored.fields} fields in {count} answer{'s' if count != 1 else ''} "
            f"({', '.join(restored.refs)}) to how they were at {self.point_words()}. "
            "Undo the restore (Ctrl+Z) puts them back as they were just before it."
        )

    def undo(self) -> None:
        restored = self.restored
        if restored is None:
            return
        with self._own_change():
            done = self.session.undo_restore(restored)
        if done:
            self._offer_undo(None)
            self._say("The restore was undone: the answers are as they were just before it.")
        self.refresh()

    @contextlib.contextmanager
    def _own_change(self) -> Iterator[None]:
        """The session's signals inside come from this dialog's own restore or undo."""
        self._busy = True
        try:
            yield
        finally:
            self._busy = False

    def _offer_undo(self, restored: Restored | None) -> None:
        self.restored = restored
        self.undo_button.setVisible(restored is not None)
        self._say("")
        if restored is not None:
            self.undo_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _changed_elsewhere(self, *_args: object) -> None:
        """A change not made here (the presenter view): the undo no longer fits."""
        if not self._busy and self.restored is not None:
            self._offer_undo(None)
            self._say("The answers have changed since the restore, so it cannot be undone here.")
