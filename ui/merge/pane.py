"""One version of a field in conflict, in the review screen: a caption (whose version, how much
it differs) over the text, its words marked against the version it is compared with — added
words underlined inside ``[+ … +]``, removed ones struck through inside ``[- … -]`` — so the
difference is in the words themselves, never in colour alone."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from stocktake_desktop.diff import Run

from ..history.diff_view import (
    ADDED,
    REMOVED,
    DiffView,
    diff_plain,
    diff_summary,
    muted_colour,
    runs_html,
    word_runs,
)
from ..look.theme import line_height, set_relative_font


class VersionPane:
    """A caption and a read-only text in ``column`` of ``grid`` (captions share a row, so the
    texts side by side start level); :meth:`show_version` fills both."""

    def __init__(self, title: str, parent: QWidget, grid: QGridLayout, column: int) -> None:
        self.title = title
        self.caption = QLabel(title, parent)
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft)
        set_relative_font(self.caption, 1.0, bold=True)
        self.text = DiffView(title, parent)
        self.text.setMinimumHeight(line_height(parent) * 3)
        self.caption.setBuddy(self.text)
        self._first_change = 0
        grid.addWidget(self.caption, 0, column)
        grid.addWidget(self.text, 1, column)
        grid.setColumnStretch(column, 1)

    def set_visible(self, visible: bool) -> None:
        self.caption.setVisible(visible)
        self.text.setVisible(visible)

    def is_visible(self) -> bool:
        return self.text.isVisible()

    def show_version(
        self,
        value: str,
        *,
        against: str | None,
        name: str,
        said: str,
        empty: str = "(empty)",
        first_change: int = 0,
    ) -> None:
        """Show ``value``, marked against ``against`` (None: shown as it is, scrolled to the
        character ``first_change``); ``name`` is the text's accessible name, ``said`` the
        caption's words after the pane's title."""
        runs: list[Run] = word_runs(against, value) if against is not None else [("same", value)]
        how = f" ({diff_summary(runs)})" if against is not None else ""
        self.caption.setText(f"{self.title} — {said}{how}")
        self.text.setAccessibleName(name)
        if not value.strip() and not (against or "").strip():
            self.text.show_html(f"<p><i>{empty}</i></p>", empty)
            return
        body = runs_html(runs, muted_colour(self.text))
        self.text.show_html(f'<p style="white-space: pre-wrap">{body}</p>', diff_plain(runs))
        self._first_change = first_change
        QTimer.singleShot(0, self.text, self.show_first_change)  # once it is laid out

    def show_first_change(self) -> None:
        """Scroll to the first word marked (a long text may differ only at its end), or for a
        text shown as it is, to where it was said to change."""
        document = self.text.document()
        found = [document.find(marker) for marker in (ADDED[0], REMOVED[0])]
        found = [cursor for cursor in found if not cursor.isNull()]
        cursor = QTextCursor(document)
        if found:
            cursor.setPosition(min(c.selectionStart() for c in found))
        else:
            last = max(0, document.characterCount() - 1)
            cursor.setPosition(min(self._first_change, last))
        self.text.setTextCursor(cursor)
        bar = self.text.verticalScrollBar()  # the change a couple of lines from the top
        top = self.text.cursorRect(cursor).top() - 2 * line_height(self.text)
        bar.setValue(bar.value() + top)

    def shown_text(self) -> str:
        """The text as shown, markers included (what a screen reader and a copy get)."""
        return self.text.toPlainText()
