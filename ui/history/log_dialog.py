"""View › Change log…: every change to the return, newest first, narrowed by person, question,
meeting and dates; the change chosen is shown below as a word-level difference. Enter (or a
double click) on a row goes to its question."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.export.meeting_text import meeting_name, meeting_names

from ..look.theme import em, set_relative_font
from ..session import Session
from ..widgets.date_field import DateField
from .dialog_base import HistoryDialog, follow_zoom_keys, open_over_window, size_to_window
from .diff_view import QUESTION_LINK, DiffView, diff_html, field_runs, muted_colour
from .lazy_rows import EndReachesTheEnd
from .log_model import ChangeLogModel
from .texts import field_label, when

TITLE = "Change log"
#: The question filter's choice for the return's own details (locality, completion, sign-off).
RETURN_DETAILS = ""


def open_change_log(parent: QWidget, session: Session) -> ChangeLogDialog:
    session.flush_edits()
    dialog = ChangeLogDialog(session, parent.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    size_to_window(dialog, 160, 44)
    follow_zoom_keys(dialog)
    dialog.table.setFocus(Qt.FocusReason.OtherFocusReason)
    open_over_window(dialog)
    return dialog


class _Table(EndReachesTheEnd, QTableView):
    """Enter on a row asks for its question; End reaches the oldest change."""

    def __init__(self, dialog: ChangeLogDialog, parent: QWidget) -> None:
        super().__init__(parent)
        self._dialog = dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            event.accept()
            self._dialog.open_row(self.currentIndex())
            return
        super().keyPressEvent(event)


class ChangeLogDialog(HistoryDialog):
    """The whole return's change log with its filters."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        template = session.document.template
        self.template = template
        meetings = session.meetings()
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        layout = QVBoxLayout(self)
        heading = QLabel(TITLE, self)
        set_relative_font(heading, 1.3, bold=True)
        layout.addWidget(heading)

        filters = QFormLayout()  # a filter a row: each fits a 1024 × 768 screen at 200%
        filters.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.person = self._combo("Filter by person", [("Everyone", None)])
        for name in session.contributors():
            self.person.addItem(name, name)
        self.question = self._combo(
            "Filter by question",
            [("All questions", None), ("No question (details, meetings)", RETURN_DETAILS)],
        )
        for question in template.questions:
            self.question.addItem(f"{question.ref} {question.text}", question.ref)
        self.meeting = self._combo(
            "Filter by meeting", [("Any time", None), ("Outside meetings", "")]
        )
        for meeting in reversed(meetings):
            self.meeting.addItem(meeting_name(meeting), meeting.id)
        self.since = DateField("Changes from (date)", date.today(), self)
        self.until = DateField("Changes to (date)", date.today(), self)
        for text, widget in (
            ("&Person:", self.person),
            ("&Question:", self.question),
            ("&Meeting:", self.meeting),
            ("&From:", self.since),
            ("&To:", self.until),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addRow(label, widget)
        layout.addLayout(filters)
        self.count = QLabel(self)
        self.count.setAccessibleName("Change log: how many changes")
        self.count.setWordWrap(True)
        layout.addWidget(self.count)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model = ChangeLogModel(template, meeting_names(meetings), self)
        self.table = _Table(self, split)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Changes, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((22, 16, 10, 16, 20)):
            self.table.setColumnWidth(column, em(self, width))
        self.table.doubleClicked.connect(self.open_row)
        self.detail = DiffView("The change chosen", split)
        self.detail.question_requested.connect(self.follow)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        for combo in (self.person, self.question, self.meeting):
            combo.currentIndexChanged.connect(self.refresh)
        self.since.committed.connect(self.refresh)
        self.until.committed.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.refresh()

    def _combo(self, name: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setMinimumContentsLength(12)  # long names and questions never widen the dialog
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for text, value in items:
            combo.addItem(text, value)
        return combo

    # ------------------------------------------------------------------ filtering
    def refresh(self, *_args: object) -> None:
        """Read the change log again with the filters chosen."""
        if self.session.closed:
            return
        since, until = self.since.value(), self.until.value()
        entries = self.session.find_changes(
            person=self.person.currentData(),
            ref=self.question.currentData(),
            meeting=self.meeting.currentData(),
            since=since,
            until=until,
        )
        self.model.set_entries(entries)
        total = self.model.total
        if self.since.iso() is None or self.until.iso() is None:
            self.count.setText("A date is not understood; it is left out of the filter.")
        elif total:
            self.count.setText(f"{total} change{'s' if total != 1 else ''}, newest first.")
        else:
            self.count.setText("No changes match.")
        if total:
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.detail.show_html("", "")

    def choose(self, combo: QComboBox, text: str) -> None:
        """Choose the item ``text`` starts (as a person picking it would)."""
        for index in range(combo.count()):
            if combo.itemText(index).startswith(text):
                combo.setCurrentIndex(index)
                return
        raise ValueError(f"{combo.accessibleName()}: no {text!r}")

    # ------------------------------------------------------------------ the change chosen
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = current.row()
        entry = self.model.entry(row)
        template = self.template
        question = template.question(entry.ref) if template.has_question(entry.ref) else None
        runs = field_runs(entry.field, entry.old, entry.new, question)
        label = html.escape(field_label(entry.field, self.template))
        ref = html.escape(entry.ref)
        where = f'<a href="{QUESTION_LINK}{ref}">{ref}</a>' if ref else "The return"
        body = (
            f"<p><b>{where} · {label}</b> — {when(entry.at)}, {html.escape(entry.who)}</p>"
            + diff_html(runs, muted_colour(self))
        )
        self.detail.show_html(body, self.model.row_text(row))

    def open_row(self, index: QModelIndex) -> None:
        """Go to the question of the change at ``index`` (the return's details: nothing)."""
        if index.isValid():
            ref = self.model.entry(index.row()).ref
            if ref:
                self.follow(ref)
