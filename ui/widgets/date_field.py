"""A sign-off date: a line edit that reads typed dates, with a calendar and a Today button.

The text is read by the core (:func:`stocktake_desktop.dates.parse_date`): ``28/06/2013``,
``28/6/13``, ``28 June 2013``, ``28 Jun 2013``, ``28-06-2013`` and ``2013-06-28`` all work.
On leaving the field an understood date is shown as ``28 June 2013``; a text that is not a
date stays as typed, with a message under the field (also its accessible description) that
says why and what the return still holds. An empty field is no date. Tab and Shift+Tab always
leave the field; a label's mnemonic (``&Date:``, its buddy the field) reaches the text.
Alt+Down or F4 opens the calendar (at the date, or else near the stocktake's deadline); Enter
picks a day, Escape closes it.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.dates import EXAMPLES, MAX_YEAR, MIN_YEAR, date_problem, friendly_date
from stocktake_desktop.dates import parse_date as read_date

from .line_edit import CleanLineEdit

HELP = f"Type a date such as {EXAMPLES}, or leave it empty. Alt+Down opens a calendar."


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateLineEdit(CleanLineEdit):
    """The text box; Alt+Down and F4 ask for the calendar (Tab is never kept)."""

    calendar_requested = Signal()

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the longest date in words, at any zoom (and its clear button)."""
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance("30 September 2013") + 3 * metrics.height()
        return QSize(max(hint.width(), width), hint.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        wants_calendar = (
            event.key() == Qt.Key.Key_F4 and modifiers == Qt.KeyboardModifier.NoModifier
        ) or (event.key() == Qt.Key.Key_Down and modifiers == Qt.KeyboardModifier.AltModifier)
        if wants_calendar and not self.isReadOnly():
            event.accept()
            self.calendar_requested.emit()
            return
        super().keyPressEvent(event)


class CalendarPopup(QFrame):
    """A calendar in a pop-up window: Enter or a click picks the day, Escape closes it."""

    picked = Signal(QDate)

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget(self)
        keys = (
            "Arrow keys move between days, Page Up and Page Down between months; "
            "Enter picks the day, Escape closes the calendar."
        )
        # the grid of days inside has the focus: it is what a screen reader announces
        for widget in (self.calendar, self.calendar.findChild(QTableView)):
            if widget is not None:
                widget.setAccessibleName(f"{name}: calendar")
                widget.setAccessibleDescription(keys)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)  # a British week
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._pick)  # Enter, or a double click
        self.calendar.clicked.connect(self._pick)

    def open_at(self, day: date, anchor: QWidget) -> None:
        """Show the calendar just below ``anchor`` (above it near the foot of the screen)."""
        self.calendar.setSelectedDate(_qdate(day))
        self.calendar.setCurrentPage(day.year, day.month)
        self.adjustSize()
        size = self.sizeHint()
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        x, y = below.x(), below.y()
        screen = anchor.screen()
        if screen is not None:
            area = screen.availableGeometry()
            x = max(area.left(), min(x, area.right() - size.width()))
            if y + size.height() > area.bottom():
                y = max(area.top(), anchor.mapToGlobal(QPoint(0, 0)).y() - size.height())
        self.move(x, y)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.close()
            return
        super().keyPressEvent(event)

    def _pick(self, day: QDate) -> None:
        self.close()
        self.picked.emit(day)


class DateField(QWidget):
    """``edited`` after each change of the text by the user, ``committed`` when the user has
    finished (left the field, pressed Enter, picked a day); ``iso()`` is then the value to
    save, or None while the text is not a date."""

    edited = Signal()
    committed = Signal()

    def __init__(self, name: str, near: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._near = near
        self._kept = ""  # the last understood value (ISO, or "" for no date)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.edit = DateLineEdit("", self)
        self.edit.setAccessibleName(name)
        self.edit.setAccessibleDescription(HELP)
        self.edit.setPlaceholderText("e.g. 28/06/2013")
        self.edit.setClearButtonEnabled(True)
        self.calendar_button = QPushButton("Calendar…", self)
        self.calendar_button.setAccessibleName(f"{name}: open calendar")
        self.calendar_button.setToolTip("Choose the date from a calendar (Alt+Down)")
        self.today = QPushButton("Today", self)
        self.today.setAccessibleName(f"{name}: today")
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        row.addWidget(self.today)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setAccessibleName(f"{name}: not understood")
        self.message.hide()
        layout.addWidget(self.message)
        # A label's mnemonic (its buddy is this field) gives the focus to the text. QLabel
        # gives the focus only to a buddy that takes focus, so the field itself must; a
        # widget with a focus proxy is no stop of its own for Tab, which still goes from the
        # text to the buttons.
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.popup = CalendarPopup(name, self)
        self.popup.picked.connect(self._picked)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.calendar_requested.connect(self.open_calendar)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.today.clicked.connect(lambda: self._choose(date.today()))

    # ------------------------------------------------------------------ value
    def value(self) -> date | None:
        return read_date(self.edit.text())

    def iso(self) -> str | None:
        """The ISO date (yyyy-mm-dd), "" when empty, or None while the text is not a date."""
        text = self.edit.text()
        if not text.strip():
            return ""
        value = read_date(text)
        return value.isoformat() if value is not None else None

    @property
    def understood(self) -> bool:
        return self.iso() is not None

    def set_iso_silently(self, iso: str) -> None:
        """Show a stored value (no signal); a stored value that is not a date is shown as is."""
        self._kept = iso if read_date(iso) is not None else ""
        self.edit.setText(friendly_date(iso))
        self._show_problem(None)

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self.edit.setClearButtonEnabled(editable)
        self.calendar_button.setEnabled(editable)
        self.today.setEnabled(editable)

    # ------------------------------------------------------------------ the calendar
    def open_calendar(self) -> None:
        if self.edit.isReadOnly():
            return
        self.popup.open_at(self.value() or self._near, self.edit)

    def _picked(self, day: QDate) -> None:
        self._choose(date(day.year(), day.month(), day.day()))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    # ------------------------------------------------------------------ typing
    def _choose(self, day: date) -> None:
        self.edit.setText(friendly_date(day))
        self._typed()
        self._finished()

    def _typed(self, _text: str = "") -> None:
        if self.understood:  # a message goes as soon as the text is right, never comes mid-word
            self._show_problem(None)
        self.edited.emit()

    def _finished(self) -> None:
        text = self.edit.text()
        iso = self.iso()
        if iso is None:
            self._show_problem(date_problem(text))
        else:
            self._kept = iso
            self._show_problem(None)
            if iso and self.edit.text() != friendly_date(iso):
                self.edit.setText(friendly_date(iso))
        self.committed.emit()

    def keep(self, iso: str) -> None:
        """Note the value the return now holds (the page calls this as it writes one)."""
        self._kept = iso

    def _show_problem(self, problem: str | None) -> None:
        if problem is None:
            self.message.hide()
            self.message.clear()
            self.edit.setAccessibleDescription(HELP)
            return
        if self._kept:
            kept = f"The return still has {friendly_date(self._kept)}."
        else:
            kept = "No date is saved."
        self.message.setText(f"<b>Date not understood.</b> {html.escape(f'{problem} {kept}')}")
        self.message.show()
        self.edit.setAccessibleDescription(f"Date not understood. {problem} {kept}")
