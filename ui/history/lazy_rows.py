"""Rows handed to a view a batch at a time (Qt's ``canFetchMore``/``fetchMore``), so a list of
hundreds or thousands of changes shows at once and grows as it is scrolled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView

Index = QModelIndex | QPersistentModelIndex


class LazyRows:
    """A model part: ``_loaded`` of ``_row_total()`` rows are shown; more on request."""

    batch = 50
    _loaded = 0

    if TYPE_CHECKING:  # the model's own, and the Qt model this part is mixed into

        def _row_total(self) -> int: ...
        def beginInsertRows(self, parent: Index, first: int, last: int) -> None: ...
        def endInsertRows(self) -> None: ...

    def _start_rows(self) -> None:
        """Show the first batch (inside a model reset)."""
        self._loaded = min(self.batch, self._row_total())

    def load_all(self) -> None:
        self.load_up_to(self._row_total() - 1)

    def load_up_to(self, row: int) -> None:
        while self._loaded <= row < self._row_total():
            self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._loaded

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._loaded < self._row_total()

    def fetchMore(self, parent: Index) -> None:
        more = min(self.batch, self._row_total() - self._loaded)
        if parent.isValid() or more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
        self._loaded += more
        self.endInsertRows()


class EndReachesTheEnd:
    """A view part (before the Qt view in the bases): End and Ctrl+End go to the real last
    row, loading the rest first."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        assert isinstance(self, QAbstractItemView)
        model = self.model()
        if event.key() == Qt.Key.Key_End and isinstance(model, LazyRows):
            model.load_all()
        super().keyPressEvent(event)  # type: ignore[misc]
