"""The status bar: save state, overall progress and the current contributor."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from stocktake_desktop.document import SaveState, SaveStatus

NOT_SAVED_SUFFIX = "your work is kept and will be saved when possible"


def save_text(status: SaveStatus) -> str:
    """ "Saved 14:02:31", "Saving…" or "Could not save: <reason> — your work is kept…"."""
    if status.state is SaveState.SAVED:
        return f"Saved {status.at:%H:%M:%S}"
    if status.state is SaveState.SAVING:
        return "Saving…"
    reason = status.message or "unknown reason"
    if not reason.lower().startswith("could not"):
        reason = f"Could not save: {reason}"
    return f"{reason.rstrip('.')} — {NOT_SAVED_SUFFIX}"


class StatusBar(QStatusBar):
    """``contributor_clicked`` asks to switch the contributor."""

    contributor_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.save_label = QLabel(self)
        self.save_label.setAccessibleName("Save status")
        self.progress_label = QLabel(self)
        self.progress_label.setAccessibleName("Progress")
        self.zoom_label = QLabel(self)
        self.zoom_label.setAccessibleName("Zoom")
        self.zoom_label.hide()
        self.contributor_button = QPushButton(self)
        self.contributor_button.setFlat(True)
        self.contributor_button.clicked.connect(self.contributor_clicked)
        for label in (self.zoom_label, self.progress_label):
            label.setContentsMargins(label.fontMetrics().averageCharWidth() * 2, 0, 0, 0)
        self.addWidget(self.save_label, 1)
        self.addPermanentWidget(self.zoom_label)
        self.addPermanentWidget(self.progress_label)
        self.addPermanentWidget(self.contributor_button)
        self.show_contributor("")

    def show_save(self, status: SaveStatus) -> None:
        self.save_label.setText(save_text(status))
        self.save_label.setAccessibleDescription(self.save_label.text())

    def show_note(self, text: str) -> None:
        """A lasting state that is not a save (e.g. "Read-only")."""
        self.save_label.setText(text)

    def show_zoom(self, factor: float) -> None:
        """ "Zoom 150%" while zoomed; nothing at 100%."""
        self.zoom_label.setText(f"Zoom {round(factor * 100)}%")
        self.zoom_label.setVisible(abs(factor - 1.0) > 1e-6)

    def show_progress(self, answered: int, total: int) -> None:
        self.progress_label.setText(f"{answered} of {total} questions answered" if total else "")

    def show_contributor(self, name: str) -> None:
        self.contributor_button.setText(f"Contributor: {name}" if name else "Contributor: not set")
        self.contributor_button.setAccessibleName(
            f"Change contributor (currently {name or 'not set'})"
        )
        self.contributor_button.setToolTip(
            "Every change is recorded with this name. Click to change."
        )
