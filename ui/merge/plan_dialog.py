"""File › Merge a partner's copy…, once the copy is chosen: what merging it will bring (the
core's plan, in words), then **Merge** writes it, or Cancel leaves the return as it was.

The dialog merges through the session itself and says ``merged`` with the result; a refusal
at that point (the disk, an export started) is one message through ``ui/dialogs.py``. The copy
is only ever read, and is let go of however the dialog closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QWidget

from ..history.dialog_base import size_to_window
from ..session import Session
from .confirm import PlanDialog
from .plan_words import plan_how, plan_lines, plan_summary
from .session_part import MergePreview

TITLE = "Merge a partner's copy"


class MergePlanDialog(PlanDialog):
    """``merged`` carries the :class:`~stocktake_desktop.merge.MergeResult` once written."""

    merged = Signal(object)

    def __init__(self, session: Session, preview: MergePreview, parent: QWidget | None = None):
        plan = preview.plan
        super().__init__(
            TITLE,
            f"Merge {plan.copy} into {session.document.path.name}",
            preview,
            lambda: session.merge(preview),
            parent,
        )
        self.session = session
        self.summary.setText(plan_summary(plan))
        self.summary.setAccessibleName("What the merge will do")
        self.how = QLabel(plan_how(plan), self)
        self.how.setWordWrap(True)
        self.column.addWidget(self.how)
        self.list = QListWidget(self)
        self.list.setAccessibleName("What the merge will bring, a line each")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.addItems(plan_lines(session.document.template, plan))
        self.list.setVisible(self.list.count() > 0)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.column.addWidget(self.list, 1)
        self.merge_button = self.add_buttons("&Merge", nothing_to_do=plan.nothing_new)
        size_to_window(self, 80, 22)
        first = self.list if self.list.count() else self.cancel_button
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def written(self, result: object) -> None:
        self.merged.emit(result)
