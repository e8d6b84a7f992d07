"""One question in large type: number and text, agreement, what changed in the meeting, the
code list with the chosen codes marked in words, the answer and the question's actions.

The panel scrolls up and down only: every text wraps (an answer's over-long word too), so at
any zoom nothing is cut off at the side. Its widgets are made once and refilled for each
question, so moving between questions is quick.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextOption
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QWidget

from stocktake_desktop.document import Answer
from stocktake_desktop.document.models import Action
from stocktake_desktop.fields import GOOD_PRACTICE, NARRATIVE, SUPPORT_REQUIRED
from stocktake_desktop.template import Question, Template

from ..look.theme import line_height
from ..widgets.agreement_panel import action_line
from ..widgets.narrative_edit import GrowingTextEdit
from . import texts
from .type_sizes import set_type


class AnswerText(GrowingTextEdit):
    """An answer's text in large type: shown read-only, or edited in place (the narrative).
    Esc or Ctrl+Enter asks to finish editing (``finish_requested``)."""

    finish_requested = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(min_lines=1, parent=parent)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setPlaceholderText(placeholder)
        self.setFrameShape(QFrame.Shape.NoFrame)
        set_type(self, "body")
        self.set_editing(False)

    def set_editing(self, editing: bool) -> None:
        self.setReadOnly(not editing)
        self.setFrameShape(QFrame.Shape.Box if editing else QFrame.Shape.NoFrame)
        self.setLineWidth(max(2, line_height(self) // 10) if editing else 0)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if editing else Qt.FocusPolicy.NoFocus)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextEditorInteraction
            if editing
            else Qt.TextInteractionFlag.NoTextInteraction
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() == Qt.Key.Key_Escape or (
            enter and modifiers == Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            self.finish_requested.emit()
            return
        super().keyPressEvent(event)


def _label(parent: QWidget, kind: str, *, bold: bool = False, name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_type(label, kind, bold=bold)
    if name:
        label.setAccessibleName(name)
    return label


class QuestionPanel(QScrollArea):
    """The question shown; ``key_handler`` sees each key press first (True: it took it)."""

    def __init__(self, template: Template, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        content = QWidget(self)
        self.content = content
        self.column = column = QGridLayout(content)
        column.setColumnStretch(0, 1)
        self._row = 0
        gap = line_height(self)

        heading = QHBoxLayout()
        heading.setSpacing(gap)
        self.number = _label(content, "number", bold=True, name="Question number")
        self.number.setWordWrap(False)
        self.question_text = _label(content, "question", bold=True, name="Question text")
        heading.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(self.question_text, 1)
        self._add(heading)

        self.agreement = _label(content, "body", bold=True, name="Agreement status")
        self.agreement.setFrameShape(QFrame.Shape.Box)
        self.agreement.setMargin(gap // 3)
        self.changed = _label(content, "body", bold=True, name="Changed in this meeting")
        self._add(self.agreement)
        self._add(self.changed)

        self.codes_heading = _label(content, "body", bold=True, name="Status code")
        self._add(self.codes_heading)
        self.codes_grid = QGridLayout()
        self.codes_grid.setColumnStretch(1, 1)
        self.codes_grid.setHorizontalSpacing(gap)
        self._code_rows: list[tuple[QLabel, QLabel]] = []
        self._add(self.codes_grid)

        self.narrative_heading = _label(content, "body", bold=True)
        self.narrative_heading.setText(NARRATIVE.heading(template))
        self.narrative = AnswerText("No assessment written yet.", content)
        self._add(self.narrative_heading)
        self._add(self.narrative)

        self.good_practice = _label(content, "body", bold=True, name="Good practice")
        self.note = AnswerText("", content)
        self._add(self.good_practice)
        self._add(self.note)

        self.support_heading = _label(content, "body", bold=True)
        self.support_heading.setText(SUPPORT_REQUIRED.heading(template))
        self.support = AnswerText("None given.", content)
        self._add(self.support_heading)
        self._add(self.support)

        self.actions_heading = _label(content, "body", bold=True, name="Actions")
        self._add(self.actions_heading)
        self._action_labels: list[QLabel] = []
        column.setRowStretch(self._row, 1)
        self.setWidget(content)

    def _add(self, item: QWidget | QGridLayout | QHBoxLayout) -> None:
        if isinstance(item, QWidget):
            self.column.addWidget(item, self._row, 0)
        else:
            self.column.addLayout(item, self._row, 0)
        self._row += 1

    # ------------------------------------------------------------------ showing a question
    def show_question(self, question: Question, answer: Answer, position: str) -> None:
        """Fill the panel with ``question`` and its ``answer`` (the status lines and actions
        are set with :meth:`show_agreement`, :meth:`show_changed`, :meth:`show_actions`)."""
        ref = question.ref
        self.number.setText(ref)
        self.question_text.setText(question.text)
        name = f"Question {ref}: {question.text}"
        self.setAccessibleName(name)
        self.setAccessibleDescription(position)
        self.codes_heading.setText(texts.code_hint(question))
        self.codes_heading.setAccessibleDescription(texts.codes_summary(question, answer))
        self.show_answer(question, answer)
        self.verticalScrollBar().setValue(0)

    def show_answer(self, question: Question, answer: Answer) -> None:
        """The answer's texts (after an edit, without moving the page)."""
        ref = question.ref
        self.narrative.set_text_silently(answer.narrative)
        self.narrative.setAccessibleName(f"{ref} {NARRATIVE.spoken}: {question.text}")
        good = answer.good_practice or bool(answer.good_practice_note)
        self.good_practice.setVisible(good)
        self.note.setVisible(bool(answer.good_practice_note))
        if good:
            ticked = "ticked" if answer.good_practice else "not ticked"
            self.good_practice.setText(f"{GOOD_PRACTICE.label} example: {ticked}")
            self.note.set_text_silently(answer.good_practice_note)
            self.note.setAccessibleName(f"{ref} good practice note")
        self.support.set_text_silently(answer.support_required)
        self.support.setAccessibleName(f"{ref} {SUPPORT_REQUIRED.spoken}")
        self._fill_codes(ref, texts.code_rows(question, answer))

    def _fill_codes(self, ref: str, rows: list[tuple[str, str]]) -> None:
        content = self.content
        while len(self._code_rows) < len(rows):
            row = len(self._code_rows)
            mark = _label(content, "body", bold=True)
            mark.setWordWrap(False)
            text = _label(content, "body")
            self.codes_grid.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            self.codes_grid.addWidget(text, row, 1)
            self._code_rows.append((mark, text))
        for index, (mark, text) in enumerate(self._code_rows):
            shown = index < len(rows)
            mark.setVisible(shown)
            text.setVisible(shown)
            if not shown:
                continue
            chosen, words = rows[index]
            mark.setText(chosen)
            text.setText(words)
            set_type(text, "body", bold=bool(chosen))
            text.setAccessibleName(f"{ref} code {words}" + (", chosen" if chosen else ""))

    def show_agreement(self, text: str) -> None:
        self.agreement.setText(text)

    def show_changed(self, text: str) -> None:
        self.changed.setText(text)
        self.changed.setVisible(bool(text))

    def show_actions(self, ref: str, actions: list[Action]) -> None:
        self.actions_heading.setText(
            f"Actions on {ref}" if actions else f"No actions on {ref} yet (T adds one)."
        )
        while len(self._action_labels) < len(actions):
            label = _label(self.content, "body")
            self.column.addWidget(label, self._row, 0)
            self.column.setRowStretch(self._row, 0)
            self._row += 1
            self.column.setRowStretch(self._row, 1)
            self._action_labels.append(label)
        for label, action in zip(self._action_labels, actions, strict=False):
            label.setText(f"• {action_line(action)}")
        for index, label in enumerate(self._action_labels):
            label.setVisible(index < len(actions))

    # ------------------------------------------------------------------ keys and scrolling
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def reveal_cursor(self) -> None:
        """Keep the narrative's cursor in view while it is edited."""
        rect = self.narrative.cursorRect()
        where = self.narrative.viewport().mapTo(self.content, rect.center())
        margin = line_height(self.narrative) * 2
        self.ensureVisible(where.x(), where.y(), margin, margin)
