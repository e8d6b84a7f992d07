"""The versions of an answer's fields as a list model that grows as it is scrolled: rows are
handed to the view a batch at a time and each line is made only when first shown, so the
history of an answer with hundreds of versions opens at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractListModel, Qt

from stocktake_desktop.document.models import FieldVersion
from stocktake_desktop.template import Template

from .lazy_rows import Index, LazyRows
from .texts import version_line

#: The mark of what a field holds now, at the start of its line.
CURRENT = "Current"


class VersionsModel(LazyRows, QAbstractListModel):
    """Versions newest first; the newest of each field is marked "Current", first."""

    batch = 40

    def __init__(
        self, template: Template, names: Mapping[str, str], parent: object | None = None
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._template = template
        self._names = names
        self._all: list[FieldVersion] = []
        self._shown: list[FieldVersion] = []
        self._lines: dict[int, str] = {}
        self._current: set[int] = set()

    # ------------------------------------------------------------------ contents
    def set_versions(self, versions: Sequence[FieldVersion], field: str | None = None) -> None:
        """Show ``versions`` (newest first), only ``field``'s when given."""
        self.beginResetModel()
        self._all = list(versions)
        newest: dict[str, int] = {}
        for version in self._all:
            newest.setdefault(version.field, version.id)
        self._current = set(newest.values())
        self._shown = [v for v in self._all if field is None or v.field == field]
        self._start_rows()
        self._lines.clear()
        self.endResetModel()

    def version(self, row: int) -> FieldVersion:
        return self._shown[row]

    def is_current(self, version: FieldVersion) -> bool:
        """Whether ``version`` is what its field holds now."""
        return version.id in self._current

    def fields(self) -> list[str]:
        """The fields that have versions, in the order they first appear (newest first)."""
        return list(dict.fromkeys(v.field for v in self._all))

    def row_of(self, version_id: int) -> int | None:
        """The row showing version ``version_id`` (loading rows up to it), or None."""
        for row, version in enumerate(self._shown):
            if version.id == version_id:
                self.load_up_to(row)
                return row
        return None

    def line(self, row: int) -> str:
        line = self._lines.get(row)
        if line is None:
            version = self._shown[row]
            line = version_line(version, self._template, self._names)
            if version.id in self._current:  # first: a long line is cut at its end
                line = f"{CURRENT} · {line}"
            self._lines[row] = line
        return line

    # ------------------------------------------------------------------ the model
    def _row_total(self) -> int:
        return len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._loaded:
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self.line(index.row())
        return None
