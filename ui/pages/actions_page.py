"""The Actions page: every action of the return, to sort, filter, tick off and follow up.

Filters by owner, question and status, and a sort order, are choices above the table (the
column headings sort too). In the table Enter or a double click goes to the action's question,
Space marks the action done (or open again), F2 changes its status in place, and **Change…**
changes any of its details.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.document.models import ACTION_STATUSES, Action

from ..look.theme import line_height, set_relative_font
from ..session import Session
from .actions_model import (
    ACTION_ROLE,
    COLUMNS,
    DUE,
    ID,
    OWNER,
    QUESTION,
    STATUS,
    STATUS_WORDS,
    TEXT,
    ActionsFilter,
    ActionsModel,
)

TITLE = "Actions"
SORTS: tuple[tuple[str, int], ...] = (
    ("Number", ID),
    ("Question", QUESTION),
    ("Owner", OWNER),
    ("Due date", DUE),
    ("Status", STATUS),
)
KEYS = "Enter goes to the action's question; Space marks it done or open; F2 changes its status."


def summary(total: int, shown: list[Action]) -> str:
    """ "2 actions: 1 open, 1 done.", or with filters "1 of 2 actions shown: 1 open, 0 done."
    (the counts are of the actions shown)."""
    if not total:
        return "No actions yet. Add one from any question with Add action… or Ctrl+Shift+A."
    done = sum(1 for a in shown if a.status == "done")
    counts = f"{len(shown) - done} open, {done} done."
    actions = f"action{'s' if total != 1 else ''}"
    if len(shown) == total:
        return f"{total} {actions}: {counts}"
    if not shown:
        return f"0 of {total} {actions} shown."
    return f"{len(shown)} of {total} {actions} shown: {counts}"


class _StatusDelegate(QStyledItemDelegate):
    """The status cell is edited with a choice of Open or Done."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        box = QComboBox(parent)
        for status in ACTION_STATUSES:
            box.addItem(STATUS_WORDS[status], status)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(
        self, editor: QWidget, model: object, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QComboBox) and hasattr(model, "setData"):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ActionsTable(QTableView):
    """``toggle`` on Space (the highlighted row's action). The current row is always the
    highlighted one: Qt's own focus-in and a filtered-out row move the current cell without
    selecting it, which would leave Space acting on a row nobody can see."""

    toggle = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        chosen = self.selectionModel().selectedRows()
        model = self.model()
        if not chosen and model is not None and model.rowCount() > 0:
            self.setCurrentIndex(model.index(0, max(0, self.currentIndex().column())))

    def currentChanged(
        self,
        current: QModelIndex | QPersistentModelIndex,
        previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().currentChanged(current, previous)
        selection = self.selectionModel()
        if current.isValid() and not selection.isRowSelected(current.row(), current.parent()):
            flags = QItemSelectionModel.SelectionFlag
            selection.select(current, flags.ClearAndSelect | flags.Rows)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.state() != self.State.EditingState:
            event.accept()
            self.toggle.emit()
            return
        super().keyPressEvent(event)


class ActionsPage(QWidget):
    """``go_to`` asks the view to show a question."""

    go_to = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName(TITLE)
        layout = QVBoxLayout(self)
        heading = QLabel(TITLE, self)
        set_relative_font(heading, 1.6, bold=True)
        layout.addWidget(heading)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Actions summary")
        layout.addWidget(self.summary)

        self.model = ActionsModel(session, self)
        self.proxy = ActionsFilter(self)
        self.proxy.setSourceModel(self.model)
        grid = QGridLayout()
        self.owner = self._choice(grid, 0, 0, "&Owner:", "Show the actions of")
        self.question = self._choice(grid, 0, 2, "&Question:", "Show the actions on")
        self.status = self._choice(grid, 1, 0, "S&tatus:", "Show actions that are")
        self.sort = self._choice(grid, 1, 2, "So&rt by:", "Sort the actions by")
        for text, column in SORTS:
            self.sort.addItem(text, column)
        grid.setColumnStretch(4, 1)
        layout.addLayout(grid)

        self.table = ActionsTable(self)
        self.table.setAccessibleName("Actions table")
        self.table.setAccessibleDescription(KEYS)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ID, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setItemDelegateForColumn(STATUS, _StatusDelegate(self.table))
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            mode = QHeaderView.ResizeMode.ResizeToContents
            if column == TEXT:
                mode = QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(column, mode)
        header.sortIndicatorChanged.connect(self._sorted_by_header)
        self.table.activated.connect(self._activated)
        self.table.toggle.connect(self.toggle_current)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.go_button = QPushButton("&Go to question", self)
        self.done_button = QPushButton("&Mark done", self)
        self.change_button = QPushButton("&Change…", self)
        self.change_button.setAccessibleName("Change the action")
        for button in (self.go_button, self.done_button, self.change_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.hint = QLabel(KEYS, self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.go_button.clicked.connect(self.go_to_current)
        self.done_button.clicked.connect(self.toggle_current)
        self.change_button.clicked.connect(self.change_current)

        self.owner.activated.connect(lambda _i: self._filter())
        self.question.activated.connect(lambda _i: self._filter())
        self.status.activated.connect(lambda _i: self._filter())
        self.sort.activated.connect(lambda _i: self._sort_chosen())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        self.model.modelReset.connect(self.refresh)
        self.model.dataChanged.connect(lambda *_: self.refresh())
        self.table.setMinimumHeight(line_height(self) * 6)
        self.refresh()

    def _choice(self, grid: QGridLayout, row: int, column: int, label: str, name: str) -> QComboBox:
        text = QLabel(label, self)
        box = QComboBox(self)
        box.setAccessibleName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        text.setBuddy(box)
        grid.addWidget(text, row, column)
        grid.addWidget(box, row, column + 1, Qt.AlignmentFlag.AlignLeft)
        return box

    # ------------------------------------------------------------------ filling
    def refresh(self) -> None:
        """The summary, the filters' choices (keeping what is chosen) and the buttons."""
        if self.session.closed:
            return
        actions = self.model.actions
        self._summarise()
        owners = sorted({a.owner for a in actions if a.owner}, key=str.casefold)
        self._fill(self.owner, [("Everyone", ""), *((o, o) for o in owners)])
        template = self.session.document.template
        refs = {a.ref for a in actions}
        ordered = [q.ref for q in template.questions if q.ref in refs]
        self._fill(self.question, [("All questions", ""), *((r, r) for r in ordered)])
        self._fill(
            self.status, [("Open and done", ""), *((STATUS_WORDS[s], s) for s in ACTION_STATUSES)]
        )
        self._buttons()

    def _summarise(self) -> None:
        actions = self.model.actions
        shown = [a for a in actions if self.proxy.accepts(a)]
        self.summary.setText(summary(len(actions), shown))

    @staticmethod
    def _fill(box: QComboBox, choices: list[tuple[str, str]]) -> None:
        if [(box.itemText(i), box.itemData(i)) for i in range(box.count())] == choices:
            return
        chosen = box.currentData() or ""
        box.clear()
        for text, value in choices:
            box.addItem(text, value)
        box.setCurrentIndex(max(0, box.findData(chosen)))

    def _buttons(self) -> None:
        action = self.current_action()
        editable = not self.session.read_only
        self.go_button.setEnabled(action is not None)
        self.change_button.setEnabled(action is not None and editable)
        self.done_button.setEnabled(action is not None and editable)
        self.done_button.setText(
            "&Mark open again" if action is not None and action.status == "done" else "&Mark done"
        )

    # ------------------------------------------------------------------ filtering, sorting
    def _filter(self) -> None:
        self.proxy.set_filter(
            owner=str(self.owner.currentData() or ""),
            ref=str(self.question.currentData() or ""),
            status=str(self.status.currentData() or ""),
        )
        self._summarise()
        self._buttons()

    def set_filter(self, *, owner: str = "", ref: str = "", status: str = "") -> None:
        """Choose the filters (as the choices above the table do)."""
        for box, value in ((self.owner, owner), (self.question, ref), (self.status, status)):
            box.setCurrentIndex(max(0, box.findData(value)))
        self._filter()

    def _sort_chosen(self) -> None:
        column = int(self.sort.currentData())
        self.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)

    def _sorted_by_header(self, column: int, _order: Qt.SortOrder) -> None:
        index = self.sort.findData(column)
        if index >= 0:
            self.sort.setCurrentIndex(index)

    # ------------------------------------------------------------------ the current action
    def current_action(self) -> Action | None:
        """The highlighted row's action (None when no row is highlighted)."""
        chosen = self.table.selectionModel().selectedRows()
        if not chosen:
            return None
        action = chosen[0].data(ACTION_ROLE)
        return action if isinstance(action, Action) else None

    def go_to_current(self) -> None:
        action = self.current_action()
        if action is not None:
            self.go_to.emit(action.ref)

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        action = index.data(ACTION_ROLE) if index.isValid() else None
        if isinstance(action, Action):
            self.go_to.emit(action.ref)

    def toggle_current(self) -> None:
        action = self.current_action()
        if action is not None and not self.session.read_only:
            status = "open" if action.status == "done" else "done"
            self.session.update_action(action.id, status=status)

    def change_current(self) -> None:
        action = self.current_action()
        if action is not None:
            from ..meeting.action_dialog import open_action_dialog

            open_action_dialog(self, self.session, action.ref, action)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.proxy.rowCount() > 0:
            self.table.setCurrentIndex(self.proxy.index(0, 0))
