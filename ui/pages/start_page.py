"""The start page: recover unsaved work, start a new return, open one, or pick a recent one."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop import APP_NAME
from stocktake_desktop.dates import friendly_datetime
from stocktake_desktop.document import UnsavedWork
from stocktake_desktop.recent import RecentReturn
from stocktake_desktop.template import Template

from ..look.theme import warning_icon
from ..widgets.banner import Banner
from ..widgets.line_edit import CleanLineEdit
from .scroll_page import ScrollPage

_PATH_ROLE = Qt.ItemDataRole.UserRole


def recent_text(entry: RecentReturn) -> str:
    """Two lines: locality and file; when last edited and how complete."""
    first = f"{entry.locality or 'Unknown locality'} — {entry.file_name}"
    details = []
    if entry.last_edited:
        details.append(f"last edited {friendly_datetime(entry.last_edited)}")
    if entry.total:
        details.append(f"{entry.answered} of {entry.total} questions answered")
    if entry.unsaved:
        details.append("unsaved work to recover")
    if not entry.exists:
        details.append("file not found")
    second = "; ".join(details)
    return f"{first}\n{second[:1].upper()}{second[1:]}" if second else first


class StartPage(ScrollPage):
    """Signals carry what the user asked for; the window does the opening."""

    create_requested = Signal(str, str)  # locality, template id
    open_requested = Signal()  # show the open dialog
    open_path = Signal(str)
    recover_requested = Signal(str)
    forget_requested = Signal(str)
    folder_requested = Signal()

    def __init__(self, templates: list[Template], parent: QWidget | None = None) -> None:
        super().__init__("Start page", parent)
        host = self.column_widget
        self.add_bold_label(APP_NAME, 1.8)
        intro = QLabel(
            "Complete the Winterbourne View Joint Improvement Programme stocktake return on "
            "this computer, without an internet connection. Your work is saved as you go.",
            host,
        )
        intro.setWordWrap(True)
        self.column.addWidget(intro)

        # unsaved work from a session that ended unexpectedly
        self.recover_box = QGroupBox("Recover unsaved work", host)
        recover_layout = QVBoxLayout(self.recover_box)
        self.recover_banner = Banner("Unsaved work", self.recover_box)
        recover_layout.addWidget(self.recover_banner)
        self._recover_rows = QVBoxLayout()
        recover_layout.addLayout(self._recover_rows)
        self.recover_buttons: list[QPushButton] = []
        self.column.addWidget(self.recover_box)
        self.recover_box.hide()

        # a new return
        new_box = QGroupBox("New return", host)
        form = QFormLayout(new_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.locality = CleanLineEdit(parent=new_box)
        self.locality.setAccessibleName("Locality for the new return")
        self.locality.setPlaceholderText("The local authority area, for example Leicestershire")
        self.edition = QComboBox(new_box)
        self.edition.setAccessibleName("Stocktake edition for the new return")
        for template in templates:
            self.edition.addItem(template.display_name, template.id)
        self.edition.setCurrentIndex(len(templates) - 1)
        self.folder_label = QLabel(new_box)
        self.folder_label.setWordWrap(True)
        folder_button = QPushButton("Change folder…", new_box)
        folder_button.setAccessibleName("Change the default folder for new returns")
        folder_button.clicked.connect(self.folder_requested)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(folder_button)
        self.create_button = QPushButton("Create new return…", new_box)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        self.locality.returnPressed.connect(self._create)
        form.addRow("Locality:", self.locality)
        form.addRow("Stocktake edition:", self.edition)
        form.addRow("New returns are saved in:", folder_row)
        form.addRow("", self.create_button)
        self.column.addWidget(new_box)

        # opening
        open_box = QGroupBox("Open a return", host)
        open_layout = QVBoxLayout(open_box)
        open_row = QHBoxLayout()
        self.open_button = QPushButton("Open…", open_box)
        self.open_button.setAccessibleName("Open a return file")
        self.open_button.clicked.connect(self.open_requested)
        hint = QLabel("You can also drop a return file onto this window.", open_box)
        hint.setWordWrap(True)
        open_row.addWidget(self.open_button)
        open_row.addWidget(hint, 1)
        open_layout.addLayout(open_row)
        recent_label = QLabel("Recent returns:", open_box)
        self.recent = QListWidget(open_box)
        self.recent.setAccessibleName("Recent returns")
        self.recent.setWordWrap(True)
        self.recent.setAlternatingRowColors(True)
        recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(self._open_item)
        self.no_recent = QLabel("No returns opened yet.", open_box)
        buttons = QHBoxLayout()
        self.open_recent_button = QPushButton("Open selected", open_box)
        self.open_recent_button.clicked.connect(self._open_selected)
        self.forget_button = QPushButton("Remove from list", open_box)
        self.forget_button.setAccessibleName("Remove the selected return from the recent list")
        self.forget_button.clicked.connect(self._forget_selected)
        buttons.addWidget(self.open_recent_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        open_layout.addWidget(recent_label)
        open_layout.addWidget(self.recent)
        open_layout.addWidget(self.no_recent)
        open_layout.addLayout(buttons)
        self.column.addWidget(open_box)
        self.column.addStretch(1)

    # ------------------------------------------------------------------ filling in
    def show_folder(self, folder: Path) -> None:
        self.folder_label.setText(str(folder))

    def show_recent(self, entries: list[RecentReturn]) -> None:
        self.recent.clear()
        for entry in entries:
            item = QListWidgetItem(recent_text(entry))
            item.setData(_PATH_ROLE, entry.path)
            item.setToolTip(entry.path)
            self.recent.addItem(item)
        has_any = bool(entries)
        self.recent.setVisible(has_any)
        self.no_recent.setVisible(not has_any)
        self.open_recent_button.setEnabled(has_any)
        self.forget_button.setEnabled(has_any)
        if has_any:
            self.recent.setCurrentRow(0)
            self._fit_recent()

    def _fit_recent(self) -> None:
        """As tall as its entries (up to six), so the page holds no empty box."""
        rows = min(self.recent.count(), 6)
        if rows:
            frame = 2 * self.recent.frameWidth()
            height = sum(self.recent.sizeHintForRow(i) for i in range(rows)) + frame
            self.recent.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_recent()

    def show_unsaved(self, work: list[UnsavedWork]) -> None:
        for button in self.recover_buttons:
            row = button.parentWidget()
            if row is not None:
                row.hide()
                row.deleteLater()
        self.recover_buttons = []
        self.recover_box.setVisible(bool(work))
        if not work:
            return
        self.recover_banner.show_message(
            warning_icon(self),
            "Changes were not saved.",
            "Stocktake Desktop closed unexpectedly before these changes reached the return "
            "file. They are kept safely: recover them to carry on where you left off.",
        )
        for item in work:
            row = QWidget(self.recover_box)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            count = item.unsaved_changes
            changes = f"{count} unsaved change{'s' if count != 1 else ''}"
            label = QLabel(
                f"<b>{html.escape(item.locality or 'Unknown locality')}</b> — "
                f"{html.escape(item.source.name)}: {changes}, "
                f"the last by {html.escape(item.last_change_by)} on "
                f"{html.escape(friendly_datetime(item.last_change_at))}",
                row,
            )
            label.setWordWrap(True)
            button = QPushButton("Recover", row)
            button.setAccessibleName(f"Recover unsaved work in {item.source.name}")
            button.clicked.connect(
                lambda _=False, p=str(item.source): self.recover_requested.emit(p)
            )
            layout.addWidget(label, 1)
            layout.addWidget(button)
            self._recover_rows.addWidget(row)
            self.recover_buttons.append(button)

    # ------------------------------------------------------------------ actions
    def focus_locality(self, reason: Qt.FocusReason) -> None:
        """Put the keyboard focus on the new return's locality."""
        self.locality.setFocus(reason)

    def _create(self) -> None:
        self.create_requested.emit(self.locality.text(), str(self.edition.currentData()))

    def _open_item(self, item: QListWidgetItem) -> None:
        self.open_path.emit(str(item.data(_PATH_ROLE)))

    def _open_selected(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self._open_item(item)

    def _forget_selected(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self.forget_requested.emit(str(item.data(_PATH_ROLE)))
