"""The PDF's colours, paragraph styles and the escaping of user text into Paragraph markup.

reportlab's Paragraph parses markup, so everything a person typed goes through
:func:`markup` (or ``escape``) first: ``<b>``, ``&`` or ``<img src=...>`` print literally.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from stocktake_desktop.export.pdf_fonts import BOLD, ITALIC, REGULAR
from stocktake_desktop.export.safe_text import strip_xml_illegal

NAVY = "#1F3A5F"
PALE = "#E8EDF4"
MUTED = "#555555"
RULE = "#B8C2D0"
GREEN = "#1E6B3A"
AMBER = "#8A4B00"
CHECKED, UNCHECKED = "☑", "☐"
INDENT = 34


def markup(text: str) -> str:
    """User text as Paragraph markup that prints literally, line breaks kept (and control
    characters a hostile file might hold dropped, as in the workbook)."""
    return escape(strip_xml_illegal(text)).replace("\n", "<br/>")


def muted(text: str) -> str:
    """Markup for a grey italic note such as "not coded yet" (``text`` is markup already)."""
    return f"<font color='{MUTED}'><i>{text}</i></font>"


def shorten(text: str, limit: int, *, at_word: bool = False) -> str:
    """``text`` cut to at most ``limit`` characters with "…" (``at_word``: between words)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rstrip()
    if at_word and " " in cut:
        cut = cut[: cut.rindex(" ")].rstrip(" ,;:(")
    return cut + "…"


def paragraph_styles() -> dict[str, Any]:
    """The named paragraph styles every part of the PDF uses."""
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=REGULAR, fontSize=9.5, leading=13, alignment=TA_LEFT)

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "title": style(
            "title", fontName=BOLD, fontSize=17, leading=22, textColor=NAVY, spaceAfter=4
        ),
        "subtitle": style("subtitle", fontName=BOLD, fontSize=12.5, leading=16, spaceAfter=6),
        "guidance": style("guidance", fontSize=9.5, leading=13, spaceAfter=6),
        "table_title": style("table_title", fontName=BOLD, fontSize=12, leading=16, spaceAfter=2),
        "heading": style(
            "heading", fontName=BOLD, fontSize=12, leading=16, spaceBefore=12, spaceAfter=4
        ),
        "subheading": style(
            "subheading", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=10, spaceAfter=2
        ),
        "section": style("section", fontSize=12, leading=15, textColor="#FFFFFF"),
        "question": style("question", fontName=BOLD, fontSize=10, leading=13.5),
        "status": style("status", leftIndent=INDENT, spaceBefore=2, spaceAfter=3),
        "label": style("label", fontName=BOLD, fontSize=8.5, leading=11),
        "label_indent": style(
            "label_indent",
            fontName=ITALIC,
            fontSize=8,
            leading=10.5,
            leftIndent=INDENT,
            textColor=MUTED,
            spaceAfter=1,
        ),
        "cell": style("cell", fontSize=9, leading=12),
        "small": style("small", fontSize=8.5, leading=11),
        "body": style("body", leftIndent=INDENT, spaceAfter=5),
    }
