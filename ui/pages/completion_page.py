"""The last tab: who completed the return, the three sign-offs (each made before later changes
says so, with what changed and **Confirm again**: ui/history/lapse_notice.py), and the
readiness checklist.

The checklist is the core's ``check_readiness`` (the same as ``python main.py check``); each
entry is a link that jumps to its question.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.readiness import CONFLICT, Severity, blockers, check_readiness

from ..debounce import Debouncer
from ..history.lapse_notice import LapseNotice
from ..session import Session
from ..widgets.agreement_text import summary as agreement_summary
from ..widgets.date_field import DateField
from ..widgets.line_edit import CleanLineEdit
from ..widgets.submission import submission_text
from .scroll_page import ScrollPage

COMPLETION_REF = "completion"  # the readiness checks' ref for this page
REVIEW_LINK = "review:"  # a link to review the conflicts on a ref (U4)


class CompletionPage(ScrollPage):
    """``go_to`` asks the view to show a question (or "completion" for this page's fields)."""

    go_to = Signal(str)
    review_requested = Signal(str)  # review the conflicts on this ref (merge, U4)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Completion and sign-off", parent)
        self.session = session
        document = session.document
        template = document.template
        host = self.column_widget

        self.add_bold_label("Completion and sign-off", 1.6)
        self.submitted = self.add_bold_label(wrap=True)
        self.agreed = self.add_bold_label(wrap=True)  # "Agreed: 12 of 61 answers agreed, …"
        self.agreed.setAccessibleName("Agreement")

        completed = QGroupBox(template.heading_completed_by, host)
        form = QFormLayout(completed)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.completed_by: dict[str, QLineEdit] = {}
        values = document.completed_by()
        for field in template.completed_by_fields:
            key = field.key
            edit = self._text_field(
                values.get(key, ""),
                completed,
                f"Completed by: {field.label}",
                partial(self._write_completed_by, key),
            )
            form.addRow(f"{field.label}:", edit)
            self.completed_by[key] = edit
        self.column.addWidget(completed)

        signed = QGroupBox(template.heading_sign_off, host)
        signed_layout = QVBoxLayout(signed)
        self.sign_off_names: dict[str, QLineEdit] = {}
        self.sign_off_dates: dict[str, DateField] = {}
        self.lapse_notices: dict[str, LapseNotice] = {}
        sign_off = document.sign_off()
        for role in template.sign_off_roles:
            box = QGroupBox(role.label, signed)
            role_form = QFormLayout(box)
            role_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            name, when = sign_off[role.key]
            key = role.key
            name_edit = self._text_field(
                name, box, f"{role.label}: name", partial(self._write_sign_off_name, key)
            )
            date_field = self._date_field(
                when,
                box,
                f"{role.label} date signed",
                partial(self._write_sign_off_date, key),
            )
            role_form.addRow("Name:", name_edit)
            role_form.addRow("Date signed:", date_field)
            lapse = LapseNotice(key, role.label, session, box)  # signed before later changes
            lapse.go_to.connect(self.go_to)
            lapse.confirmed.connect(self._confirmed)
            role_form.addRow(lapse)
            signed_layout.addWidget(box)
            self.sign_off_names[key] = name_edit
            self.sign_off_dates[key] = date_field
            self.lapse_notices[key] = lapse
        self.column.addWidget(signed)

        self.add_bold_label("Ready to submit?", 1.25)
        self.verdict = self.add_bold_label(wrap=True)
        self.checklist = QVBoxLayout()
        self.column.addLayout(self.checklist)
        self.items: list[QLabel] = []
        self._stale = True
        self.column.addStretch(1)

        self._refresh_later = QTimer(self)
        self._refresh_later.setSingleShot(True)
        self._refresh_later.setInterval(400)
        self._refresh_later.timeout.connect(self.refresh)
        session.answer_changed.connect(self._schedule)
        session.completion_changed.connect(self._schedule)
        session.evidence_changed.connect(self._schedule)
        session.agreement_changed.connect(self._schedule)
        self.refresh()

    # ------------------------------------------------------------------ writing
    def _text_field(
        self, text: str, parent: QWidget, name: str, write: Callable[[], None]
    ) -> CleanLineEdit:
        """A line edit that ``write``s a moment after typing, on leaving it, and on flush."""
        edit = CleanLineEdit(text, parent)
        edit.setAccessibleName(name)
        edit.setReadOnly(self.session.read_only)
        writer = Debouncer(write, parent=self)
        edit.textEdited.connect(writer.poke)
        edit.editingFinished.connect(writer.flush)
        self.session.on_flush(writer.flush)
        return edit

    def _date_field(
        self, iso: str, parent: QWidget, name: str, write: Callable[[], None]
    ) -> DateField:
        """A date field that ``write``s a moment after typing, when finished, and on flush."""
        field = DateField(name, self.session.document.template.deadline, parent)
        field.set_iso_silently(iso)
        field.set_editable(not self.session.read_only)
        writer = Debouncer(write, parent=self)
        field.edited.connect(writer.poke)
        field.committed.connect(writer.flush)
        self.session.on_flush(writer.flush)
        return field

    def _write_completed_by(self, key: str) -> None:
        self.session.set_completed_by(key, self.completed_by[key].text())

    def _write_sign_off_name(self, key: str) -> None:
        self.session.set_sign_off(key, name=self.sign_off_names[key].text())

    def _write_sign_off_date(self, key: str) -> None:
        """Write the date as ISO yyyy-mm-dd ("" for none); a text that is not a date is not
        written (the field says so), so the return keeps its last date."""
        field = self.sign_off_dates[key]
        iso = field.iso()
        if iso is None:
            return
        field.keep(iso)
        self.session.set_sign_off(key, date=iso)

    def _confirmed(self, key: str, iso: str) -> None:
        """A sign-off confirmed again: its date field shows the new date."""
        field = self.sign_off_dates[key]
        field.set_iso_silently(iso)
        field.keep(iso)
        self.refresh()

    # ------------------------------------------------------------------ the checklist
    def _schedule(self, *_args: object) -> None:
        self._stale = True
        if self.isVisible():
            self._refresh_later.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Re-run the readiness checks and update the checklist (labels are reused)."""
        if self.session.closed:
            return
        self._stale = False
        document = self.session.document
        self.submitted.setText(submission_text(document))
        self.agreed.setText(f"Agreed: {agreement_summary(self.session.agreements())}")
        lapses = {lapse.role: lapse for lapse in self.session.lapsed_sign_offs()}
        for key, notice in self.lapse_notices.items():
            notice.show_lapse(lapses.get(key))
        items = check_readiness(document)
        must_fix = blockers(items)
        if not items:
            self.verdict.setText("Ready to submit: every check has passed.")
        elif not must_fix:
            self.verdict.setText("Ready to submit, with warnings to look at below.")
        else:
            count = len(must_fix)
            self.verdict.setText(
                f"Not ready to submit yet: {count} thing{'s' if count != 1 else ''} to complete. "
                "Choose an entry to go to it."
            )
        grouped: dict[str, list[str]] = {}
        for item in items:
            suffix = " (warning)" if item.severity is Severity.WARNING else ""
            grouped.setdefault(item.ref, []).append(item.message + suffix)
        while len(self.items) > len(grouped):
            gone = self.items.pop()
            gone.hide()
            gone.deleteLater()
        while len(self.items) < len(grouped):
            label = QLabel(self.column_widget)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByKeyboard
                | Qt.TextInteractionFlag.LinksAccessibleByMouse
            )
            label.linkActivated.connect(self._follow)
            self.checklist.addWidget(label)
            self.items.append(label)
        conflicted = {item.ref for item in items if item.kind == CONFLICT}
        for label, (ref, messages) in zip(self.items, grouped.items(), strict=True):
            name = "Completion and sign-off" if ref == COMPLETION_REF else f"Question {ref}"
            review = f' — <a href="{REVIEW_LINK}{html.escape(ref)}">Review conflicts</a>'
            label.setText(
                f'<a href="{html.escape(ref)}">{html.escape(name)}</a>: '
                + html.escape("; ".join(messages))
                + (review if ref in conflicted else "")
            )
            label.setAccessibleName(f"{name}: {'; '.join(messages)}")

    def _follow(self, link: str) -> None:
        if link.startswith(REVIEW_LINK):
            self.review_requested.emit(link.removeprefix(REVIEW_LINK))
        else:
            self.go_to.emit(link)

    def focus_first_empty(self) -> None:
        """Put the cursor in the first completion field still to fill in."""
        for edit in [*self.completed_by.values(), *self.sign_off_names.values()]:
            if not edit.text().strip():
                self.scroll_to(edit)
                edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return
