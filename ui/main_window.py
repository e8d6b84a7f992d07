"""The main window: menus and shortcuts, the start page or the open return, the status bar.

It owns the open return's session and does the opening and closing; closing waits for the
pending save (work is always saved, so it never asks "save changes?").
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from stocktake_desktop import APP_NAME
from stocktake_desktop.document import (
    LockHolder,
    ReturnDocument,
    ReturnError,
    find_unsaved_work,
)
from stocktake_desktop.paths import ready_folder
from stocktake_desktop.recent import latest_state, recent_entry
from stocktake_desktop.settings import Preferences, save_preferences
from stocktake_desktop.text import normalise_line

from . import dialogs
from .drops import dropped_return
from .first_paint import after_next_paint
from .look.screen_fit import default_window_size, fit_to_screen
from .look.zoom import Zoom
from .menus import build_menus, numbered
from .opening import FILTER, create_return, open_return
from .pages.return_view import ReturnView
from .session import Session
from .widgets.status_bar import StatusBar
from .window.contributor import ContributorCommands
from .window.history_commands import HistoryCommands
from .window.meeting_commands import MeetingCommands
from .window.merge_commands import MergeCommands
from .window.return_commands import ReturnCommands
from .window.view_commands import ViewCommands

if TYPE_CHECKING:
    from .pages.start_page import StartPage


class MainWindow(
    ContributorCommands,
    ReturnCommands,
    ViewCommands,
    MeetingCommands,
    HistoryCommands,
    MergeCommands,
):
    """One window; one return open at a time. Its commands are parts in ``ui/window/``."""

    def __init__(self, prefs: Preferences, zoom: Zoom, contributor: str = "") -> None:
        super().__init__()
        self.prefs = prefs
        self.zoom = zoom
        self.contributor = normalise_line(contributor)
        self.session = None
        self.view = None
        self.start_page: StartPage | None = None  # made when first shown
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.status.show_contributor(self.contributor)
        self.status.show_zoom(zoom.factor)
        self.setAcceptDrops(True)
        self.menus = build_menus(self)
        self.return_actions = self.menus.need_return
        self._wire(self)
        if not (
            prefs.window_geometry
            and self.restoreGeometry(QByteArray.fromBase64(prefs.window_geometry.encode("ascii")))
        ):
            self.resize(default_window_size(self.screen().availableGeometry().size()))
        fit_to_screen(self)
        self._update_state()

    # ------------------------------------------------------------------ wiring
    def _wire(self, part: QObject) -> None:
        """Every connection between the window and its parts, in one place: the window's own
        (status bar, zoom, menus), the start page's, an open return's session and view, and
        the presenter view's, a history dialog's. The start page's, the presenter's and the
        history dialogs' modules are imported only when there is one (opening a return at
        start-up needs none of them)."""
        if part is self:
            self.status.contributor_clicked.connect(self.change_contributor)
            self.zoom.changed.connect(self._zoom_changed)
            self.menus.recent.aboutToShow.connect(self.fill_recent_menu)
        elif isinstance(part, ReturnView):
            part.progress_changed.connect(self.status.show_progress)
            part.reopen_requested.connect(self._reopen_for_editing)
            part.locality_changed.connect(lambda _name: self._update_state())
            part.session.save_status.connect(self.status.show_save)
            part.session.restored.connect(self._restored)
            part.session.brought_in.connect(self._brought_in)
            part.session.conflicts_changed.connect(self.update_conflict_menu)
            part.review_conflicts.connect(self.review_conflicts)
            part.session.meeting_changed.connect(self.update_meeting_menus)
            part.meeting_banner.switch_requested.connect(self.switch_contributor_quickly)
            part.meeting_banner.end_requested.connect(self.end_meeting)
            part.about.meeting_requested.connect(self.start_meeting)
        else:
            from .pages.start_page import StartPage

            if isinstance(part, StartPage):
                part.create_requested.connect(self._create)
                part.open_requested.connect(self.choose_and_open)
                part.open_path.connect(lambda path: self.open_path(Path(path)))
                part.recover_requested.connect(
                    lambda path: self.open_path(Path(path), recover=True)
                )
                part.forget_requested.connect(self._forget)
                part.folder_requested.connect(self.choose_default_folder)
                return
            from .history.dialog_base import HistoryDialog

            if isinstance(part, HistoryDialog):
                part.go_to.connect(self._history_go_to)
                return
            from .presenter.window import PresenterWindow

            if isinstance(part, PresenterWindow):
                part.closed.connect(self._presenter_closed)
                part.answer_written.connect(self._presenter_wrote)
                part.contrast_changed.connect(self._presenter_contrast)

    def _update_state(self) -> None:
        has_return = self.session is not None
        for action in self.return_actions:
            action.setEnabled(has_return)
        self.update_meeting_menus()
        self.update_conflict_menu()
        if self.session is None:
            self.setWindowTitle(APP_NAME)
            return
        document = self.session.document
        suffix = " (read-only)" if document.read_only else ""
        self.setWindowTitle(f"{document.locality} — {document.path.name}{suffix} — {APP_NAME}")

    # ------------------------------------------------------------------ the start page
    def show_start_page(self) -> None:
        if self.start_page is None:
            from stocktake_desktop.template import available_templates

            from .pages.start_page import StartPage

            page = StartPage(available_templates(), self)
            self._wire(page)
            self.stack.addWidget(page)
            self.start_page = page
        self.start_page.show_recent([latest_state(e) for e in self.prefs.recent])
        self.start_page.show_unsaved(find_unsaved_work())
        self.start_page.show_folder(self.prefs.folder_for_new_returns())
        self.stack.setCurrentWidget(self.start_page)
        self.status.show_note("")
        self.status.show_progress(0, 0)
        self.start_page.focus_locality(Qt.FocusReason.OtherFocusReason)

    def _forget(self, path: str) -> None:
        self.prefs.forget(path)
        save_preferences(self.prefs)
        if self.start_page is not None:
            self.start_page.show_recent([latest_state(e) for e in self.prefs.recent])

    def _create(self, locality: str, template_id: str) -> None:
        from stocktake_desktop.template import find_template

        editor = self.ensure_contributor()
        folder = self._ready_folder_for_new_returns()
        document = create_return(self, folder, locality, find_template(template_id), editor)
        if document is not None:
            self._show_return(document, None)

    def _ready_folder_for_new_returns(self) -> Path:
        """The folder for new returns, made if missing, so a file dialog opens in the folder
        the start page shows (the start page follows if it had to be the home folder)."""
        folder = ready_folder(self.prefs.folder_for_new_returns())
        if self.start_page is not None:
            self.start_page.show_folder(folder)
        return folder

    def choose_default_folder(self) -> None:
        folder = dialogs.choose_folder(
            self, "Folder for new returns", self._ready_folder_for_new_returns()
        )
        if folder is not None:
            self.prefs.default_folder = str(folder)
            save_preferences(self.prefs)
            if self.start_page is not None:
                self.start_page.show_folder(folder)

    # ------------------------------------------------------------------ opening and closing
    def choose_and_open(self) -> None:
        if self.session is not None:
            folder = self.session.document.path.parent
        elif self.prefs.recent:
            folder = Path(self.prefs.recent[0].path).parent
        else:
            folder = self._ready_folder_for_new_returns()
        path = dialogs.open_file(self, "Open a return", folder, FILTER)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path, *, recover: bool | None = None) -> bool:
        """Open ``path`` in place of the current return; False if it stays as it was."""
        path = Path(path)
        if self.session is not None and self.session.document.path.absolute() == path.absolute():
            return True
        if not self.close_return(show_start=False):
            return False
        opened = open_return(self, path, self.ensure_contributor(), recover=recover)
        if opened is None:
            if self.session is None:
                self.show_start_page()
            return False
        self._show_return(opened.document, opened.locked_by)
        return True

    def _show_return(self, document: ReturnDocument, locked_by: LockHolder | None) -> None:
        session = Session(document, self)
        view = ReturnView(session, locked_by, self)
        self._wire(view)
        self.session, self.view = session, view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.status.show_note(
            "Read-only: changes cannot be made" if document.read_only else "All changes saved"
        )
        self.status.show_progress(*view.progress())
        self.prefs.remember(recent_entry(document))
        after_next_paint(self.status, lambda: save_preferences(self.prefs))
        after_next_paint(self.status, session.ensure_backup)
        self._update_state()
        view.focus_heading()  # never the locality: stray typing must change nothing
        view.build_in_background()

    def _reopen_for_editing(self) -> None:
        if self.session is None:
            return
        path = self.session.document.path
        if self.close_return(show_start=False):
            self.open_path(path)

    def close_return(self, *, show_start: bool = True) -> bool:
        """Write everything, wait for the save, and close; False if the user keeps it open."""
        session, view = self.session, self.view
        if session is None or view is None:
            if show_start:
                self.show_start_page()
            return True
        self.close_presenter()
        session.flush_edits()
        if session.has_dirty_writes:
            session.retry_dirty()
        if session.has_dirty_writes and dialogs.ask(
            self,
            "Changes not recorded",
            "Some of your latest changes could not be recorded, because the app's data folder "
            "cannot be written to (the disk may be full). If you close now they will be lost."
            "\n\nKeep the window open and try again in a moment?",
            yes="Keep the window open",
            no="Close and lose them",
        ):
            return False
        self.status.show_note("Saving…")
        document = session.document
        with contextlib.suppress(ReturnError, OSError):
            self.prefs.remember(recent_entry(document))
        view.shutdown()
        saved = session.close()
        if not saved and not document.read_only:
            dialogs.warn(
                self,
                "Not saved to the file",
                f"The latest changes could not be written to {document.path}. They are kept "
                "safely on this computer: the next time you open the return, Stocktake Desktop "
                "will offer to recover them.",
            )
        self.stack.removeWidget(view)
        view.deleteLater()
        session.deleteLater()
        self.session = self.view = None
        save_preferences(self.prefs)
        self._update_state()
        if show_start:
            self.show_start_page()
        return True

    def new_return(self) -> None:
        if self.close_return(show_start=True) and self.start_page is not None:
            self.start_page.focus_locality(Qt.FocusReason.ShortcutFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_return(show_start=False):
            event.ignore()
            return
        self.prefs.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        save_preferences(self.prefs)
        event.accept()

    # ------------------------------------------------------------------ the recent menu
    def fill_recent_menu(self) -> None:
        menu = self.menus.recent
        menu.clear()
        for number, entry in enumerate(self.prefs.recent, 1):
            action = menu.addAction(numbered(number, f"{entry.locality} — {entry.file_name}"))
            action.triggered.connect(lambda _=False, p=entry.path: self.open_path(Path(p)))
        if not self.prefs.recent:
            menu.addAction("No recent returns").setEnabled(False)

    # ------------------------------------------------------------------ dropping a return
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_return(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_return(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.open_path(path))


def focus_chain(start: QWidget, limit: int = 100_000) -> list[QWidget]:
    """Widgets in focus-chain order from ``start`` (once round), for checks and tests."""
    chain = [start]
    widget = start.nextInFocusChain()
    while widget is not None and widget is not start and len(chain) < limit:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain
