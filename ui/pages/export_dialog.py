"""Export for submission: the pre-flight dialog, the export, and the hand-off.

:func:`run_export` is what the menu action calls. The first page lists what pre-flight found
(things to complete, warnings), the bundle size against the email limit (with the choice to
leave the evidence out of the emailed zip), the "Final submission" choice and, for a final
submission with warnings, a confirmation. After exporting, the second page says what to do
next and offers "Open email with the bundle attached" (the ``.eml`` draft, opened by the
system's mail program), "Email to the programme" (a ``mailto:`` link, or ``xdg-email --attach``
on Linux) and "Open folder". All message boxes and folder choices go through
:mod:`ui.dialogs`; opening links and files goes through :func:`open_url` (tests replace both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.preflight import Preflight, run_preflight
from stocktake_desktop.limits import EMAIL_LIMIT_MB
from stocktake_desktop.readiness import Severity

from .. import dialogs
from ..look.theme import set_relative_font
from ..session import EXPORT_STEPS, ExportJob, Session

if TYPE_CHECKING:  # pragma: no cover - typing only
    from stocktake_desktop.export.bundle import BundleResult

TITLE = "Export for submission"
OPEN_DRAFT = "Open email with the bundle attached"
#: How this dialog confirms warnings and leaves evidence out (the core's messages name them).
CONFIRM_IN_DIALOG = "tick the box"
LEAVE_OUT_IN_DIALOG = "leave the evidence out"


def open_url(url: str) -> bool:
    """Open a ``mailto:`` link, a file or a folder with the desktop's default program."""
    if url.startswith("mailto:"):
        return QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii")))
    return QDesktopServices.openUrl(QUrl.fromLocalFile(url))


