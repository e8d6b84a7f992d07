"""A sign-off date: a date editor that can also be empty, with Today and Clear buttons."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QPushButton, QWidget

_EMPTY = QDate(2000, 1, 1)


class DateField(QWidget):
    """``changed`` carries the ISO date (yyyy-mm-dd) or "" after the user changes it."""

    changed = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateEdit(self)
        self.edit.setDisplayFormat("d MMMM yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(_EMPTY)
        self.edit.setSpecialValueText("No date")
        self.edit.setDate(_EMPTY)
        self.edit.setAccessibleName(name)
        self.today = QPushButton("Today", self)
        self.today.setAccessibleName(f"{name}: today")
        self.clear = QPushButton("Clear date", self)
        self.clear.setAccessibleName(f"{name}: clear")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.today)
        layout.addWidget(self.clear)
        self._loading = False
        self.edit.dateChanged.connect(self._edited)
        self.today.clicked.connect(lambda: self.edit.setDate(QDate.currentDate()))
        self.clear.clicked.connect(lambda: self.edit.setDate(_EMPTY))

    def iso(self) -> str:
        value = self.edit.date()
        return "" if value == _EMPTY else value.toString("yyyy-MM-dd")

    def set_iso_silently(self, iso: str) -> None:
        self._loading = True
        try:
            try:
                parsed = date.fromisoformat(iso) if iso else None
            except ValueError:
                parsed = None
            self.edit.setDate(QDate(parsed.year, parsed.month, parsed.day) if parsed else _EMPTY)
        finally:
            self._loading = False

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self.today.setEnabled(editable)
        self.clear.setEnabled(editable)

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit(self.iso())
