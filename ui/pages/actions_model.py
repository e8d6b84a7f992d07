"""The actions as a table (id, question, action, owner, due, status) and its filter.

Each cell also has a sort key (:data:`SORT_ROLE`): ids and questions sort by number (4.10
after 4.9), due dates by date with undated ones last. The status cell is editable ("open" or
"done"); the change goes through the session like every other.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document.models import ACTION_STATUSES, Action

from ..session import Session

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("No.", "Question", "Action", "Owner", "Due", "Status")
ID, QUESTION, TEXT, OWNER, DUE, STATUS = range(len(COLUMNS))
STATUS_WORDS = {"open": "Open", "done": "Done"}
Index = QModelIndex | QPersistentModelIndex


def _number(action_id: str) -> int:
    digits = action_id.lstrip("a")
    return int(digits) if digits.isdigit() else 0


class ActionsModel(QAbstractTableModel):
    """Every action of the return, kept up to date from the session."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        order = session.document.template.questions
        self._order = {q.ref: index for index, q in enumerate(order)}
        self.actions: list[Action] = session.actions()
        session.actions_changed.connect(self.refresh)

    def refresh(self) -> None:
        if self.session.closed:
            return
        fresh = self.session.actions()
        if [a.id for a in fresh] == [a.id for a in self.actions]:
            self.actions = fresh  # the same rows: keep the selection, repaint the cells
            if fresh:
                last = self.index(len(fresh) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.actions = fresh
        self.endResetModel()

    # ------------------------------------------------------------------ the model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        action = self.actions[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(action, column)
        if role == Qt.ItemDataRole.EditRole:
            return action.status if column == STATUS else self.text(action, column)
        if role == SORT_ROLE:
            return self._sort_key(action, column)
        if role == ACTION_ROLE:
            return action
        if role == Qt.ItemDataRole.ToolTipRole and column == TEXT:
            return action.text
        return None

    def text(self, action: Action, column: int) -> str:
        return {
            ID: action.id,
            QUESTION: action.ref,
            TEXT: action.text,
            OWNER: action.owner,
            DUE: friendly_date(action.due),
            STATUS: STATUS_WORDS.get(action.status, action.status),
        }[column]

    def _sort_key(self, action: Action, column: int) -> object:
        if column == ID:
            return _number(action.id)
        if column == QUESTION:
            return (self._order.get(action.ref, 10_000), _number(action.id))
        if column == DUE:
            return (not action.due, action.due, _number(action.id))
        if column == STATUS:
            return (ACTION_STATUSES.index(action.status), _number(action.id))
        return (self.text(action, column).casefold(), _number(action.id))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == STATUS and not self.session.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != STATUS:
            return False
        status = str(value)
        if status not in ACTION_STATUSES:
            return False
        action = self.actions[index.row()]
        return status == action.status or self.session.update_action(action.id, status=status)


class ActionsFilter(QSortFilterProxyModel):
    """Shows the actions of one owner, question and status ("" for any), sorted by key."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.owner = ""
        self.ref = ""
        self.status = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(
        self, *, owner: str | None = None, ref: str | None = None, status: str | None = None
    ) -> None:
        begin = getattr(self, "beginFilterChange", None)  # Qt 6.9 and later
        if begin is not None:
            begin()
        if owner is not None:
            self.owner = owner
        if ref is not None:
            self.ref = ref
        if status is not None:
            self.status = status
        if begin is not None:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ActionsModel)
        return self.accepts(model.actions[source_row])

    def accepts(self, action: Action) -> bool:
        """Whether the filter shows ``action``."""
        return (
            (not self.owner or action.owner == self.owner)
            and (not self.ref or action.ref == self.ref)
            and (not self.status or action.status == self.status)
        )

    def lessThan(self, left: Index, right: Index) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))
