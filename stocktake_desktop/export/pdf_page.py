"""Pages of the PDFs: A4 with a header, a "Page X of Y" footer and, for drafts, a watermark.

"Page X of Y" needs the page count before any page is written, so :func:`numbered_canvas`
makes a canvas that keeps each finished page and draws the footers when the document is saved
(the two-pass "canvasmaker" pattern).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stocktake_desktop.export.pdf_fonts import BOLD, REGULAR

MARGIN = 51.0  # 18 mm
GREY = (0.35, 0.35, 0.35)


@dataclass(frozen=True, slots=True)
class Furniture:
    """What every page shows around the content."""

    header_left: str
    header_right: str
    footer_left: str
    draft: bool


@dataclass(frozen=True, slots=True)
class PdfInfo:
    """The document's metadata (what a PDF reader shows under Properties)."""

    title: str
    author: str
    subject: str
    keywords: str


def write_document(
    target: Path, info: PdfInfo, furniture: Furniture, story: Callable[[float], list[Any]]
) -> None:
    """Write an A4 PDF to ``target``: ``story(width)`` gives the flowables for the frame width."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Frame, PageTemplate
    from reportlab.platypus.doctemplate import BaseDocTemplate

    from stocktake_desktop import APP_NAME, __version__
    from stocktake_desktop.export.pdf_fonts import register_fonts

    register_fonts()
    document = BaseDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=info.title,
        author=info.author,
        subject=info.subject,
        creator=f"{APP_NAME} {__version__}",
        keywords=info.keywords,
        lang="en-GB",
        initialFontName=REGULAR,
        invariant=False,
    )
    width, height = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN
    frame = Frame(MARGIN, MARGIN, width, height, id="body", leftPadding=0, rightPadding=0)
    document.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda c, _d: draw_furniture(c, furniture))]
    )
    document.build(story(frame._width), canvasmaker=numbered_canvas())


def draw_furniture(canvas: Any, furniture: Furniture) -> None:
    """Header, footer text and (for drafts) the watermark; called at the start of each page."""
    width, height = canvas._pagesize
    canvas.saveState()
    if furniture.draft:
        canvas.setFillColorRGB(0.82, 0.82, 0.82, alpha=0.45)
        canvas.setFont(BOLD, 120)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, -40, "DRAFT")
        canvas.rotate(-50)
        canvas.translate(-width / 2, -height / 2)
    canvas.setFillColorRGB(*GREY)
    canvas.setStrokeColorRGB(0.7, 0.7, 0.7)
    canvas.setLineWidth(0.5)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(MARGIN, height - MARGIN + 18, furniture.header_left)
    canvas.setFont(BOLD, 9)
    canvas.drawRightString(width - MARGIN, height - MARGIN + 18, furniture.header_right)
    canvas.line(MARGIN, height - MARGIN + 13, width - MARGIN, height - MARGIN + 13)
    canvas.line(MARGIN, MARGIN - 12, width - MARGIN, MARGIN - 12)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(MARGIN, MARGIN - 24, furniture.footer_left)
    canvas.restoreState()


def numbered_canvas() -> type:
    """A reportlab Canvas class that writes "Page X of Y" at the foot of every page."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self._draw_page_number(number, total)
                super().showPage()
            super().save()

        def _draw_page_number(self, number: int, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(REGULAR, 8)
            self.setFillColorRGB(*GREY)
            self.drawRightString(width - MARGIN, MARGIN - 24, f"Page {number} of {total}")
            self.restoreState()

    return NumberedCanvas
