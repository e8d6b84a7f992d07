"""The first tab: what the stocktake is, the deadline, how to submit, and the locality.

The locality names the return's files and the email subject, so it is never edited by stray
typing: it is shown read-only and changed only through **Change locality…**, which asks for the
new name. The page's heading takes the keyboard focus when a return opens.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.text import normalise_line

from .. import dialogs
from ..session import Session
from ..widgets.line_edit import CleanLineEdit
from ..widgets.submission import submission_text
from .scroll_page import ScrollPage


class AboutPage(ScrollPage):
    """``start`` asks to go to the first section; ``locality_changed`` carries a new locality."""

    start = Signal()
    locality_changed = Signal(str)
    meeting_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("About this stocktake", parent)
        self.session = session
        document = session.document
        template = document.template
        host = self.column_widget

        self.heading = self.add_bold_label(template.title, 1.5, wrap=True)
        self.heading.setAccessibleName(f"About this stocktake: {template.title}")
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # somewhere safe to start
        edition = QLabel(f"{template.display_name} · issued {friendly_date(template.issued)}", host)
        edition.setWordWrap(True)
        self.column.addWidget(edition)

        row = QHBoxLayout()
        label = QLabel("Locality:", host)
        self.locality = CleanLineEdit(document.locality, host)
        self.locality.setAccessibleName("Locality")
        self.locality.setAccessibleDescription(
            "Names the return's files and the email subject; use Change locality to change it"
        )
        self.locality.setReadOnly(True)  # changed only on purpose, with the button
        label.setBuddy(self.locality)
        self.change_locality = QPushButton("Change locality…", host)
        self.change_locality.setAccessibleName("Change locality")
        self.change_locality.setEnabled(not session.read_only)
        self.change_locality.clicked.connect(self._ask_locality)
        row.addWidget(label)
        row.addWidget(self.locality, 1)
        row.addWidget(self.change_locality)
        self.column.addLayout(row)

        self.facts = QLabel(host)
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show_facts()
        self.column.addWidget(self.facts)
        self.submitted = self.add_bold_label(submission_text(document), wrap=True)

        self.add_bold_label("The programme's guidance", 1.25)
        guidance = QLabel(host)  # one label for all paragraphs: quicker to lay out
        guidance.setWordWrap(True)
        guidance.setTextFormat(Qt.TextFormat.RichText)
        guidance.setText("".join(f"<p>{html.escape(p)}</p>" for p in template.programme_guidance))
        guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.column.addWidget(guidance)

        self.add_bold_label("Working in Stocktake Desktop", 1.25)
        tips = QLabel(
            "Your work is saved automatically a moment after every change, and each change is "
            "recorded with the contributor's name. Move between sections with Back and Next "
            "or Ctrl+Page Down and Ctrl+Page Up; find any text with Ctrl+F; go to a question "
            "by its number with Ctrl+G; make the text larger with Ctrl++ and smaller with Ctrl+-.",
            host,
        )
        tips.setWordWrap(True)
        self.column.addWidget(tips)

        self.add_bold_label("Agreeing the return in a meeting", 1.25)
        self.meeting_text = QLabel(host)
        self.meeting_text.setWordWrap(True)
        self.column.addWidget(self.meeting_text)
        self.meeting_button = QPushButton("Start a meeting…", host)
        self.meeting_button.clicked.connect(self.meeting_requested)
        self.column.addWidget(self.meeting_button, 0, Qt.AlignmentFlag.AlignLeft)
        session.meeting_changed.connect(self._show_meeting)
        self._show_meeting()
        self.start_button = QPushButton("Start with section 1", host)
        self.start_button.clicked.connect(self.start)
        self.column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addStretch(1)

    def _show_meeting(self) -> None:
        meeting = None if self.session.closed else self.session.current_meeting
        if meeting is not None:
            text = f"The meeting “{meeting.title}” is under way; end it from the banner above "
            text += "or File › End meeting."
        else:
            text = (
                "Start a meeting (Ctrl+Shift+M) to record who attended: every change is then "
                "tagged with the meeting, each answer can be marked agreed or as needing work, "
                "and actions can be set on any question (Ctrl+Shift+A)."
            )
        self.meeting_text.setText(text)
        self.meeting_button.setEnabled(meeting is None and not self.session.read_only)

    def refresh(self) -> None:
        if self.session.closed:
            return
        self.submitted.setText(submission_text(self.session.document))

    def focus_heading(self) -> None:
        """Put the keyboard focus on the heading, where typing changes nothing."""
        self.verticalScrollBar().setValue(0)
        self.heading.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_facts(self) -> None:
        document = self.session.document
        template = document.template
        subject = template.email_subject.replace("{locality}", document.locality)
        self.facts.setText(
            f"<p><b>Deadline:</b> {html.escape(friendly_date(template.deadline))}</p>"
            "<p><b>How to submit:</b> when every question is answered and the return is signed "
            "off, choose <i>Export for submission</i> (Ctrl+E) and send the bundle it makes to "
            f"{html.escape(template.submission_inbox)} with the subject "
            f"“{html.escape(subject)}”.</p>"
        )

    def _ask_locality(self) -> None:
        document = self.session.document
        if self.session.closed or self.session.read_only:
            return
        answer = dialogs.ask_text(
            self,
            "Change locality",
            "The locality names the return's files and the subject of the email that sends "
            "it. New locality:",
            document.locality,
        )
        name = normalise_line(answer or "")
        if not name or name == document.locality:
            return
        if self.session.set_locality(name):
            self.locality.setText(document.locality)
            self._show_facts()
            self.locality_changed.emit(document.locality)
