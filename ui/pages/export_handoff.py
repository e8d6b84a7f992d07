"""Export for submission, page 2: what to do next and the hand-off.

After exporting, the page says what to do next and offers "Open email with the bundle attached"
(the ``.eml`` draft, opened by the system's mail program), "Email to the programme" (a
``mailto:`` link, or ``xdg-email --attach`` on Linux) and "Open folder". Opening links and files
goes through :func:`open_url` (tests replace it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import dialogs
from ..look.theme import set_relative_font

if TYPE_CHECKING:  # pragma: no cover - typing only
    from stocktake_desktop.document import ReturnDocument
    from stocktake_desktop.export.bundle import BundleResult
    from stocktake_desktop.export.preflight import Preflight

TITLE = "Export for submission"
OPEN_DRAFT = "Open email with the bundle attached"
#: How this dialog leaves evidence out (the core's messages name it).
LEAVE_OUT_IN_DIALOG = "leave the evidence out"


def open_url(url: str) -> bool:
    """Open a ``mailto:`` link, a file or a folder with the desktop's default program."""
    if url.startswith("mailto:"):
        return QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii")))
    return QDesktopServices.openUrl(QUrl.fromLocalFile(url))


class ExportHandoff(QDialog):
    """The export dialog's second page; :class:`~.export_dialog.ExportDialog` builds on it."""

    document: ReturnDocument
    exported: BundleResult | None
    preflight: Preflight | None
    pages: QStackedWidget

    # ------------------------------------------------------------------ page 2: done
    def _build_done_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.done_heading = QLabel(page)
        set_relative_font(self.done_heading, 1.15, bold=True)
        next_heading = QLabel("What to do next", page)
        set_relative_font(next_heading, 1.0, bold=True)
        self.next_text = QLabel(page)
        self.next_text.setWordWrap(True)
        self.next_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.next_text.setAccessibleName("What to do next")
        self.done_text = QLabel(page)
        self.done_text.setWordWrap(True)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_text.setAccessibleName("The exported bundle")
        buttons = QHBoxLayout()
        self.eml_button = QPushButton("Open email with the bundle &attached", page)
        self.eml_button.setToolTip(
            "Opens the email draft saved beside the zip in your mail program: addressed to the "
            "programme, with the zip attached, ready to send"
        )
        self.email_button = QPushButton("&Email to the programme", page)
        self.email_button.setToolTip(
            "Opens a new email to the programme; attach the zip from the folder that opens"
        )
        self.open_button = QPushButton("&Open folder", page)
        self.close_button = QPushButton("Close", page)
        buttons.addWidget(self.eml_button)
        buttons.addWidget(self.email_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.done_heading)
        layout.addSpacing(6)
        layout.addWidget(next_heading)
        layout.addWidget(self.next_text)
        layout.addSpacing(6)
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.eml_button.clicked.connect(self.open_draft)
        self.email_button.clicked.connect(self.email)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.accept)
        return page

    def _show_done(self) -> None:
        from stocktake_desktop.export import mailto
        from stocktake_desktop.export.handoff import next_step
        from stocktake_desktop.export.status import report_lines

        result = self.exported
        assert result is not None and self.preflight is not None
        self.done_heading.setText("Final submission exported" if result.final else "Draft exported")
        self.next_text.setText(next_step(self.document, result, open_draft=f"Click “{OPEN_DRAFT}”"))
        lines = report_lines(
            self.document,
            result,
            email_limit=self.preflight.email_limit,
            how_to_leave_out=LEAVE_OUT_IN_DIALOG,
        )
        self.done_text.setText("\n".join(lines))
        has_draft = result.eml_path is not None
        self.eml_button.setVisible(has_draft)
        if mailto.can_attach():
            self.email_button.setToolTip("Opens a new email to the programme with the zip attached")
        first = self.eml_button if has_draft else self.email_button
        self.pages.setCurrentIndex(1)
        first.setDefault(True)
        first.setFocus()

    def open_draft(self) -> None:
        """Open the .eml draft (zip attached) with the system's mail program."""
        assert self.exported is not None and self.exported.eml_path is not None
        if not open_url(str(self.exported.eml_path)):
            dialogs.warn(
                self,
                TITLE,
                "No mail program opened the email draft. Use “Email to the programme”, or "
                f"attach {self.exported.zip_path.name} to an email to "
                f"{self.document.template.submission_inbox}.",
            )

    def email(self) -> None:
        """Open an email to the programme (zip attached where possible) and the folder."""
        from stocktake_desktop.export import mailto
        from stocktake_desktop.export.handoff import email_url

        assert self.exported is not None
        url = email_url(self.document, self.exported)
        if mailto.can_attach():
            mailto.open_email(url, self.exported.zip_path)
            opened = True
        else:
            opened = open_url(url)
        self.open_folder()
        if not opened:
            dialogs.warn(
                self,
                TITLE,
                "No email program could be opened. Please email "
                f"{self.exported.zip_path.name} to {self.document.template.submission_inbox}.",
            )

    def open_folder(self) -> None:
        assert self.exported is not None
        if not open_url(str(self.exported.zip_path.parent)):
            dialogs.inform(self, TITLE, f"The bundle is in {self.exported.zip_path.parent}")
