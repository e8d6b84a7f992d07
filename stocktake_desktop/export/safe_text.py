"""Text that goes into a workbook cell exactly as typed: never a formula, never an error value.

Excel treats a cell starting with ``=``, ``+``, ``-``, ``@`` or a tab as a formula (and
``#N/A`` and friends as error values) when someone edits it, and openpyxl itself turns a
string starting with ``=`` into a formula. We keep such text as text with a quote prefix, drop
the characters XML cannot hold, and cut text longer than an Excel cell can take.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: Excel's limit for one cell, in UTF-16 code units.
CELL_LIMIT = 32_767
CUT_NOTE = "\n\n[Cut: the full text is in the PDF]"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ERROR_LITERALS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#PYTHON!",
    }
)
# Characters XML 1.0 cannot hold: C0 controls other than tab/LF/CR, lone surrogates, FFFE/FFFF.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class SafeText:
    """Text ready for a cell; ``quote``: needs a quote prefix; ``cut``: was cut to fit."""

    text: str
    quote: bool = False
    cut: bool = False


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, as Excel counts (an emoji counts two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def strip_xml_illegal(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def needs_quote(text: str) -> bool:
    """True when Excel would read ``text`` as a formula or an error value."""
    return text.startswith(FORMULA_STARTS) or text.strip().upper() in ERROR_LITERALS


def fits_in_cell(text: str) -> bool:
    return len(text) <= CELL_LIMIT // 2 or utf16_length(text) <= CELL_LIMIT


def cut_to_cell(text: str, limit: int = CELL_LIMIT, note: str = CUT_NOTE) -> tuple[str, bool]:
    """``text`` cut (with ``note`` added) so it takes at most ``limit`` UTF-16 code units.

    Never splits a surrogate pair: the cut happens between whole characters.
    """
    if len(text) <= limit // 2 or utf16_length(text) <= limit:
        return text, False
    room = limit - utf16_length(note)
    units = text.encode("utf-16-le", "surrogatepass")[: room * 2]
    if units and 0xD800 <= int.from_bytes(units[-2:], "little") <= 0xDBFF:
        units = units[:-2]  # a high surrogate whose partner was cut off
    return units.decode("utf-16-le", "surrogatepass") + note, True


def safe_text(text: str) -> SafeText:
    """Prepare user text for a cell: illegal characters gone, cut to fit, quote flagged."""
    clean, cut = cut_to_cell(strip_xml_illegal(text))
    return SafeText(clean, needs_quote(clean), cut)


def set_cell(cell: Any, value: object) -> bool:
    """Put ``value`` in an openpyxl cell; text always stays text. True when text was cut."""
    if not isinstance(value, str):
        cell.value = value
        return False
    safe = safe_text(value)
    cell.value = safe.text
    cell.data_type = "s"  # openpyxl makes "=..." a formula and "#N/A" an error otherwise
    if safe.quote:
        cell.quotePrefix = True
    return safe.cut
