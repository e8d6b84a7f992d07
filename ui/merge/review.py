"""Review conflicts: each conflict a merge left, one at a time, side by side — the base where
there is one, mine (this copy now) and theirs — with the words that differ marked, and three
ways to settle it: **Keep mine** (Alt+M), **Keep theirs** (Alt+T) or **Edit a combined text**
(Alt+E: a roomy editor filled with mine, the caret at its end and nothing selected, so
typing adds to mine; then **Save combined**, Alt+S; Esc stops editing).
**Previous** and **Next conflict** (Alt+P, Alt+N) move between them. Settling one moves on to
the next still open; when none is left the screen says so.

Every control's accessible name says the question's number, its field and its wording.
Everything is written through the session; a refusal is one message through ``ui/dialogs.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.dates import friendly_datetime
from stocktake_desktop.diff import unchanged_start
from stocktake_desktop.document.conflicts import Conflict

from .. import dialogs
from ..history.dialog_base import open_over_window, size_to_window
from ..look.theme import line_height, set_relative_font
from ..session import Session
from .pane import VersionPane
from .session_part import RefusedError
from .texts import conflict_title, question_text, shown_value, spoken_field

TITLE = "Review conflicts"
ALL_RESOLVED = "All conflicts are resolved."
NONE_LEFT = "There are no conflicts to review."
CHOICE = "This is a choice, not a text: keep one version."


def _button(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    return button


class ConflictReview(QDialog):
    """The open conflicts of ``session``'s return; starts at the first on ``ref`` if given."""

    def __init__(self, session: Session, ref: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.template = session.document.template
        self.setWindowTitle(TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conflicts: list[Conflict] = session.conflicts()
        self.index = next((i for i, c in enumerate(self.conflicts) if c.ref == ref), 0)
        self.settled = 0
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.position = QLabel(self)
        set_relative_font(self.position, 1.0, bold=True)
        self.previous_button = _button("← &Previous conflict", self)
        self.next_button = _button("&Next conflict →", self)
        top.addWidget(self.position, 1)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        layout.addLayout(top)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        set_relative_font(self.heading, 1.25, bold=True)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.about = QLabel(self)  # whose version, and how the texts are marked
        self.about.setWordWrap(True)
        for label in (self.heading, self.question, self.about):
            layout.addWidget(label)

        self.panes = QGridLayout()
        self.base = VersionPane("Base", self, self.panes, 0)
        self.mine = VersionPane("Mine", self, self.panes, 1)
        self.theirs = VersionPane("Theirs", self, self.panes, 2)
        self.panes.setRowStretch(1, 1)
        layout.addLayout(self.panes, 3)

        self.editor_box = QWidget(self)
        editing = QVBoxLayout(self.editor_box)
        editing.setContentsMargins(0, 0, 0, 0)
        self.editor_label = QLabel("&Combined text (it replaces both versions):", self.editor_box)
        self.editor = QPlainTextEdit(self.editor_box)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(line_height(self) * 5)  # four lines or more, frame aside
        self.editor_label.setBuddy(self.editor)
        editing.addWidget(self.editor_label)
        editing.addWidget(self.editor, 1)
        self.editor_box.hide()
        layout.addWidget(self.editor_box, 2)
        self.column = layout
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Review conflicts: message")
        self.message.hide()
        layout.addWidget(self.message)

        bottom = QHBoxLayout()  # the choices, or Save combined while editing; then Close
        self.choices = QWidget(self)
        row = QHBoxLayout(self.choices)
        row.setContentsMargins(0, 0, 0, 0)
        self.keep_mine_button = _button("Keep &mine", self.choices)
        self.keep_theirs_button = _button("Keep &theirs", self.choices)
        self.edit_button = _button("&Edit a combined text…", self.choices)
        for button in (self.keep_mine_button, self.keep_theirs_button, self.edit_button):
            row.addWidget(button)
        self.edit_buttons = QWidget(self)
        row = QHBoxLayout(self.edit_buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self.save_button = _button("&Save combined", self.edit_buttons)
        self.stop_button = _button("Stop editing (Esc)", self.edit_buttons)
        row.addWidget(self.save_button)
        row.addWidget(self.stop_button)
        self.edit_buttons.hide()
        self.close_button = _button("Close", self)
        bottom.addWidget(self.choices)
        bottom.addWidget(self.edit_buttons)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        self.keep_mine_button.clicked.connect(lambda: self.keep("mine"))
        self.keep_theirs_button.clicked.connect(lambda: self.keep("theirs"))
        self.edit_button.clicked.connect(self.start_editing)
        self.save_button.clicked.connect(self.save_combined)
        self.stop_button.clicked.connect(self.stop_editing)
        self.close_button.clicked.connect(self.reject)
        size_to_window(self, 150, 44)  # as roomy as the history panel, within the window
        self._show()

    # ------------------------------------------------------------------ which conflict
    @property
    def current(self) -> Conflict | None:
        return self.conflicts[self.index] if 0 <= self.index < len(self.conflicts) else None

    def go(self, step: int) -> None:
        """Show the previous (-1) or next (1) conflict."""
        if self.conflicts:
            self.index = max(0, min(len(self.conflicts) - 1, self.index + step))
            self._show()
            self.keep_mine_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self) -> None:
        self.stop_editing(focus=False)
        conflict = self.current
        count = len(self.conflicts)
        for widget in (self.question, self.about):
            widget.setVisible(conflict is not None)
        for pane in (self.base, self.mine, self.theirs):
            pane.set_visible(conflict is not None)
        self.choices.setVisible(conflict is not None)
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < count - 1)
        if conflict is None:
            self.position.setText("No conflicts left" if self.settled else "No conflicts")
            self.heading.setText(ALL_RESOLVED if self.settled else NONE_LEFT)
            self.heading.setAccessibleName(self.heading.text())
            self.close_button.setDefault(True)
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.position.setText(f"Conflict {self.index + 1} of {count}")
        self.heading.setText(conflict_title(self.template, conflict))
        text = question_text(self.template, conflict.ref)
        self.question.setText(text)
        self.question.setVisible(bool(text))
        about = spoken_field(self.template, conflict.ref, conflict.field)
        about += f" — {text}" if text else ""
        self.heading.setAccessibleName(f"Conflict {self.index + 1} of {count}: {about}")
        self._show_versions(conflict, about)
        self._name_controls(conflict, about)
        self.keep_mine_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_versions(self, conflict: Conflict, about: str) -> None:
        template = self.template
        mine = shown_value(template, conflict, self.session.value_now(conflict))
        theirs = shown_value(template, conflict, conflict.theirs)
        base = None if conflict.base is None else shown_value(template, conflict, conflict.base)
        found = friendly_datetime(conflict.found_at)
        marked = "against the base" if base is not None else "against each other"
        self.about.setText(  # a word joiner keeps each marker whole at a line's end
            f"Theirs is {conflict.theirs_by}'s, from {conflict.copy} (found {found}). Marked "
            f"{marked}: [+added+] underlined, [-\u2060removed-] struck through."
            + ("" if conflict.editable else f" {CHOICE}")
        )
        self.base.set_visible(base is not None)
        if base is not None:
            # the base has no marks: it is scrolled to where either copy first departs from it
            departs = min(unchanged_start(base, other) for other in (mine, theirs))
            self.base.show_version(
                base,
                against=None,
                name=f"Base, {about}",
                said="as both copies had it",
                first_change=departs,
            )
        self.mine.show_version(
            mine,
            against=base if base is not None else theirs,
            name=f"Mine, {about}",
            said="this copy now",
        )
        self.theirs.show_version(
            theirs,
            against=base if base is not None else mine,
            name=f"Theirs, {about}",
            said=f"{conflict.theirs_by}'s",
        )

    def _name_controls(self, conflict: Conflict, about: str) -> None:
        self.keep_mine_button.setAccessibleName(f"Keep mine, {about}")
        self.keep_theirs_button.setAccessibleName(f"Keep theirs ({conflict.theirs_by}'s), {about}")
        self.edit_button.setAccessibleName(f"Edit a combined text, {about}")
        self.edit_button.setEnabled(conflict.editable)
        self.edit_button.setToolTip("" if conflict.editable else CHOICE)
        self.editor.setAccessibleName(f"Combined text, {about}")
        self.save_button.setAccessibleName(f"Save combined, {about}")
        self.previous_button.setAccessibleName("Previous conflict")
        self.next_button.setAccessibleName("Next conflict")

    # ------------------------------------------------------------------ settling
    def keep(self, which: str) -> None:
        """Keep "mine" or "theirs" for the conflict shown."""
        conflict = self.current
        if conflict is None:
            return
        words = "this copy's version" if which == "mine" else f"{conflict.theirs_by}'s version"
        self._settle(
            conflict,
            lambda: self.session.resolve_conflict(conflict, which),
            f"kept {words}",
        )

    def start_editing(self) -> None:
        conflict = self.current
        if conflict is None or not conflict.editable:
            return
        self.editor.setPlainText(self.session.value_now(conflict))
        self.editor.moveCursor(QTextCursor.MoveOperation.End)  # typing adds, never replaces
        self.choices.hide()
        self.edit_buttons.show()
        self.editor_box.show()
        self._give_room(editing=True)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.ensureCursorVisible()

    def stop_editing(self, *, focus: bool = True) -> None:
        was_editing = self.editor_box.isVisible()
        self.editor_box.hide()
        self._give_room(editing=False)
        self.edit_buttons.hide()
        self.choices.setVisible(self.current is not None)
        self.message.hide()
        if focus and was_editing:
            self.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _give_room(self, *, editing: bool) -> None:
        """While editing, the combined text takes more of the height than the versions above
        it (they keep three lines or more)."""
        self.column.setStretchFactor(self.panes, 2 if editing else 3)
        self.column.setStretchFactor(self.editor_box, 3 if editing else 2)

    def save_combined(self) -> None:
        conflict = self.current
        if conflict is None:
            return
        text = self.editor.toPlainText()
        self._settle(
            conflict,
            lambda: self.session.resolve_conflict_with_text(conflict, text),
            "saved the combined text",
        )

    def _settle(self, conflict: Conflict, resolve: Callable[[], object], said: str) -> None:
        try:
            resolve()
        except RefusedError as refusal:
            dialogs.warn(self, TITLE, str(refusal))
            return
        self.settled += 1
        self.conflicts = self.session.conflicts()
        following = [i for i, c in enumerate(self.conflicts) if c.id > conflict.id]
        self.index = following[0] if following else len(self.conflicts) - 1
        self._show()
        left = len(self.conflicts)
        done = f"{conflict_title(self.template, conflict)}: {said}."
        if left:
            done += f" {left} conflict{'s' if left != 1 else ''} left."
        self.message.setText(done)
        self.message.show()

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.editor_box.isVisible():
            event.accept()
            self.stop_editing()
            return
        super().keyPressEvent(event)


def open_review(parent: QWidget, session: Session, ref: str = "") -> ConflictReview:
    """Show the review screen over ``parent`` (window-modal; the caller carries on), as it
    sized itself: to the window and the screen."""
    review = ConflictReview(session, ref, parent)
    open_over_window(review)
    return review
