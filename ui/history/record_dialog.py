"""File › Export meeting record…: choose the meeting (the one under way, else the latest) and
the folder (the return's own, to begin with), then the record is written as a PDF (attendees,
answers agreed or changed with their before and after, actions) and the app says where."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.export.meeting_text import meeting_name

from .. import dialogs
from ..session import Session
from .dialog_base import HistoryDialog, follow_zoom_keys, open_over_window, size_to_window

TITLE = "Export meeting record"


def open_record_dialog(parent: QWidget, session: Session) -> MeetingRecordDialog | None:
    """The dialog, or None (and why) when the return has no meeting yet."""
    if not session.meetings():
        dialogs.inform(
            parent,
            TITLE,
            "This return has no meetings yet. Start one with File › Start a meeting…; its "
            "record can be exported once it has begun.",
        )
        return None
    dialog = MeetingRecordDialog(session, parent.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    size_to_window(dialog, 80, 12)
    follow_zoom_keys(dialog)
    dialog.meeting.setFocus(Qt.FocusReason.OtherFocusReason)
    open_over_window(dialog)
    return dialog


class MeetingRecordDialog(HistoryDialog):
    """Which meeting, which folder; **Export** writes the record through the session."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.folder = session.document.path.parent
        self.written: Path | None = None
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.meeting = QComboBox(self)
        self.meeting.setAccessibleName("Meeting to export the record of")
        meetings = list(reversed(session.meetings()))
        current = session.current_meeting
        for meeting in meetings:
            under_way = " (under way)" if current is not None and meeting.id == current.id else ""
            self.meeting.addItem(f"{meeting_name(meeting)}{under_way}", meeting.id)
        if current is not None:
            self.meeting.setCurrentIndex(max(self.meeting.findData(current.id), 0))
        form.addRow("&Meeting:", self.meeting)
        row = QHBoxLayout()
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_folder = QPushButton("Change &folder…", self)
        self.change_folder.setAccessibleName("Change the folder for the meeting record")
        self.change_folder.setAutoDefault(False)  # Enter exports
        self.change_folder.clicked.connect(self.choose_folder)
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.change_folder, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("Save in:", row)
        layout.addLayout(form)
        note = QLabel(
            "The record is a PDF: who attended, each answer agreed or changed in the meeting "
            "with its text before and after, and the actions set.",
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_folder()

    def _show_folder(self) -> None:
        self.folder_label.setText(str(self.folder))
        self.folder_label.setAccessibleName(f"Save in: {self.folder}")

    def choose_folder(self) -> None:
        chosen = dialogs.choose_folder(self, "Choose where to save the meeting record", self.folder)
        if chosen is not None:
            self.folder = chosen
            self._show_folder()

    def export(self) -> None:
        meeting_id = self.meeting.currentData()
        if not meeting_id:
            return
        written = self.session.export_meeting_record(meeting_id, self.folder)
        if written is None:  # the session has said why (rejected)
            return
        self.written = written
        self.accept()
        dialogs.inform(
            self.parentWidget(),
            TITLE,
            f"The record of {self.meeting.currentText()} was saved as {written.name} in "
            f"{written.parent}.",
            whole=(written.name, str(written.parent)),  # never split at a "/" or a "-"
        )
