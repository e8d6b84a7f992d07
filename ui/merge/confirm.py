"""What the merge and import dialogs share: a plan shown before anything is written — a heading,
the plan's summary, the dialog's own details — then one button that writes it through the
session (or only Close when there is nothing to do). A refusal at that point is one message
through ``ui/dialogs.py``; what the plan was read from is let go of however the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from .. import dialogs
from ..look.theme import set_relative_font
from .session_part import Closable, RefusedError


class PlanDialog(QDialog):
    """Subclasses add their details to ``column`` and call :meth:`add_buttons`; confirming
    calls ``write`` once, which writes ``preview``'s plan through the session and closes it
    (its result goes to :meth:`written`)."""

    def __init__(
        self,
        title: str,
        heading: str,
        preview: Closable,
        write: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.preview: Closable | None = preview
        self._write = write
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.column = QVBoxLayout(self)
        label = QLabel(heading, self)
        label.setWordWrap(True)
        set_relative_font(label, 1.25, bold=True)
        self.column.addWidget(label)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.column.addWidget(self.summary)

    def add_buttons(self, confirm: str, *, nothing_to_do: bool) -> QPushButton:
        """The confirming button (hidden when there is nothing to do: Cancel becomes Close)
        and Cancel, at the bottom; the confirming button is returned."""
        buttons = QDialogButtonBox(self)
        button = buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setDefault(True)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if nothing_to_do:
            button.hide()
            self.cancel_button.setText("Close")
            self.cancel_button.setDefault(True)
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        self.column.addWidget(buttons)
        return button

    def written(self, result: object) -> None:
        """Called with :meth:`write`'s result once the dialog has closed."""

    def _confirm(self) -> None:
        if self.preview is None:
            return
        self.preview = None  # ``write`` closes it
        try:
            result = self._write()
        except RefusedError as refusal:
            dialogs.warn(self, self.title, str(refusal))
            self.reject()
            return
        self.accept()
        self.written(result)

    def done(self, result: int) -> None:
        if self.preview is not None:  # cancelled: let go of it, nothing written
            self.preview.close()
            self.preview = None
        super().done(result)
