"""The View and Help menus' window commands: full screen, zoom, About."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.settings import save_preferences

from .. import dialogs
from ..look.screen_fit import fit_to_screen
from .base import WindowBase


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

    def show_about(self) -> None:
        dialogs.inform(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nComplete the Winterbourne View Joint Improvement "
            "Programme stocktake return offline. Work is saved automatically as you go.",
        )
