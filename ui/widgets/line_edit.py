"""A one-line text field that keeps out characters the xlsx and PDF cannot hold."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from stocktake_desktop.text import normalise_text


def clean_line(text: str) -> str:
    """Control characters dropped; line breaks and tabs (e.g. pasted) become spaces."""
    return normalise_text(text).replace("\n", " ").replace("\t", " ")


class CleanLineEdit(QLineEdit):
    """A QLineEdit whose typed or pasted text is cleaned as it arrives (undo still works)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.textEdited.connect(self._clean)

    def _clean(self, text: str) -> None:
        cleaned = clean_line(text)
        if cleaned != text:
            position = self.cursorPosition() - (len(text) - len(cleaned))
            self.setText(cleaned)
            self.setCursorPosition(max(0, position))
