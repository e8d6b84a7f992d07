"""The View and Help menus' window commands: full screen, zoom, the presenter view, About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.settings import save_preferences

from .. import dialogs
from ..look.screen_fit import fit_to_screen
from .base import WindowBase

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from ..presenter.window import PresenterWindow


class ViewCommands(WindowBase):
    """How the window is shown."""

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _zoom_changed(self, factor: float) -> None:
        self.prefs.zoom = factor
        save_preferences(self.prefs)
        self.status.show_zoom(factor)
        before = self.size()
        QTimer.singleShot(0, lambda: fit_to_screen(self, grown_from=before))

    # ------------------------------------------------------------------ the presenter view
    presenter: PresenterWindow | None = None

    def toggle_presenter(self) -> None:
        """F5 or View › Presenter view: one question at a time, for the projector."""
        if self.presenter is not None:
            self.presenter.close()
            return
        if self.session is None or self.view is None:
            return
        from ..presenter.handover import starting_ref
        from ..presenter.window import PresenterWindow

        self.session.flush_edits()
        presenter = PresenterWindow(
            self.session,
            self.zoom,
            start_ref=starting_ref(self.view),
            high_contrast=self.prefs.presenter_high_contrast,
            parent=self,
        )
        self._wire(presenter)
        self.presenter = presenter
        presenter.present()

    def close_presenter(self) -> None:
        """Close the presenter view, leaving the main window as it is (the return is closing)."""
        presenter, self.presenter = self.presenter, None
        if presenter is not None:
            presenter.close()  # its typing is written first
            presenter.deleteLater()

    def _presenter_closed(self, ref: str) -> None:
        presenter, self.presenter = self.presenter, None
        if presenter is None:  # closed by close_presenter
            return
        presenter.deleteLater()
        if self.view is not None:
            self.view.show_question(ref, focus=False)  # where the meeting got to
        self.activateWindow()

    def _presenter_wrote(self, ref: str) -> None:
        from ..presenter.handover import reload_card

        if self.view is not None:
            reload_card(self.view, ref)

    def _presenter_contrast(self, high: bool) -> None:
        self.prefs.presenter_high_contrast = high
        save_preferences(self.prefs)

    if TYPE_CHECKING:

        def _wire(self, part: QObject) -> None: ...  # MainWindow's: it connects the parts

    def show_about(self) -> None:
        dialogs.inform(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nComplete the Winterbourne View Joint Improvement "
            "Programme stocktake return offline. Work is saved automatically as you go.",
        )
