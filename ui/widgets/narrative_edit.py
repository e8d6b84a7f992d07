"""Plain-text editors that grow with their content and clean whatever is pasted into them.

Pasting from Word, a web page or an email keeps the words and the line breaks and nothing
else: Word's vertical tabs become line breaks, bells and other control characters are dropped
(``normalise_text``), so characters that cannot go into the xlsx or PDF never enter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QFocusEvent, QResizeEvent, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QWidget

from stocktake_desktop.text import normalise_text


def clean_pasted_text(source: QMimeData) -> str:
    """Plain text from clipboard or drag data: line breaks kept, unsafe characters dropped."""
    if source.hasText():
        text = source.text()
    elif source.hasHtml():
        text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
    else:
        return ""
    text = text.replace("\u2029", "\n").replace("\u2028", "\n").replace("\u00a0", " ")
    return normalise_text(text)


def word_count(text: str) -> int:
    return len(text.split())


class GrowingTextEdit(QPlainTextEdit):
    """A QPlainTextEdit as tall as its text (at least ``min_lines``); no inner scroll bar.

    ``edited`` is emitted for changes the user makes, never for :meth:`set_text_silently`.
    ``focus_left`` lets the owner write pending typing at once.
    """

    edited = Signal()
    focus_left = Signal()
    cursor_rect_changed = Signal()

    def __init__(self, min_lines: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self._loading = False
        self._height = 0
        self._measuring = False
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._on_text_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._update_height)
        self.cursorPositionChanged.connect(self.cursor_rect_changed)

    # ------------------------------------------------------------------ content
    def set_text_silently(self, text: str) -> None:
        """Show stored text: no ``edited`` signal and no undo step (the undo stack is reset)."""
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False
        self._update_height()

    def _on_text_changed(self) -> None:
        self._update_height()
        if not self._loading:
            self.edited.emit()

    # ------------------------------------------------------------------ pasting and dropping
    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = clean_pasted_text(source)
        if text:
            cursor = self.textCursor()
            cursor.beginEditBlock()  # its own undo step: Ctrl+Z takes back the paste, not the
            cursor.insertText(text)  # typing before it (which one-line text would merge into)
            cursor.endEditBlock()
            self.ensureCursorVisible()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        data = event.mimeData()
        if data.hasUrls() and all(url.isLocalFile() for url in data.urls()):
            event.ignore()  # files go to the card (evidence), not into the text
            return
        super().dragEnterEvent(event)

    # ------------------------------------------------------------------ growing
    def content_height(self) -> int:
        """Pixels needed to show every line, with the frame and document margins."""
        layout = self.document().documentLayout()
        lines_height = 0.0
        block = self.document().firstBlock()
        while block.isValid():
            layout.ensureBlockLayout(block)  # type: ignore[attr-defined]
            lines_height += layout.blockBoundingRect(block).height()
            block = block.next()
        minimum = self.fontMetrics().lineSpacing() * self._min_lines
        margins = self.contentsMargins()
        extra = 2 * self.document().documentMargin() + margins.top() + margins.bottom()
        return int(max(lines_height, minimum) + extra) + 2

    def _update_height(self, *_args: object) -> None:
        if self._measuring:
            return  # laying out blocks below re-emits documentSizeChanged
        self._measuring = True
        try:
            height = self.content_height()
        finally:
            self._measuring = False
        if height != self._height:
            self._height = height
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self._height or self.content_height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self._height or self.content_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._update_height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._update_height()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class CountLabel(QLabel):
    """ "123 words, 789 characters" for an editor, updated as it changes."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        editor.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        text = self._editor.toPlainText()
        words = word_count(text)
        chars = len(text)
        self.setText(
            f"{words:,} word{'s' if words != 1 else ''}, "
            f"{chars:,} character{'s' if chars != 1 else ''}"
        )
