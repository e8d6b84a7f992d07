"""An open return as the views see it: the one seam between views and the document.

Views call the typed setters here (``set_narrative``, ``attach_evidence``, ``export`` …) and
never a :class:`ReturnDocument` setter; the session makes the retry keys itself. Every write is
a small core call. If it raises StorageError (disk full, folder read-only), the widget keeps
its text, ``write_failed`` is emitted for the banner and the write is kept as *dirty*: a timer
re-applies the newest value of each dirty field until it succeeds.

An export runs in a worker thread (:class:`ExportJob`). While it runs, the views' writes are
held back as dirty writes (applied when it ends), so nothing writes to the document's
connection but the export itself; the autosave thread publishes through its own connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from stocktake_desktop.document import EvidenceLink, ReturnDocument, ReturnError, StorageError
from stocktake_desktop.text import normalise_line

from .history.session_part import HistorySessionPart
from .meeting.session_part import MeetingSessionPart
from .merge.session_part import MergeSessionPart
from .save_worker import SaveWorker

if TYPE_CHECKING:
    from stocktake_desktop.export.bundle import ExportOptions

RETRY_MS = 2000
#: How many steps ``export_bundle`` reports (the progress bar's maximum).
EXPORT_STEPS = 8


class ExportJob(QObject):
    """One export in a worker thread; its signals are delivered in the GUI thread."""

    progress = Signal(str, int)  # what it is doing, how many steps are done
    finished = Signal(object)  # the BundleResult
    failed = Signal(str)  # a reason to show

    def __init__(
        self, document: ReturnDocument, options: ExportOptions, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.options = options
        self._steps = 0
        self._thread = threading.Thread(target=self._run, name="export", daemon=True)

    def start(self) -> None:
        """Start on the next turn of the event loop, so that its signals can be connected."""
        QTimer.singleShot(0, self, self._start)

    def _start(self) -> None:
        if self.document.closed:
            self.failed.emit("The return was closed before the export could start.")
            return
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the export thread ends; True when it has."""
        if self._thread.ident is not None:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _step(self, text: str) -> None:
        # Runs in the export thread; Qt queues the signal to this object's (GUI) thread.
        self.progress.emit(text, self._steps)
        self._steps += 1

    def _run(self) -> None:
        from stocktake_desktop.export.bundle import export_bundle

        try:
            result = export_bundle(self.document, self.options, progress=self._step)
        except (ReturnError, OSError) as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # never lose the dialog's answer to an unexpected error
            self.failed.emit(f"An unexpected error stopped the export: {error!r}")
            return
        self.progress.emit("Done", EXPORT_STEPS)
        self.finished.emit(result)


