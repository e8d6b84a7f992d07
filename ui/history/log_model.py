"""The return's change log as a table model that grows as it is scrolled (a batch of rows at a
time, each cell's text made when first shown): when, who, question, field, meeting, change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from stocktake_desktop.document.base import ANSWER_FIELDS
from stocktake_desktop.document.models import ChangeLogEntry
from stocktake_desktop.template import Template

from .lazy_rows import Index, LazyRows
from .texts import field_label, one_line, when

COLUMNS = ("When", "Who", "Question", "Field", "Meeting", "Change")
#: The Question cell of a change to the return's details, sign-off or meetings.
NO_QUESTION = "—"


class ChangeLogModel(LazyRows, QAbstractTableModel):
    """Entries newest first."""

    batch = 100

    def __init__(
        self, template: Template, names: Mapping[str, str], parent: object | None = None
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._template = template
        self._names = names
        self._entries: list[ChangeLogEntry] = []
        self._cells: dict[tuple[int, int], str] = {}

    def set_entries(self, entries: Sequence[ChangeLogEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._start_rows()
        self._cells.clear()
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._entries)

    def entry(self, row: int) -> ChangeLogEntry:
        return self._entries[row]

    def cell(self, row: int, column: int) -> str:
        text = self._cells.get((row, column))
        if text is None:
            text = self._cells[(row, column)] = self._text(self._entries[row], column)
        return text

    def row_text(self, row: int) -> str:
        """The whole row in words (what a screen reader hears for the row)."""
        return ", ".join(f"{name}: {self.cell(row, c)}" for c, name in enumerate(COLUMNS))

    def _text(self, entry: ChangeLogEntry, column: int) -> str:
        if column == 0:
            return when(entry.at)
        if column == 1:
            return entry.who
        if column == 2:
            return entry.ref or NO_QUESTION
        if column == 3:
            return field_label(entry.field, self._template)
        if column == 4:
            return self._names.get(entry.meeting, entry.meeting) or "Outside meetings"
        if not entry.old.strip() and entry.field not in ANSWER_FIELDS:  # a meeting, an action
            return one_line(entry.field, entry.new)
        return f"{one_line(entry.field, entry.old)} → {one_line(entry.field, entry.new)}"

    # ------------------------------------------------------------------ the model
    def _row_total(self) -> int:
        return len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._loaded:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.cell(index.row(), index.column())
            return f"{COLUMNS[index.column()]}: {'none' if text == NO_QUESTION else text}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None
