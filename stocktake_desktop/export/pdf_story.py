"""A PDF being built: the flowables so far and the small builders every part uses.

Each part of the return's PDF (``pdf_cover``, ``pdf_sections``, ``pdf_agreement``,
``pdf_changes``) is a function that appends to a :class:`Story`; ``pdf.py`` calls them in
order. The meeting record builds on a plain :class:`Flow`.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from stocktake_desktop.export.pdf_fonts import REGULAR
from stocktake_desktop.export.pdf_styles import PALE, RULE, markup, paragraph_styles
from stocktake_desktop.export.snapshot import ReturnSnapshot


class Flow:
    """The list of flowables for one PDF and the builders of its paragraphs and tables."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.styles = paragraph_styles()
        self.flow: list[Any] = []

    def para(self, text: str, style: str) -> Any:
        """A Paragraph of ``text`` (markup: escape user text first) in the named style."""
        from reportlab.platypus import Paragraph

        return Paragraph(text, self.styles[style])

    def grid(
        self, rows: list[tuple[str, str]], widths: tuple[float, ...], *, shade: bool, spacer: float
    ) -> Any:
        """A two-column table of labels and user text (both escaped here)."""
        from reportlab.platypus import Table, TableStyle

        data = [[self.para(escape(k), "label"), self.para(markup(v), "cell")] for k, v in rows]
        # splitInRow: a very long value (a pasted paragraph) may run on to the next page.
        table = Table(data, colWidths=widths, hAlign="LEFT", spaceBefore=spacer, splitInRow=1)
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if shade:
            commands.append(("BACKGROUND", (0, 0), (0, -1), PALE))
        table.setStyle(TableStyle(commands))
        return table

    def header_table(
        self, data: list[list[Any]], widths: tuple[float, ...], *, padding: tuple[float, float]
    ) -> Any:
        """A ruled table whose first row (shaded, repeated on each page) is the headings.

        ``data`` holds flowables; ``padding`` is the body rows' (top, bottom) padding.
        """
        from reportlab.platypus import Table, TableStyle

        table = Table(
            data, colWidths=widths, hAlign="LEFT", spaceBefore=2, repeatRows=1, splitInRow=1
        )
        top, bottom = padding
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), PALE),
                    ("TOPPADDING", (0, 1), (-1, -1), top),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), bottom),
                ]
            )
        )
        return table


class Story(Flow):
    """The return's PDF being built, with the snapshot it describes."""

    def __init__(self, snapshot: ReturnSnapshot, fingerprint: str, width: float) -> None:
        super().__init__(width)
        self.snapshot = snapshot
        self.fingerprint = fingerprint
        self.pending: list[Any] = []  # kept on the page with the next question
