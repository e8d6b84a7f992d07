"""File › Import…, once the source is read: what the import will change, question by question
(the core's plan: filled, replaced, unchanged, left alone, not recognised, with the start of
each text), the notes that come with it (a Word return has no status codes: they are left for
you), and the chosen row in full. **Import** writes exactly that plan through the session;
Cancel writes nothing. A refusal at that point is one message through ``ui/dialogs.py``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QPlainTextEdit,
    QTableView,
    QTextBrowser,
    QWidget,
)

from stocktake_desktop.imports import summary_line

from ..history.dialog_base import size_to_window
from ..look.theme import em, line_height
from ..merge.confirm import PlanDialog
from ..merge.session_part import ImportPreview
from ..session import Session
from .plan_model import PlanModel
from .plan_rows import plan_rows

TITLE = "Import"


class ImportPlanDialog(PlanDialog):
    """``imported`` carries the summary sentence once the import is written."""

    imported = Signal(str)

    def __init__(self, session: Session, preview: ImportPreview, parent: QWidget | None = None):
        plan = preview.plan
        source = plan.source
        heading = f"Import {source.name} ({source.description})"
        super().__init__(
            f"{TITLE} {source.name}",
            heading,
            preview,
            lambda: session.import_planned(preview),
            parent,
        )
        self.session = session
        self.plan = plan
        self.summary.setText(summary_line(plan, session.editor, applied=False))
        self.summary.setAccessibleName("What the import will do")
        layout = self.column

        self.notes = QTextBrowser(self)
        self.notes.setAccessibleName("Notes on this import")
        self.notes.setTabChangesFocus(True)
        items = "".join(f"<li>{html.escape(note)}</li>" for note in plan.notes)
        self.notes.setHtml(f"<ul style='margin-left: 0'>{items}</ul>")
        self.notes.setMaximumHeight(line_height(self) * 4)
        self.notes.setVisible(bool(plan.notes))
        layout.addWidget(self.notes)

        self.only_changes = QCheckBox("Show &only what will change", self)
        layout.addWidget(self.only_changes)
        self.model = PlanModel(plan_rows(plan, session.document.template), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("The import's plan, question by question")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._size_table()
        layout.addWidget(self.table, 3)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setTabChangesFocus(True)
        self.details.setAccessibleName("The chosen row in full")
        self.details.setMinimumHeight(line_height(self) * 3)
        layout.addWidget(self.details, 1)
        self.import_button = self.add_buttons("&Import", nothing_to_do=not plan.has_changes)
        if not plan.has_changes:
            self.summary.setText(
                f"Nothing to import: {source.name} gives nothing this return does not already "
                "have. " + self.summary.text()
            )

        self.only_changes.toggled.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self._select_first()
        size_to_window(self, 150, 44)  # as roomy as the history panel, within the window
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _size_table(self) -> None:
        """Rows and the narrow columns sized from the font (measuring every cell would cost a
        tenth of a second), again whenever the zoom changes it."""
        self.table.verticalHeader().setDefaultSectionSize(round(line_height(self) * 1.4))
        self.table.setColumnWidth(0, em(self, 6))
        self.table.setColumnWidth(2, em(self, 22))
        self.table.setMinimumHeight(line_height(self) * 5)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_table()

    def _filter(self, only: bool) -> None:
        self.model.only_changes(only)
        self._select_first()

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.details.setPlainText("")

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current)
        self.details.setPlainText("" if row is None else f"{row.spoken}\n\n{row.details}")

    def written(self, result: object) -> None:
        self.imported.emit(summary_line(self.plan, self.session.editor, applied=True))
