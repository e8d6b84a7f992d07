"""One question as a card: number and text, status code, narrative, good practice, support.

The card only lays out and forwards: every change goes to the core through the session
(narratives after a pause in typing, at once on leaving the field).
"""

from __future__ import annotations

import html
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.document import Answer
from stocktake_desktop.fields import (
    FREE_TEXT_FIELDS,
    GOOD_PRACTICE,
    GOOD_PRACTICE_NOTE,
    NARRATIVE,
    SUPPORT_REQUIRED,
)
from stocktake_desktop.template import Question, Template

from ..debounce import Debouncer
from ..drops import dropped_evidence
from ..evidence_watch import EvidenceWatcher
from ..look.theme import info_icon, line_height, make_card, make_notice, set_relative_font
from ..session import Session
from .agreement_panel import AgreementPanel
from .code_chooser import CodeChooser
from .evidence_list import EvidenceList
from .line_edit import CleanLineEdit
from .narrative_edit import CountLabel, GrowingTextEdit

#: What find calls a match in the question's own text (the answer's fields go by their keys).
QUESTION_TEXT = "question"


class QuestionCard(QFrame):
    """The card for one question; ``go_to`` asks the view to show another question."""

    go_to = Signal(str)

    def __init__(
        self,
        question: Question,
        template: Template,
        session: Session,
        watcher: EvidenceWatcher,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.session = session
        ref = question.ref
        editable = not session.read_only
        make_card(self)
        self.setAccessibleName(f"Question {ref}")
        self.setAcceptDrops(editable)
        layout = QVBoxLayout(self)
        spacing = line_height(self) // 2
        layout.setSpacing(spacing)

        # number and text
        header = QHBoxLayout()
        self.number_label = QLabel(ref, self)
        set_relative_font(self.number_label, 1.3, bold=True)
        self.text_label = QLabel(question.text, self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_relative_font(self.text_label, 1.1, bold=True)
        header.addWidget(self.number_label, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.text_label, 1)
        self.history_button = QPushButton("History…", self)  # every version, restoring one
        self.history_button.setAccessibleName(f"{ref} history — {question.text}")
        self.history_button.setToolTip("Every version of this answer, and restoring one (Ctrl+H)")
        self.history_button.clicked.connect(self.show_history)
        header.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        # a question that follows on from another (6.10 after 6.9)
        self.depends_notice: QFrame | None = None
        self.depends_status: QLabel | None = None
        if question.depends_on:
            layout.addWidget(self._depends_notice(question, template))
        dependents = [q.ref for q in template.questions if q.depends_on == ref]
        if dependents:
            follows = QLabel(
                f"Question {', '.join(dependents)} follows on from your answer here.", self
            )
            follows.setWordWrap(True)
            layout.addWidget(follows)

        # status code
        self.chooser = CodeChooser(question, self)
        self.chooser.set_editable(editable)
        self.chooser.codes_changed.connect(self._codes_changed)
        layout.addWidget(self.chooser)

        # narrative
        self.narrative_label = QLabel(NARRATIVE.heading(template), self)
        self.narrative_label.setWordWrap(True)
        set_relative_font(self.narrative_label, 1.0, bold=True)
        self.narrative = GrowingTextEdit(min_lines=4, parent=self)
        self.narrative.setAccessibleName(f"{ref} {NARRATIVE.spoken}")
        self.narrative.setAccessibleDescription(question.text)
        self.narrative.setReadOnly(not editable)
        self.narrative_label.setBuddy(self.narrative)
        self.count = CountLabel(self.narrative, self)
        self.count.setAccessibleName(f"{ref} narrative length")
        layout.addWidget(self.narrative_label)
        layout.addWidget(self.narrative)
        layout.addWidget(self.count, 0, Qt.AlignmentFlag.AlignRight)

        # good practice, with its note and evidence
        self.good_practice = QCheckBox(GOOD_PRACTICE.heading(template), self)
        self.good_practice.setAccessibleName(f"{ref} {GOOD_PRACTICE.spoken}")
        self.good_practice.setEnabled(editable)
        self.good_practice.toggled.connect(self._good_practice_toggled)
        layout.addWidget(self.good_practice)
        self.note_label = QLabel(GOOD_PRACTICE_NOTE.heading(template), self)
        self.note_label.setWordWrap(True)
        self.note = CleanLineEdit(parent=self)
        self.note.setAccessibleName(f"{ref} {GOOD_PRACTICE_NOTE.spoken}")
        self.note.setReadOnly(not editable)
        self.note_label.setBuddy(self.note)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        self.evidence = EvidenceList(session, ref, watcher, self)
        layout.addWidget(self.evidence)

        # support required
        self.support_label = QLabel(SUPPORT_REQUIRED.heading(template), self)
        set_relative_font(self.support_label, 1.0, bold=True)
        self.support = GrowingTextEdit(min_lines=2, parent=self)
        self.support.setAccessibleName(f"{ref} {SUPPORT_REQUIRED.spoken}")
        self.support.setReadOnly(not editable)
        self.support_label.setBuddy(self.support)
        layout.addWidget(self.support_label)
        layout.addWidget(self.support)

        # where the partnership stands on the answer, and its actions
        self.agreement = AgreementPanel(question, session, self)
        layout.addWidget(self.agreement)

        # writing: after a pause in typing, and at once on leaving a field
        self._narrative_writer = Debouncer(self._write_narrative, parent=self)
        self._note_writer = Debouncer(self._write_note, parent=self)
        self._support_writer = Debouncer(self._write_support, parent=self)
        self.narrative.edited.connect(self._narrative_writer.poke)
        self.narrative.focus_left.connect(self._narrative_writer.flush)
        self.note.textEdited.connect(self._note_writer.poke)
        self.note.editingFinished.connect(self._note_writer.flush)
        self.support.edited.connect(self._support_writer.poke)
        self.support.focus_left.connect(self._support_writer.flush)
        session.on_flush(self.flush)
        self.destroyed.connect(lambda: session.forget_flush(self.flush))
        self.evidence.rows_changed.connect(self._order_evidence)
        self._order_evidence()
        self.load(session.document.answer(ref))

    def show_history(self) -> None:
        """The answer's history panel (ui/history/panel.py)."""
        from ..history.panel import open_history

        open_history(self, self.session, self.question.ref)

    # ------------------------------------------------------------------ the 6.10 link
    def _depends_notice(self, question: Question, template: Template) -> QFrame:
        other = template.question(question.depends_on or "")
        notice = QFrame(self)
        make_notice(notice)
        notice.setAccessibleName(f"{question.ref} follows on from {other.ref}")
        row = QHBoxLayout(notice)
        icon = QLabel(notice)
        size = line_height(self) * 2
        icon.setPixmap(info_icon(self).pixmap(size, size))
        column = QVBoxLayout()
        note = html.escape(question.depends_note)
        text = QLabel(f"<b>Follows on from {html.escape(other.ref)}.</b> {note}", notice)
        text.setWordWrap(True)
        self.depends_status = QLabel(notice)
        self.depends_status.setWordWrap(True)
        column.addWidget(text)
        column.addWidget(self.depends_status)
        button = QPushButton(f"Go to {other.ref}", notice)
        button.setAccessibleName(f"{question.ref}: go to question {other.ref}")
        button.clicked.connect(lambda: self.go_to.emit(other.ref))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.depends_notice = notice
        self.session.answer_changed.connect(self._source_changed)
        self._show_source_status()
        return notice

    def _source_changed(self, ref: str) -> None:
        if ref == self.question.depends_on and not self.session.closed:
            self._show_source_status()

    def _show_source_status(self) -> None:
        if self.depends_status is None or not self.question.depends_on:
            return
        source_ref = self.question.depends_on
        source = self.session.document.template.question(source_ref)
        codes = self.session.document.answer(source_ref).codes
        if codes:
            chosen = "; ".join(f"{c} - {source.label_for(c)}" for c in codes)
            self.depends_status.setText(f"{source_ref} is currently coded: {chosen}.")
        else:
            self.depends_status.setText(f"{source_ref} has no status code yet.")

    # ------------------------------------------------------------------ loading and writing
    def load(self, answer: Answer) -> None:
        """Show stored values without writing them back or creating undo steps."""
        self.chooser.set_codes_silently(answer.codes)
        self.narrative.set_text_silently(answer.narrative)
        self.good_practice.blockSignals(True)
        self.good_practice.setChecked(answer.good_practice)
        self.good_practice.blockSignals(False)
        self.note.setText(answer.good_practice_note)
        self.support.set_text_silently(answer.support_required)

    def flush(self) -> None:
        """Write any typing still waiting for its pause."""
        self._narrative_writer.flush()
        self._note_writer.flush()
        self._support_writer.flush()

    def _write_narrative(self) -> None:
        self.session.set_narrative(self.question.ref, self.narrative.toPlainText())

    def _write_note(self) -> None:
        self.session.set_good_practice_note(self.question.ref, self.note.text())

    def _write_support(self) -> None:
        self.session.set_support_required(self.question.ref, self.support.toPlainText())

    def _codes_changed(self, codes: tuple[int, ...]) -> None:
        self.session.set_codes(self.question.ref, codes)

    def _good_practice_toggled(self, checked: bool) -> None:
        self.session.set_good_practice(self.question.ref, checked)

    # ------------------------------------------------------------------ focus and find
    def _order_evidence(self) -> None:
        """Evidence rows made after the card still tab in place: note, rows, Attach, support,
        then the agreement."""
        chain: list[QWidget] = [self.note]
        for row in self.evidence.rows:
            chain += row.buttons
        chain += [self.evidence.add_button, self.support, *self.agreement.choices.values()]
        chain += [self.agreement.note, self.agreement.add_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def inputs(self) -> list[QWidget]:
        """The card's inputs in tab order."""
        widgets: list[QWidget] = [self.history_button, *self.chooser.tab_stops()]
        widgets.append(self.chooser.clear_button)
        widgets += [self.narrative, self.good_practice, self.note]
        for row in self.evidence.rows:
            widgets += row.buttons
        widgets += [self.evidence.add_button, self.support, *self.agreement.tab_stops()]
        return widgets

    def field_widget(self, field: str) -> QLabel | CleanLineEdit | GrowingTextEdit:
        """The widget showing ``field``: :data:`QUESTION_TEXT` or a free-text answer field's
        key (:data:`~stocktake_desktop.fields.FREE_TEXT_FIELDS`)."""
        widgets: dict[str, QLabel | CleanLineEdit | GrowingTextEdit] = {
            QUESTION_TEXT: self.text_label,
            NARRATIVE.key: self.narrative,
            GOOD_PRACTICE_NOTE.key: self.note,
            SUPPORT_REQUIRED.key: self.support,
        }
        return widgets[field]

    def searchable(self) -> list[tuple[str, str]]:
        """(field, text) pairs that find looks through: the question, then the answer's free
        text, named by their keys."""
        pairs = [(QUESTION_TEXT, self.question.text)]
        for field in FREE_TEXT_FIELDS:
            widget = self.field_widget(field.key)
            text = widget.toPlainText() if isinstance(widget, GrowingTextEdit) else widget.text()
            pairs.append((field.key, text))
        return pairs

    def highlight(self, field: str, start: int, length: int) -> QWidget:
        """Mark a found text; returns the widget to scroll to."""
        self.clear_highlight()
        editor = self.field_widget(field)
        if isinstance(editor, QLabel | CleanLineEdit):
            editor.setSelection(start, length)
            return editor
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(editor.document())
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[attr-defined]
        fmt = QTextCharFormat()
        fmt.setBackground(editor.palette().brush(QPalette.ColorRole.Highlight))
        fmt.setForeground(editor.palette().brush(QPalette.ColorRole.HighlightedText))
        selection.format = fmt  # type: ignore[attr-defined]
        editor.setExtraSelections([selection])
        return editor

    def clear_highlight(self) -> None:
        self.narrative.setExtraSelections([])
        self.support.setExtraSelections([])

    # ------------------------------------------------------------------ dropping files
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_evidence(event.mimeData()) and not self.session.read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_evidence(event.mimeData()) and not self.session.read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_evidence(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.evidence.add_files(files)
