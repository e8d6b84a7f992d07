"""Export for submission: the pre-flight dialog, the export, and the hand-off.

:func:`run_export` is what the menu action calls. The first page lists what pre-flight found
(things to complete, warnings), the bundle size against the email limit (with the choice to
leave the evidence out of the emailed zip), the "Final submission" choice and, for a final
submission with warnings, a confirmation. The export runs in a worker thread with a progress
bar; then the second page (:mod:`.export_handoff`) says what to do next. All message boxes and
folder choices go through :mod:`ui.dialogs` (tests replace them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
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

from stocktake_desktop.counting import how_many
from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.preflight import Preflight, run_preflight
from stocktake_desktop.limits import EMAIL_LIMIT_MB
from stocktake_desktop.readiness import Severity

from .. import dialogs
from ..look.theme import set_relative_font
from ..session import EXPORT_STEPS, ExportJob, Session
from .export_handoff import TITLE, ExportHandoff

if TYPE_CHECKING:  # pragma: no cover - typing only
    from stocktake_desktop.export.bundle import BundleResult

#: How this dialog confirms warnings (the core's refusal names it).
CONFIRM_IN_DIALOG = "tick the box"


def run_export(parent: QWidget, source: Session | ReturnDocument) -> None:
    """Show the export dialog (modal); it records a final submission itself. Given the open
    return's session the export goes through it; a bare document (tests) is exported directly,
    in a worker thread all the same."""
    dialog = ExportDialog(parent, source)
    dialog.exec()


class ExportDialog(ExportHandoff):
    """Page 1, pre-flight and exporting; page 2, the hand-off (:mod:`.export_handoff`)."""

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
                f"{how_many(blockers, 'item')} to complete before a final submission. "
                "You can export a draft now."
            )
        else:
            summary = "Ready to submit."
        if warnings:
            summary += f" {how_many(warnings, 'warning')} to check."
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
