"""The first tab: what the stocktake is, the deadline, how to submit, and the locality."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from stocktake_desktop.dates import friendly_date
from ui.line_edit import CleanLineEdit
from ui.scroll_page import ScrollPage
from ui.session import Session
from ui.submission import submission_text


class AboutPage(ScrollPage):
    """``start`` asks to go to the first section."""

    start = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("About this stocktake", parent)
        self.session = session
        document = session.document
        template = document.template
        host = self.column_widget

        self.add_bold_label(template.title, 1.5, wrap=True)
        edition = QLabel(f"{template.display_name} · issued {friendly_date(template.issued)}", host)
        edition.setWordWrap(True)
        self.column.addWidget(edition)

        row = QHBoxLayout()
        label = QLabel("Locality:", host)
        self.locality = CleanLineEdit(document.locality, host)
        self.locality.setAccessibleName("Locality")
        self.locality.setReadOnly(session.read_only)
        label.setBuddy(self.locality)
        self.locality.editingFinished.connect(self._locality_edited)
        session.on_flush(self._locality_edited)
        row.addWidget(label)
        row.addWidget(self.locality, 1)
        self.column.addLayout(row)

        facts = QLabel(host)
        facts.setWordWrap(True)
        facts.setTextFormat(Qt.TextFormat.RichText)
        subject = template.email_subject.replace("{locality}", document.locality)
        facts.setText(
            f"<p><b>Deadline:</b> {html.escape(friendly_date(template.deadline))}</p>"
            "<p><b>How to submit:</b> when every question is answered and the return is signed "
            "off, choose <i>Export for submission</i> (Ctrl+E) and send the bundle it makes to "
            f"{html.escape(template.submission_inbox)} with the subject "
            f"“{html.escape(subject)}”.</p>"
        )
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.column.addWidget(facts)
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
        self.start_button = QPushButton("Start with section 1", host)
        self.start_button.clicked.connect(self.start)
        self.column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addStretch(1)

    def refresh(self) -> None:
        if self.session.closed:
            return
        self.submitted.setText(submission_text(self.session.document))

    def _locality_edited(self) -> None:
        document = self.session.document
        if self.session.closed or self.session.read_only:
            return
        text = self.locality.text()
        if text.strip() == document.locality:
            return
        if not text.strip():
            self.locality.setText(document.locality)
            return
        self.session.write(("locality",), lambda: document.set_locality(self.locality.text()))
