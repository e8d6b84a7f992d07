"""The PDF's font: DejaVu Sans (shipped in ``resources/fonts`` with its licence).

reportlab's built-in Helvetica has no Polish, Greek or Cyrillic letters, curly quotes or
ticks; DejaVu Sans has them all. The four faces are registered as one family so ``<b>`` and
``<i>`` in paragraphs pick the right face.
"""

from __future__ import annotations

from functools import cache

from stocktake_desktop.resource_files import fonts_dir

FONTS_DIR = fonts_dir()
FAMILY = "DejaVuSans"
FACES = {
    "normal": ("DejaVuSans", "DejaVuSans.ttf"),
    "bold": ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
    "italic": ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
    "boldItalic": ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}
REGULAR, BOLD, ITALIC = FACES["normal"][0], FACES["bold"][0], FACES["italic"][0]


@cache
def register_fonts() -> str:
    """Register the family with reportlab (once per process); returns the family name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file_name in FACES.values():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file_name)))
    pdfmetrics.registerFontFamily(FAMILY, **{face: name for face, (name, _f) in FACES.items()})
    return FAMILY