def run_export(parent: QWidget, source: Session | ReturnDocument) -> None:
    """Show the export dialog (modal); it records a final submission itself. Given the open
    return's session the export goes through it; a bare document (tests) is exported directly,
    in a worker thread all the same."""
    dialog = ExportDialog(parent, source)
    dialog.exec()


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, source: Session | ReturnDocument) -> None:
        super().__init__(parent)
        self.session = source if isinstance(source, Session) else None
        document = source.document if isinstance(source, Session) else source
        self.document = document
        self.job: ExportJob | None = None
        self.folder = document.path.parent
        self.exported: BundleResult | None = None
        self.preflight: Preflight | None = None
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(560)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_preflight_page())
        self.pages.addWidget(self._build_done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.refresh()

    # ------------------------------------------------------------------ page 1: pre-flight
    def _build_preflight_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        heading = QLabel(f"{self.document.template.display_name}: {self.document.locality}", page)
        set_relative_font(heading, 1.15, bold=True)
        heading.setWordWrap(True)
        self.summary = QLabel(page)
        self.summary.setWordWrap(True)
        self.items = QListWidget(page)
        self.items.setAccessibleName("Pre-flight checks")
        self.items.setWordWrap(True)
        self.size_label = QLabel(page)
        self.size_label.setWordWrap(True)
        limit_row = QHBoxLayout()
        limit_label = QLabel("Email size &limit:", page)
        self.limit = QDoubleSpinBox(page)
        self.limit.setRange(0.5, 1000.0)
        self.limit.setDecimals(1)
        self.limit.setSuffix(" MB")
        self.limit.setValue(EMAIL_LIMIT_MB)
        limit_label.setBuddy(self.limit)
        limit_row.addWidget(limit_label)
        limit_row.addWidget(self.limit)
        limit_row.addStretch(1)
        self.leave_out = QCheckBox(
            "Leave the evidence out of the emailed zip (send it separately; the bundle lists it)",
            page,
        )
        self.final = QCheckBox("&Final submission (the version the programme will use)", page)
        self.final_note = QLabel(page)
        self.final_note.setWordWrap(True)
        self.confirm = QCheckBox(
            "I have &checked the warnings above and want to submit with them", page
        )
        folder_row = QHBoxLayout()
        self.folder_label = QLabel(page)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_folder = QPushButton("C&hange folder…", page)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.change_folder)
        buttons = QHBoxLayout()
        self.export_button = QPushButton("&Export", page)
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", page)
        self.progress = QProgressBar(page)
        self.progress.setRange(0, EXPORT_STEPS)
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        self.progress_text = QLabel(page)
        self.progress_text.setAccessibleName("Export status")
        self.progress_text.setVisible(False)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        for widget in (heading, self.summary, self.items, self.size_label):
            layout.addWidget(widget)
        layout.addLayout(limit_row)
        layout.addWidget(self.leave_out)
        layout.addWidget(self.final)
        layout.addWidget(self.final_note)
        layout.addWidget(self.confirm)
        layout.addLayout(folder_row)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.limit.valueChanged.connect(self.refresh)
        self.leave_out.toggled.connect(self.refresh)
        self.final.toggled.connect(self._update_buttons)
        self.confirm.toggled.connect(self._update_buttons)
        self.change_folder.clicked.connect(self.choose_folder)
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.reject)
        return page

    def refresh(self) -> None:
        """Run pre-flight again (after a change of limit or of leaving evidence out)."""
        preflight = run_preflight(
            self.document,
            email_limit_mb=self.limit.value(),
            leave_out_evidence=self.leave_out.isChecked(),
        )
        self.preflight = preflight
        self.items.clear()
        for item in preflight.items:
            must = item.severity is Severity.BLOCKER
            entry = QListWidgetItem(f"{'Must fix' if must else 'Warning'} · {item.line()}")
            entry.setData(Qt.ItemDataRole.UserRole, item)
            self.items.addItem(entry)
        if not preflight.items:
            self.items.addItem("Everything is complete and nothing needs a second look.")
        blockers, warnings = len(preflight.blockers), len(preflight.warnings)
        if blockers:
            summary = (
                f"{blockers} item(s) to complete before a final submission. "
                "You can export a draft now."
            )
        else:
            summary = "Ready to submit."
        if warnings:
            summary += f" {warnings} warning(s) to check."
        self.summary.setText(summary)
        self.size_label.setText(preflight.size_line())
        self.leave_out.setEnabled(preflight.evidence_size > 0)
        can_be_final = not blockers and not self.document.read_only
        self.final.setEnabled(can_be_final)
        if not can_be_final:
            self.final.setChecked(False)
        if self.document.read_only:
            self.final_note.setText(
                "The return is open read-only, so only a draft can be exported."
            )
        elif blockers:
            self.final_note.setText(
                "Complete the items marked “Must fix” to submit the final return."
            )
        else:
            self.final_note.setText("")
        self.final_note.setVisible(bool(self.final_note.text()))
        self.folder_label.setText(f"Save in: {self.folder}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        preflight = self.preflight
        needs_confirm = bool(self.final.isChecked() and preflight and preflight.warnings)
        self.confirm.setVisible(needs_confirm)
        if not needs_confirm:
            self.confirm.setChecked(False)
        self.export_button.setEnabled(not needs_confirm or self.confirm.isChecked())
        self.export_button.setText(
            "&Export final submission" if self.final.isChecked() else "&Export draft"
        )

    def choose_folder(self) -> None:
        chosen = dialogs.choose_folder(self, "Choose where to save the bundle", self.folder)
        if chosen is not None:
            self.folder = chosen
            self.folder_label.setText(f"Save in: {self.folder}")

    # ------------------------------------------------------------------ exporting
    @property
    def running(self) -> bool:
        return self.job is not None

    def export(self) -> None:
        """Start the export in a worker thread; the dialog shows its progress meanwhile."""
        from stocktake_desktop.export.bundle import ExportOptions
        from stocktake_desktop.export.preflight import refusal

        if self.running:
            return
        self.refresh()  # the evidence on disk may have changed while the dialog was open
        assert self.preflight is not None
        final = self.final.isChecked()
        reason = refusal(
            self.preflight,
            final=final,
            accept_warnings=self.confirm.isChecked(),
            how_to_confirm=CONFIRM_IN_DIALOG,
        )
        if reason:
            dialogs.warn(self, TITLE, reason)
            return
        options = ExportOptions(
            out_dir=self.folder,
            final=final,
            ready=self.preflight.ready,
            leave_out_evidence=self.leave_out.isChecked(),
        )
        self.exported = None
        if self.session is not None:
            job = self.session.export(options)
        else:
            job = ExportJob(self.document, options, self)
            job.start()
        self.job = job
        job.progress.connect(self._export_progress)
        job.finished.connect(self._export_finished)
        job.failed.connect(self._export_failed)
        self._set_running(True)
        self._export_progress("Starting the export", 0)

    def _set_running(self, running: bool) -> None:
        """While exporting: the progress shows, the choices and buttons wait."""
        for widget in (
            self.limit,
            self.leave_out,
            self.final,
            self.confirm,
            self.change_folder,
            self.export_button,
            self.cancel_button,
        ):
            widget.setEnabled(not running)
        self.progress.setVisible(running)
        self.progress_text.setVisible(running)
        if not running:
            self.refresh()  # puts back what pre-flight allows

    def _export_progress(self, text: str, done: int) -> None:
        self.progress.setValue(min(done, EXPORT_STEPS))
        self.progress_text.setText(f"{text}…" if done < EXPORT_STEPS else text)

    def _export_finished(self, result: BundleResult) -> None:
        self.job = None
        self.exported = result
        self._set_running(False)
        self._show_done()

    def _export_failed(self, reason: str) -> None:
        self.job = None
        self.exported = None
        self._set_running(False)
        dialogs.warn(self, TITLE, f"The bundle could not be written.\n\n{reason}")

    def reject(self) -> None:
        """Esc and closing the dialog wait while the export runs (it cannot be stopped)."""
        if not self.running:
            super().reject()

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
