"""The status bar: save state, the zoom, overall progress and the current contributor.

Its parts flow onto a second (or third) line when the window is too narrow for one, as on a
projector at 200%, so the status bar never makes the window wider than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QWidget,
    QWidgetItem,
)

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


class FlowLayout(QLayout):
    """Items side by side, wrapping onto further lines when the width runs out; the first item
    takes what is left of its line (so the save state sits left, the rest right)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    # ------------------------------------------------------------------ QLayout's interface
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        gap = self._gap()
        shown = [item for item in self._items if not item.isEmpty()]
        width = sum(item.sizeHint().width() for item in shown) + gap * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        """No width of its own (the parts wrap); the height of one line (the holder asks for
        more lines as its width needs, see ``_Flow.refit``)."""
        shown = [item for item in self._items if not item.isEmpty()]
        return QSize(0, max((item.minimumSize().height() for item in shown), default=0))

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    # ------------------------------------------------------------------ placing
    def _gap(self) -> int:
        parent = self.parentWidget()
        return parent.fontMetrics().averageCharWidth() * 2 if parent is not None else 12

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (when ``move``); returns the height they need."""
        gap = self._gap()
        lines: list[list[tuple[QLayoutItem, int, int]]] = [[]]
        x = 0
        for item in self._items:
            if item.isEmpty():
                continue
            width = min(item.sizeHint().width(), rect.width())
            if lines[-1] and x + width > rect.width():
                lines.append([])
                x = 0
            height = item.heightForWidth(width) if item.hasHeightForWidth() else -1
            if height < 0:
                height = item.sizeHint().height()
            lines[-1].append((item, width, height))
            x += width + gap
        y = rect.y()
        for line in lines:
            if not line:
                continue
            line_height = max(height for _item, _width, height in line)
            if move:
                spare = rect.width() - sum(w for _i, w, _h in line) - gap * (len(line) - 1)
                x = rect.x()
                for position, (item, width, height) in enumerate(line):
                    if position == 0 and item is self._items[0]:
                        width += max(0, spare)  # the save state takes the rest of its line
                    top = y + (line_height - height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, height)))
                    x += width + gap
            y += line_height
        return y - rect.y()


class _Flow(QWidget):
    """Holds the flowing parts; its minimum height follows how many lines they take."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, widget: QWidget) -> None:
        self.flow.addItem(QWidgetItem(widget))
        self.flow.invalidate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.refit()

    def refit(self) -> None:
        """Ask the status bar for as many lines as the parts need at this width."""
        needed = self.flow.heightForWidth(max(1, self.width()))
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class StatusBar(QStatusBar):
    """``contributor_clicked`` asks to switch the contributor."""

    contributor_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.parts = _Flow(self)
        self.save_label = QLabel(self.parts)
        self.save_label.setAccessibleName("Save status")
        self.save_label.setWordWrap(True)
        self.zoom_label = QLabel(self.parts)
        self.zoom_label.setAccessibleName("Zoom")
        self.zoom_label.hide()
        self.progress_label = QLabel(self.parts)
        self.progress_label.setAccessibleName("Progress")
        self.contributor_button = QPushButton(self.parts)
        self.contributor_button.setFlat(True)
        self.contributor_button.clicked.connect(self.contributor_clicked)
        for widget in (
            self.save_label,
            self.zoom_label,
            self.progress_label,
            self.contributor_button,
        ):
            self.parts.add(widget)
        self.addWidget(self.parts, 1)
        self.show_contributor("")

    def _changed(self) -> None:
        self.parts.flow.invalidate()
        self.parts.refit()

    def show_save(self, status: SaveStatus) -> None:
        self.save_label.setText(save_text(status))
        self.save_label.setAccessibleDescription(self.save_label.text())
        self._changed()

    def show_note(self, text: str) -> None:
        """A lasting state that is not a save (e.g. "Read-only")."""
        self.save_label.setText(text)
        self._changed()

    def show_zoom(self, factor: float) -> None:
        """ "Zoom 150%" while zoomed; nothing at 100%."""
        self.zoom_label.setText(f"Zoom {round(factor * 100)}%")
        self.zoom_label.setVisible(abs(factor - 1.0) > 1e-6)
        self._changed()

    def show_progress(self, answered: int, total: int) -> None:
        self.progress_label.setText(f"{answered} of {total} questions answered" if total else "")
        self._changed()

    def show_contributor(self, name: str) -> None:
        self.contributor_button.setText(f"Contributor: {name}" if name else "Contributor: not set")
        self.contributor_button.setAccessibleName(
            f"Change contributor (currently {name or 'not set'})"
        )
        self.contributor_button.setToolTip(
            "Every change is recorded with this name. Click to change."
        )
        self._changed()
