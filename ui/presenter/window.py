"""The presenter view's window: the question panel, the lines at its foot, and the keys.

A window of its own, so that with a projector as a second screen it goes there (full screen)
while the main window stays on the laptop; with one screen it covers the main window. It
reads the return through the session and writes only through it: statuses
(``set_agreement``), actions (``add_action``) and the narrative, edited in place and written
after a pause in typing like everywhere else (:class:`~ui.debounce.Debouncer`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from stocktake_desktop.document.models import Action, AnswerChange
from stocktake_desktop.template import Question

from ..debounce import Debouncer
from ..look.theme import line_height
from ..look.zoom import Zoom, ZoomKeys
from ..meeting.action_dialog import ActionDialog, open_action_dialog
from ..pages.last_question import remember_visit
from ..session import Session
from . import texts
from .contrast import apply_contrast
from .keys import HELP_LINE, JUMP_HELP, Command, JumpEntry, command_for, find_question
from .panel import QuestionPanel
from .screens import move_to_next_screen, show_on_projector
from .type_sizes import dress_dialog, follow_zoom, set_type

EDIT_HELP = "Editing the assessment: it is saved as you type · Esc or Ctrl+Enter finishes"
READ_ONLY = "This return is open read-only, so nothing can be changed here."


def _foot_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    set_type(label, "foot", bold=True)
    return label


class PresenterWindow(QWidget):
    """``closed`` (the ref last shown) when it closes; ``answer_written`` (a ref) after an
    edit reached the return; ``contrast_changed`` when H switches high contrast."""

    closed = Signal(str)
    answer_written = Signal(str)
    contrast_changed = Signal(bool)

    def __init__(
        self,
        session: Session,
        zoom: Zoom,
        *,
        start_ref: str = "",
        high_contrast: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.template = session.document.template
        self.questions: tuple[Question, ...] = self.template.questions
        refs = [q.ref for q in self.questions]
        self.index = refs.index(start_ref) if start_ref in refs else 0
        self.high_contrast = high_contrast
        self.editing = False
        self.jump = JumpEntry()
        self._changed: dict[str, tuple[str, ...]] | None = None
        self._actions: list[Action] | None = None
        self._closed = False
        self.setWindowTitle(f"Presenter view — {session.document.locality}")
        self.setAccessibleName("Presenter view")
        self.setAutoFillBackground(True)

        layout = QVBoxLayout(self)
        gap = line_height(self)
        layout.setContentsMargins(gap, gap // 2, gap, gap // 2)
        layout.setSpacing(gap // 2)
        self.position = _foot_label(self, "Where you are")
        layout.addWidget(self.position)
        self.panel = QuestionPanel(self.template, self)
        self.panel.key_handler = self._key
        layout.addWidget(self.panel, 1)
        self.jump_line = _foot_label(self, "Go to question")
        self.jump_line.hide()
        self.message = _foot_label(self, "Message")
        self.message.hide()
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        self.help_line = _foot_label(self, "Keys")
        self.help_line.setText(HELP_LINE)
        for widget in (self.jump_line, self.message, rule, self.help_line):
            layout.addWidget(widget)

        self._writer = Debouncer(self._write_narrative, parent=self)
        narrative = self.panel.narrative
        narrative.edited.connect(self._writer.poke)
        narrative.focus_left.connect(self._narrative_left)
        narrative.finish_requested.connect(self.finish_editing)
        narrative.cursor_rect_changed.connect(self.panel.reveal_cursor)
        session.on_flush(self._writer.flush)
        session.answer_changed.connect(self._answer_changed)
        session.agreement_changed.connect(self._agreement_changed)
        session.actions_changed.connect(self._actions_changed)
        session.meeting_changed.connect(self._meeting_changed)
        self.zoom = zoom
        ZoomKeys(zoom, self)
        zoom.changed.connect(self._zoom_changed)
        apply_contrast(self, high_contrast)
        self.show_current()

    # ------------------------------------------------------------------ showing
    @property
    def question(self) -> Question:
        return self.questions[self.index]

    def show_current(self) -> None:
        """Show the current question, with its status, changes and actions."""
        question = self.question
        answer = self.session.document.answer(question.ref)
        section = self.template.section(question.section_number)
        where = f"Question {self.index + 1} of {len(self.questions)} · {section.heading}"
        meeting = texts.meeting_text(self.session.current_meeting)
        self.position.setText(f"{where} · {meeting}")
        self.panel.show_question(question, answer, where)
        self._show_status()
        self._show_actions()

    def _show_status(self) -> None:
        ref = self.question.ref
        meeting = self.session.current_meeting
        agreement = self.session.agreement(ref)
        fell_back = self.session.fell_back(ref)
        self.panel.show_agreement(texts.agreement_text(agreement, meeting, fell_back))
        keys = self._changed_refs().get(ref) if meeting is not None else None
        self.panel.show_changed(texts.changed_text(keys) if keys else "")

    def _show_actions(self) -> None:
        if self._actions is None:
            self._actions = self.session.actions()
        ref = self.question.ref
        self.panel.show_actions(ref, [a for a in self._actions if a.ref == ref])

    def _changed_refs(self) -> dict[str, tuple[str, ...]]:
        """The answers changed in the meeting under way (kept until something changes)."""
        if self._changed is None:
            meeting = self.session.current_meeting
            changes: list[AnswerChange] = []
            if meeting is not None:
                changes = self.session.changes_in_meeting(meeting.id)
            self._changed = texts.changed_fields(changes)
        return self._changed

    def say(self, text: str) -> None:
        """A line under the question saying what a key did (or why it did nothing)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------------ moving
    def go_to_index(self, index: int) -> None:
        index = max(0, min(len(self.questions) - 1, index))
        if index != self.index:
            self.index = index
            self.say("")
            self.show_current()

    def go_to(self, ref: str) -> bool:
        refs = [q.ref for q in self.questions]
        if ref not in refs:
            return False
        self.go_to_index(refs.index(ref))
        return True

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        """Act on a key press that reached the panel or the window; True when it was used."""
        command = command_for(event)
        if self.editing:  # the editor keeps its keys; only leaving reaches here
            if command is Command.LEAVE and event.key() == Qt.Key.Key_F5:
                self.close()
                return True
            return False
        if self.jump.active or self.jump.starts_with(event):
            if self._jump_key(event):
                return True
            self.jump.cancel()  # any other key puts the number away and does its own thing
            self._show_jump()
        if command is None:
            return False
        self._run(command)
        return True

    def _run(self, command: Command) -> None:
        moves = {
            Command.NEXT: self.index + 1,
            Command.PREVIOUS: self.index - 1,
            Command.FIRST: 0,
            Command.LAST: len(self.questions) - 1,
        }
        if command in moves:
            self.go_to_index(moves[command])
        elif command in (Command.AGREED, Command.NEEDS_WORK, Command.DRAFT):
            self.set_status(command.value)
        elif command is Command.ACTION:
            self.add_action()
        elif command is Command.GO_TO:
            self.jump.start()
            self._show_jump()
        elif command is Command.EDIT:
            self.start_editing()
        elif command is Command.CONTRAST:
            self.set_high_contrast(not self.high_contrast)
        elif command is Command.OTHER_SCREEN:
            self.move_to_other_screen()
        elif command is Command.FULL_SCREEN:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif command is Command.LEAVE:
            self.close()

    def _jump_key(self, event: QKeyEvent) -> bool:
        """Typing a question's number: digits, the dot, Backspace, Enter and Esc."""
        if not self.jump.active:
            self.jump.start()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            typed = self.jump.text
            self.jump.cancel()
            self._show_jump()
            ref = find_question(self.template, typed) if typed else None
            if ref is not None:
                self.go_to(ref)
            elif typed:
                first, last = self.questions[0].ref, self.questions[-1].ref
                self.say(f"There is no question {typed}. Questions run from {first} to {last}.")
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.jump.cancel()
            self._show_jump()
            return True
        used = self.jump.type(event)
        self._show_jump()
        return used

    def _show_jump(self) -> None:
        self.jump_line.setVisible(self.jump.active)
        self.jump_line.setText(f"Go to question: {self.jump.text}▏ {JUMP_HELP}")

    # ------------------------------------------------------------------ agreement and actions
    def _can_change(self) -> bool:
        if self.session.read_only:
            self.say(READ_ONLY)
            return False
        return True

    def set_status(self, status: str) -> None:
        """Set the current answer's agreement (A, N, D)."""
        if not self._can_change():
            return
        ref = self.question.ref
        if self.session.set_agreement(ref, status):
            self.say(f"{ref} {texts.STATUS_DONE[status]}.")
        self._show_status()

    def add_action(self) -> ActionDialog | None:
        """Open the action dialog for the current question (T): what, owner, due date."""
        if not self._can_change():
            return None
        ref = self.question.ref
        dialog = open_action_dialog(self, self.session, ref, dress=self._dress)
        if dialog is None:
            return None
        dialog.accepted.connect(lambda: self.say(f"Action added on {ref}."))
        dialog.finished.connect(lambda _result: self._take_focus())
        return dialog

    def _dress(self, dialog: QWidget) -> None:
        """A dialog over the presenter view: its type size and its contrast."""
        dress_dialog(dialog)
        apply_contrast(dialog, self.high_contrast)

    def _take_focus(self) -> None:
        self.activateWindow()
        self.panel.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ editing in place
    def start_editing(self) -> None:
        """Put the narrative into an editor (E or Enter)."""
        if not self._can_change():
            return
        self.editing = True
        narrative = self.panel.narrative
        narrative.set_editing(True)
        narrative.setFocus(Qt.FocusReason.OtherFocusReason)
        narrative.moveCursor(narrative.textCursor().MoveOperation.End)
        self.panel.reveal_cursor()
        self.help_line.setText(EDIT_HELP)
        self.say("")

    def finish_editing(self) -> None:
        """Write what was typed and show the answer again (Esc, Ctrl+Enter, leaving)."""
        if not self.editing:
            return
        self._writer.flush()
        self.editing = False
        self.panel.narrative.set_editing(False)
        self.help_line.setText(HELP_LINE)
        question = self.question
        self.panel.show_answer(question, self.session.document.answer(question.ref))
        self._show_status()
        self.panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def _narrative_left(self) -> None:
        self._writer.flush()
        now = QApplication.focusWidget()
        if self.editing and now is not None and self.isAncestorOf(now):
            self.finish_editing()  # Tab moved on within the presenter view

    def _write_narrative(self) -> None:
        ref = self.question.ref
        if self.session.set_narrative(ref, self.panel.narrative.toPlainText()):
            self.answer_written.emit(ref)

    # ------------------------------------------------------------------ the return changing
    def _answer_changed(self, ref: str) -> None:
        self._changed = None
        if self.session.closed or ref != self.question.ref:
            return
        if not self.editing:
            self.panel.show_answer(self.question, self.session.document.answer(ref))
        self._show_status()  # an agreed answer edited falls back to draft

    def _agreement_changed(self, ref: str) -> None:
        if not self.session.closed and ref == self.question.ref:
            self._show_status()

    def _actions_changed(self) -> None:
        self._actions = None
        if not self.session.closed:
            self._show_actions()

    def _meeting_changed(self) -> None:
        self._changed = None
        if not self.session.closed and not self.editing:
            self.show_current()

    # ------------------------------------------------------------------ look and screens
    def _zoom_changed(self, _factor: float) -> None:
        follow_zoom(self)

    def set_high_contrast(self, high: bool) -> None:
        self.high_contrast = high
        apply_contrast(self, high)
        self.say("High contrast on." if high else "High contrast off.")
        self.contrast_changed.emit(high)

    def present(self) -> None:
        """Show full screen on the projector (the screen the main window is not on)."""
        owner = self.parentWidget()
        show_on_projector(self, owner.screen() if owner is not None else None)
        self.panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_to_other_screen(self) -> None:
        """M: the next screen, when there are two or more."""
        target = move_to_next_screen(self)
        if target is None:
            self.say("Only one screen is connected, so the presenter view stays here.")
        else:
            self.say(f"Moved to the screen {target}.")

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            super().closeEvent(event)
            return
        self._closed = True
        self.finish_editing()
        self._writer.flush()
        self.session.forget_flush(self._writer.flush)
        for signal, slot in (
            (self.session.answer_changed, self._answer_changed),
            (self.session.agreement_changed, self._agreement_changed),
            (self.session.actions_changed, self._actions_changed),
            (self.session.meeting_changed, self._meeting_changed),
            (self.zoom.changed, self._zoom_changed),
        ):
            signal.disconnect(slot)
        remember_visit(self.parentWidget(), self.question.ref)  # where the meeting got to
        self.closed.emit(self.question.ref)
        super().closeEvent(event)
