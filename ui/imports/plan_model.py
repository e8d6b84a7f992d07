"""The plan table's model: a row per :class:`~ui.imports.plan_rows.PlanRow`, four columns (Ref,
Question, What will happen, Preview), optionally only the rows that change something."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from .plan_rows import PlanRow

HEADERS = ("Ref", "Question", "What will happen", "Preview")
Index = QModelIndex | QPersistentModelIndex


class PlanModel(QAbstractTableModel):
    def __init__(self, rows: list[PlanRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.all_rows = rows
        self.rows = list(rows)

    def only_changes(self, only: bool) -> None:
        """Show only the rows that change something (or every row again)."""
        self.beginResetModel()
        self.rows = [row for row in self.all_rows if row.changes or not only]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        texts = (row.ref, row.question, row.what, row.preview)
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return texts[index.column()] if index.column() else row.spoken
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[index.column()]}: {texts[index.column()]}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return row.spoken
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def row_at(self, index: Index) -> PlanRow | None:
        return self.rows[index.row()] if index.isValid() else None
