"""The history of one answer (the question card's **History…**, or Ctrl+H): every version of
each of its fields (when, who, in which meeting), a word-level difference, and **Restore this
version**.

Choosing one version shows what it changed (against the version before it); choosing two
(Ctrl+click, or Shift with the arrow keys) compares them. Restoring asks first, then makes a
new change by the person editing now: nothing is deleted, and the card shows the restored
text at once (the session's ``restored``).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.document.models import FieldVersion
from stocktake_desktop.export.meeting_text import meeting_names

from .. import dialogs
from ..look.theme import set_relative_font
from ..session import Session
from .dialog_base import follow_zoom_keys, open_over_window, size_to_window
from .diff_view import DiffView, diff_html, diff_summary, field_runs, muted_colour
from .lazy_rows import EndReachesTheEnd
from .texts import field_label, meeting_text, when
from .versions_model import VersionsModel

#: The shortcut that opens the history of the question in hand.
HISTORY_KEYS = "Ctrl+H"
HINT = (
    "Choose a version to see what it changed, or two (Ctrl+click, or Shift with the arrow "
    "keys) to compare them."
)
ALL_FIELDS = "All fields"


def open_history(parent: QWidget, session: Session, ref: str) -> HistoryPanel:
    """Show the history of ``ref`` over ``parent``'s window (modal to it)."""
    session.flush_edits()  # the typing in hand is the newest version
    panel = HistoryPanel(session, ref, parent.window())
    panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    size_to_window(panel, 150, 44)
    follow_zoom_keys(panel)
    panel.versions.setFocus(Qt.FocusReason.OtherFocusReason)  # before showing: it stays
    open_over_window(panel)
    return panel


class VersionList(EndReachesTheEnd, QListView):
    """The versions; End reaches the oldest."""


def _described(version: FieldVersion, names: dict[str, str]) -> str:
    """ "22 November 2026 14:02 by Priya Shah, in Partnership Board, 20 June 2013" """
    return f"{when(version.at)} by {version.who}, {meeting_text(version.meeting, names)}"


