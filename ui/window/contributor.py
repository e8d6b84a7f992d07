"""The person editing: asked for once, changed from the status bar or the Edit menu."""

from __future__ import annotations

from stocktake_desktop.cli import default_editor
from stocktake_desktop.settings import save_preferences
from stocktake_desktop.text import normalise_line

from .. import dialogs
from .base import WindowBase


class ContributorCommands(WindowBase):
    """Who is recorded against the changes made in this window."""

    def ensure_contributor(self) -> str:
        """The person editing; asked for once (first run) when not given with --as."""
        if not self.contributor:
            answer = dialogs.ask_text(
                self,
                "Who is editing?",
                "Your name. It is recorded against every change you make to a return:",
                self.prefs.contributor or default_editor(),
            )
            self._set_contributor(normalise_line(answer or "") or default_editor())
        return self.contributor

    def change_contributor(self) -> None:
        answer = dialogs.ask_text(
            self,
            "Change contributor",
            "Name to record against the changes made from now on:",
            self.contributor,
        )
        name = normalise_line(answer or "")
        if name:
            self._set_contributor(name)

    def _set_contributor(self, name: str) -> None:
        if self.session is not None:
            self.session.set_editor(name)
        self.contributor = name
        self.prefs.contributor = name
        save_preferences(self.prefs)
        self.status.show_contributor(name)