class Session(MeetingSessionPart, HistorySessionPart, MergeSessionPart, QObject):
    """The document, its background saver and the retry of writes that failed (and the
    meetings part, ``ui/meeting/session_part.py``, the history part,
    ``ui/history/session_part.py``, and the merge and import part,
    ``ui/merge/session_part.py``)."""

    answer_changed = Signal(str)  # a question ref whose answer was written
    completion_changed = Signal()
    evidence_changed = Signal(str)  # a question ref whose evidence list changed
    save_status = Signal(object)  # SaveStatus, in the GUI thread
    write_failed = Signal(str)  # a reason to show
    write_recovered = Signal()
    rejected = Signal(str)  # a value the core refused (AnswerError...)
    exported = Signal(object)  # a BundleResult, once an export through the session is done
    # meetings (U1): see MeetingSessionPart
    meeting_changed = Signal()  # a meeting started or ended, or its attendees changed
    agreement_changed = Signal(str)  # a ref whose agreement changed (a fall-back to draft too)
    actions_changed = Signal()
    # history (U3): see HistorySessionPart
    restored = Signal(object)  # tuple of refs a restore put back (their cards reload)
    # merge and import (U4): see MergeSessionPart
    brought_in = Signal(object)  # refs a merge, import or resolution wrote (the views reload)
    conflicts_changed = Signal()  # conflicts found or settled

    def __init__(self, document: ReturnDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._dirty: dict[Hashable, Callable[[], None]] = {}
        self._before_flush: list[Callable[[], None]] = []
        self._saver: SaveWorker | None = None
        if not document.read_only:
            self._saver = SaveWorker(document, parent=self)
            self._saver.status.connect(self.save_status)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry_dirty)
        self._export: ExportJob | None = None
        self._init_meetings()

    # ------------------------------------------------------------------ state
    @property
    def read_only(self) -> bool:
        return self.document.read_only

    @property
    def closed(self) -> bool:
        return self.document.closed

    @property
    def has_dirty_writes(self) -> bool:
        return bool(self._dirty)

    @property
    def exporting(self) -> bool:
        return self._export is not None

    @property
    def editor(self) -> str:
        return self.document.editor

    def set_editor(self, name: str) -> None:
        """Attribute later changes to ``name`` (pending typing is written first, as before),
        normalised as the document's constructor does; a blank name changes nothing."""
        name = normalise_line(name)
        if not name:
            return
        self.flush_edits()
        self.document.editor = name

    def on_flush(self, callback: Callable[[], None]) -> None:
        """Register a pending-typing flusher (a debounced editor) to run before a flush."""
        self._before_flush.append(callback)

    def forget_flush(self, callback: Callable[[], None]) -> None:
        if callback in self._before_flush:
            self._before_flush.remove(callback)

    # ------------------------------------------------------------------ the answers
    def set_narrative(self, ref: str, text: str) -> bool:
        """The assessment of the current position; True when it was recorded."""
        return self._write(("narrative", ref), lambda: self.document.set_narrative(ref, text), ref)

    def set_codes(self, ref: str, codes: tuple[int, ...] | list[int]) -> bool:
        chosen = tuple(codes)
        return self._write(("codes", ref), lambda: self.document.set_codes(ref, chosen), ref)

    def set_good_practice(self, ref: str, flag: bool) -> bool:
        return self._write(
            ("good_practice", ref), lambda: self.document.set_good_practice(ref, flag), ref
        )

    def set_good_practice_note(self, ref: str, text: str) -> bool:
        return self._write(
            ("good_practice_note", ref),
            lambda: self.document.set_good_practice_note(ref, text),
            ref,
        )

    def set_support_required(self, ref: str, text: str) -> bool:
        return self._write(
            ("support_required", ref), lambda: self.document.set_support_required(ref, text), ref
        )

    # ------------------------------------------------------------------ completion and locality
    def set_completed_by(self, key: str, value: str) -> bool:
        return self._write(
            ("completed_by", key), lambda: self.document.set_completed_by(key, value)
        )

    def set_sign_off(self, role: str, *, name: str | None = None, date: str | None = None) -> bool:
        """A sign-off's name or date (ISO, "" for none); each is retried on its own."""
        ok = True
        if name is not None:
            ok = self._write(
                ("sign_off_name", role), lambda: self.document.set_sign_off(role, name=name)
            )
        if date is not None:
            ok = (
                self._write(
                    ("sign_off_date", role), lambda: self.document.set_sign_off(role, date=date)
                )
                and ok
            )
        return ok

    def set_locality(self, text: str) -> bool:
        return self._write(("locality",), lambda: self.document.set_locality(text))

    # ------------------------------------------------------------------ evidence
    def attach_evidence(self, ref: str, file: Path, *, embed: bool = True) -> bool:
        """Attach ``file`` to ``ref`` (a copy kept in the return unless ``embed`` is False)."""
        return self._write_once(lambda: self.document.add_evidence(ref, file, embed=embed), ref)

    def relink_evidence(self, link: EvidenceLink, file: Path) -> bool:
        return self._write_once(lambda: self.document.relink_evidence(link.id, file), link.ref)

    def remove_evidence(self, link: EvidenceLink) -> bool:
        return self._write_once(lambda: self.document.remove_evidence(link.id), link.ref)

    def keep_copy_of_evidence(self, link: EvidenceLink) -> bool:
        return self._write_once(lambda: self.document.keep_copy_of_evidence(link.id), link.ref)

    # ------------------------------------------------------------------ writing
    def _write(self, key: Hashable, apply: Callable[[], None], ref: str | None = None) -> bool:
        """Run ``apply`` (a core setter with the newest value); True when it was recorded."""
        if self.read_only or self.closed:
            return False
        if self.exporting:  # held back until the export ends, then written as a retry
            self._dirty[key] = apply
            return False
        try:
            apply()
        except StorageError as error:
            self._dirty[key] = apply
            if not self._retry.isActive():
                self._retry.start()
            self.write_failed.emit(str(error))
            return False
        except ReturnError as error:
            self.rejected.emit(str(error))
            return False
        self._dirty.pop(key, None)
        self._changed(ref)
        return True

    def _write_once(self, apply: Callable[[], object], ref: str) -> bool:
        """A write that must not be repeated later (adding a file): errors are reported only."""
        if self.read_only or self.closed:
            return False
        if self.exporting:
            self.rejected.emit("The return is being exported. Try again when it has finished.")
            return False
        try:
            apply()
        except ReturnError as error:  # nothing will retry it, so the user is told at once
            self.rejected.emit(str(error))
            return False
        self._changed(ref)
        self.evidence_changed.emit(ref)
        return True

    def retry_dirty(self) -> None:
        """Re-apply every field that could not be written; stop retrying once all are in."""
        if self.closed:
            self._retry.stop()
            return
        if self.exporting:
            return
        self.flush_edits()  # pending typing is the newest value of its field: it goes first
        for key, apply in list(self._dirty.items()):
            try:
                apply()
            except StorageError as error:
                self.write_failed.emit(str(error))
                return
            except ReturnError as error:
                self.rejected.emit(str(error))
            self._dirty.pop(key, None)
        self._retry.stop()
        if self._saver is not None:
            self._saver.changed()
        self.write_recovered.emit()
        self.completion_changed.emit()

    def _changed(self, ref: str | None) -> None:
        if self._saver is not None:
            self._saver.changed()
        if ref is None:
            self.completion_changed.emit()
        else:
            self.answer_changed.emit(ref)

    def ensure_backup(self) -> None:
        """Keep a backup of the file as it was opened (the window asks once it is on screen)."""
        if self.document.closed:
            return
        self.document.ensure_backup()

    def changed_elsewhere(self) -> None:
        """Something outside the views wrote to the document (e.g. export): save it too."""
        if self._saver is not None:
            self._saver.changed()
        self.completion_changed.emit()

    # ------------------------------------------------------------------ exporting
    def export(self, options: ExportOptions) -> ExportJob:
        """Start exporting the bundle in a worker thread; connect to the job's signals (it
        starts on the next turn of the event loop).

        Pending typing is written first; until the job ends the views' writes are held back
        (see the module's docstring), then written, and the user's file is saved again.
        """
        if self._export is not None:
            raise RuntimeError("An export is already running.")
        self.flush_edits()
        job = ExportJob(self.document, options, self)
        job.finished.connect(self._export_finished)
        job.failed.connect(lambda _reason: self._export_ended())
        self._export = job
        job.start()
        return job

    def _export_finished(self, result: object) -> None:
        self._export_ended()
        self.exported.emit(result)

    def _export_ended(self) -> None:
        job, self._export = self._export, None
        if job is not None:
            job.wait()
        if self._dirty:
            self.retry_dirty()
        self.changed_elsewhere()

    def wait_for_export(self, timeout: float | None = None) -> bool:
        """Block until a running export has ended (closing waits for it); True when it has."""
        if self._export is None:
            return True
        return self._export.wait(timeout)

    # ------------------------------------------------------------------ saving and closing
    def flush_edits(self) -> None:
        """Write any typing still waiting for its pause."""
        for callback in list(self._before_flush):
            callback()

    def save_now(self, timeout: float | None = 10.0) -> bool:
        """Write pending typing and publish the user's file now; True when it is all saved."""
        self.flush_edits()
        if self._dirty:
            self.retry_dirty()
        if self._saver is None:
            return True
        return self._saver.flush(timeout) and not self._dirty

    def close(self) -> bool:
        """Finish the pending save and let go of the return; True when nothing was left unsaved."""
        self.wait_for_export()
        self._export = None
        self.flush_edits()
        if self._dirty:
            self.retry_dirty()
        self._retry.stop()
        saved = True
        if self._saver is not None:
            saved = self._saver.stop()
        try:
            self.document.close()
        except ReturnError:
            saved = False
        return saved and not self._dirty