class HistoryPanel(QDialog):
    """The versions of one answer's fields, their differences and restoring one."""

    def __init__(self, session: Session, ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ref = ref
        template = session.document.template
        self.template = template
        self.question = template.question(ref)
        self.names = meeting_names(session.meetings())
        self.setWindowTitle(f"History of {ref}")
        self.setAccessibleName(f"History of {ref} — {self.question.text}")
        layout = QVBoxLayout(self)

        heading = QLabel(f"History of {ref}", self)
        set_relative_font(heading, 1.3, bold=True)
        text = QLabel(self.question.text, self)
        text.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(text)

        row = QHBoxLayout()
        show = QLabel("&Show:", self)
        self.field_choice = QComboBox(self)
        self.field_choice.setAccessibleName(f"{ref} history: which fields — {self.question.text}")
        show.setBuddy(self.field_choice)
        row.addWidget(show)
        row.addWidget(self.field_choice, 1)
        layout.addLayout(row)
        self.hint = QLabel(HINT, self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model = VersionsModel(template, self.names, self)
        self.versions = VersionList(split)
        self.versions.setModel(self.model)
        self.versions.setUniformItemSizes(True)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.versions.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.versions.setAccessibleName(f"Versions of {ref} — {self.question.text}")
        self.versions.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        lower = QWidget(split)
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        self.compared = QLabel(lower)
        self.compared.setWordWrap(True)
        self.compared.setAccessibleName(f"{ref} history: what is compared")
        self.diff = DiffView(f"Difference — {ref}", lower)
        self.diff.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        below.addWidget(self.compared)
        below.addWidget(self.diff, 1)
        split.addWidget(self.versions)
        split.addWidget(lower)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(f"{ref} history: message")
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton("&Restore this version", self)
        self.restore_button.setAccessibleName(f"Restore this version of {ref}")
        self.restore_button.setAutoDefault(False)  # Enter in the list never restores
        self.restore_button.clicked.connect(self.restore_chosen)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(f"Close the history of {ref}")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(HISTORY_KEYS), self, self.reject)

        self._versions: list[FieldVersion] = []
        self.field_choice.currentIndexChanged.connect(self._field_chosen)
        self.versions.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()

    # ------------------------------------------------------------------ contents
    def reload(self, select: int | None = None) -> None:
        """Read the versions again; choose version ``select`` (else the newest)."""
        self._versions = versions = self.session.field_versions(self.ref)
        chosen = self.field_choice.currentData()
        self.model.set_versions(versions, chosen)
        self.field_choice.blockSignals(True)
        self.field_choice.clear()
        self.field_choice.addItem(ALL_FIELDS, None)
        for field in self.model.fields():
            self.field_choice.addItem(field_label(field, self.template), field)
        index = self.field_choice.findData(chosen) if chosen is not None else 0
        self.field_choice.setCurrentIndex(max(index, 0))
        self.field_choice.blockSignals(False)
        row = self.model.row_of(select) if select is not None else 0
        if self.model.rowCount():
            self.choose_rows([row or 0])
        else:
            self._show_nothing(f"{self.ref} has not been changed yet.")

    def _field_chosen(self, _index: int) -> None:
        self.model.set_versions(self._versions, self.field_choice.currentData())
        if self.model.rowCount():
            self.choose_rows([0])
        else:
            self._show_nothing("No versions.")

    def choose_rows(self, rows: list[int]) -> None:
        """Select ``rows`` (the first becomes current), as clicks would."""
        selection = QItemSelection()
        for row in rows:
            index = self.model.index(row)
            selection.select(index, index)
        model = self.versions.selectionModel()
        flags = model.SelectionFlag.ClearAndSelect
        model.select(selection, flags)
        model.setCurrentIndex(self.model.index(rows[0]), model.SelectionFlag.NoUpdate)
        self.versions.scrollTo(self.model.index(rows[0]))

    def chosen(self) -> list[FieldVersion]:
        """The versions chosen, oldest first."""
        rows = sorted(index.row() for index in self.versions.selectionModel().selectedRows())
        return [self.model.version(row) for row in reversed(rows)]

    # ------------------------------------------------------------------ comparing
    def _selection_changed(self, *_args: object) -> None:
        chosen = self.chosen()
        self.restore_button.setEnabled(
            len(chosen) == 1 and not self.session.read_only and not self.model.is_current(chosen[0])
        )
        self.restore_button.setToolTip(
            "This is the current version."
            if len(chosen) == 1 and self.model.is_current(chosen[0])
            else ""
        )
        if not chosen:
            self._show_nothing("Choose a version.")
        elif len(chosen) == 1:
            version = chosen[0]
            label = field_label(version.field, self.template)
            self._compare(
                version.field,
                version.previous,
                version.value,
                f"What this version changed: {label}, {_described(version, self.names)}, "
                "compared with the version before it.",
            )
        elif len(chosen) == 2 and chosen[0].field == chosen[1].field:
            older, newer = chosen
            label = field_label(older.field, self.template)
            self._compare(
                older.field,
                older.value,
                newer.value,
                f"{label}: the version of {_described(older, self.names)}, compared with "
                f"the version of {_described(newer, self.names)}.",
            )
        elif len(chosen) == 2:
            labels = " and ".join(field_label(v.field, self.template) for v in chosen)
            self._show_nothing(
                f"These are versions of different fields ({labels}): choose two versions of "
                "the same field to compare them."
            )
        else:
            self._show_nothing("Choose one version, or two to compare them.")

    def _compare(self, field: str, before: str, after: str, what: str) -> None:
        runs = field_runs(field, before, after, self.question)
        summary = f"{what} {diff_summary(runs)}."
        self.compared.setText(summary)
        self.diff.show_html(diff_html(runs, muted_colour(self)), summary)

    def _show_nothing(self, text: str) -> None:
        self.compared.setText(text)
        self.diff.show_html("", text)
        if not self.chosen():
            self.restore_button.setEnabled(False)

    # ------------------------------------------------------------------ restoring
    def restore_chosen(self) -> None:
        chosen = self.chosen()
        if len(chosen) != 1 or self.session.read_only:
            return
        version = chosen[0]
        label = field_label(version.field, self.template).lower()
        if not dialogs.ask(
            self,
            "Restore this version",
            f"Put {self.ref}'s {label} back to the version of {_described(version, self.names)}?"
            f"\n\nThis is a new change by {self.session.editor}; the versions since stay in "
            "the history.",
            yes="Restore",
            no="Cancel",
        ):
            return
        if self.session.restore_version(self.ref, version.id):
            self.reload()
            self._say(
                f"Restored: {self.ref}'s {label} is the version of {when(version.at)} again, "
                f"as a new change by {self.session.editor}."
            )
        else:
            self.reload(select=version.id)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
