"""The commands on the open return: export, find, go to a question or section, undo and redo."""

from __future__ import annotations

from .. import dialogs
from .base import WindowBase


class ReturnCommands(WindowBase):
    """Menu commands that act on the open return (they do nothing on the start page)."""

    def export(self) -> None:
        if self.session is None:
            return
        self.session.save_now()
        try:
            from ..pages.export_dialog import run_export
        except ImportError:
            dialogs.inform(
                self,
                "Export for submission",
                "Exporting for submission is not available in this version yet.",
            )
            return
        run_export(self, self.session)  # the session saves and tells the views when it is done
        self.activateWindow()  # the keyboard back here (not every platform hands it back)

    def find_in_return(self) -> None:
        if self.view is not None:
            self.view.open_find()

    def go_to_question(self) -> None:
        if self.view is None:
            return
        answer = dialogs.ask_text(self, "Go to question", "Question number, for example 4.5:")
        if answer is None:
            return
        ref = answer.strip().lstrip("Qq").strip().rstrip(".")
        if self.view.show_question(ref) is None:
            template = self.view.template
            first, last = template.questions[0].ref, template.questions[-1].ref
            dialogs.warn(
                self,
                "Go to question",
                f"There is no question “{answer.strip()}” in this stocktake. "
                f"Questions run from {first} to {last}.",
            )

    def previous_section(self) -> None:
        if self.view is not None:
            self.view.go_previous()
            self.view.focus_page()

    def next_section(self) -> None:
        if self.view is not None:
            self.view.go_next()
            self.view.focus_page()

    def edit_focused(self, what: str) -> None:
        """Undo or redo in whichever text field has the focus."""
        widget = self.focusWidget()
        if widget is not None and hasattr(widget, what):
            getattr(widget, what)()
