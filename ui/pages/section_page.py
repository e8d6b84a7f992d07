"""A section of the stocktake: its guidance (collapsible), then one card per question."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from stocktake_desktop.template import APP_GUIDANCE_LABEL, Section, Template

from ..evidence_watch import EvidenceWatcher
from ..look.theme import em, set_relative_font
from ..session import Session
from ..widgets.narrative_edit import GrowingTextEdit
from ..widgets.question_card import QuestionCard
from .scroll_page import ScrollPage


class SectionPage(ScrollPage):
    """``go_to`` forwards a card's request to show another question."""

    go_to = Signal(str)

    def __init__(
        self,
        section: Section,
        template: Template,
        session: Session,
        watcher: EvidenceWatcher,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(section.heading, parent)
        self.section = section
        parent_widget = self.column_widget
        heading = self.add_bold_label(section.heading, 1.6, wrap=True)
        heading.setAccessibleName(f"Section {section.heading}")

        self.guidance_toggle = QToolButton(parent_widget)
        self.guidance_toggle.setText("Guidance for this section")
        self.guidance_toggle.setCheckable(True)
        self.guidance_toggle.setChecked(True)
        self.guidance_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.guidance_toggle.setAccessibleName(f"Section {section.number} guidance: shown")
        self.guidance_toggle.toggled.connect(self._toggle_guidance)
        self.column.addWidget(self.guidance_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.guidance = QWidget(parent_widget)
        box = QVBoxLayout(self.guidance)
        box.setContentsMargins(0, 0, 0, 0)
        label = QLabel(APP_GUIDANCE_LABEL, self.guidance)
        label.setWordWrap(True)
        set_relative_font(label, 0.95, bold=True)
        text = QLabel(section.app_guidance, self.guidance)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(label)
        box.addWidget(text)
        self.column.addWidget(self.guidance)

        self.cards: dict[str, QuestionCard] = {}
        for question in section.questions:
            card = QuestionCard(question, template, session, watcher, parent_widget)
            card.go_to.connect(self.go_to)
            for editor in (card.narrative, card.support):
                editor.cursor_rect_changed.connect(lambda e=editor: self._follow_cursor(e))
            if question.depends_on:  # set in under the question it follows on from
                row = QHBoxLayout()
                row.addSpacing(em(self, 4))
                row.addWidget(card)
                self.column.addLayout(row)
            else:
                self.column.addWidget(card)
            self.cards[question.ref] = card
        self.column.addStretch(1)

    def inputs(self) -> list[QWidget]:
        widgets: list[QWidget] = [self.guidance_toggle]
        for card in self.cards.values():
            widgets += card.inputs()
        return widgets

    def show_card(self, ref: str) -> QuestionCard:
        card = self.cards[ref]
        self.scroll_to(card)
        return card

    def _toggle_guidance(self, shown: bool) -> None:
        self.guidance.setVisible(shown)
        self.guidance_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        state = "shown" if shown else "hidden"
        self.guidance_toggle.setAccessibleName(f"Section {self.section.number} guidance: {state}")

    def _follow_cursor(self, editor: GrowingTextEdit) -> None:
        if editor.hasFocus():
            rect = editor.cursorRect()
            self.reveal(editor.viewport(), QPoint(rect.center().x(), rect.center().y()))
