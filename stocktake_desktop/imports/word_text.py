"""The text of a Word document's body, in order: each table row's cells and each paragraph.

Text is taken from the XML as Word shows it: runs inside tracked insertions, hyperlinks,
fields' results and content controls count; deleted text, field codes and the fallback copy
of drawings do not. A cell's paragraphs are joined by line breaks. Row cells are placed by
their grid column, so a merged title cell is one cell, and a vertically merged cell's
continuation reads as empty (like a row whose first cell is blank).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stocktake_desktop.imports.errors import ImportRefusedError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = frozenset(
    _W + name
    for name in (
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "rPr",
        "pPr",
        "txbxContent",
        "fldData",
        "footnoteReference",
        "endnoteReference",
    )
) | {_MC + "Fallback"}
_CONTAINERS = frozenset({_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"})
_BREAKS = frozenset({_W + "br", _W + "cr"})
#: Far more table rows than any return has (the template's table has about 80).
MAX_ROWS = 2_000
#: Word's symbol-font ticks and boxes, as the characters people mean.
_SYMBOLS = {"F0FC": "✓", "F0FE": "☑", "F0FB": "✗", "F0FD": "☒", "F0A8": "☐", "F06F": "☐"}


@dataclass(frozen=True, slots=True)
class Block:
    """A row of a table (its cells by column) or a paragraph outside tables (one cell)."""

    cells: tuple[str, ...]
    table: int  # which table of the body, counting from 0; -1 for a paragraph

    @property
    def is_row(self) -> bool:
        return self.table >= 0

    @property
    def text(self) -> str:
        return " ".join(cell for cell in self.cells if cell)

    @property
    def blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


def read_blocks(path: Path, shown: str) -> list[Block]:
    """Every row and paragraph of the document at ``path`` (already checked as a zip)."""
    import docx  # lazy: only a Word import needs python-docx

    try:
        body = docx.Document(str(path)).element.body
    except Exception as error:  # a hostile package fails in many ways; each is one sentence
        raise ImportRefusedError(
            f"{shown} is damaged or not a Word document, so it cannot be read "
            f"({type(error).__name__}: {str(error)[:120]})."
        ) from error
    blocks: list[Block] = []
    tables = rows = 0
    for element in _children(body):
        if element.tag == _W + "p":
            blocks.append(Block((paragraph_text(element).strip(),), -1))
        elif element.tag == _W + "tbl":
            for cells in _rows(element):
                blocks.append(Block(cells, tables))
                rows += 1
                if rows > MAX_ROWS:
                    raise ImportRefusedError(
                        f"{shown} has more than {MAX_ROWS:,} table rows, far more than any "
                        "stocktake return, so it is not read."
                    )
            tables += 1
    return blocks


def _children(element: Any) -> Iterator[Any]:
    """Child elements, looking through content controls and custom XML around them."""
    for child in element.iterchildren():
        if child.tag in _CONTAINERS:
            yield from _children(child)
        else:
            yield child


def _rows(table: Any) -> Iterator[tuple[str, ...]]:
    for row in _children(table):
        if row.tag == _W + "tr":
            yield _row_cells(row)
        elif row.tag == _W + "tbl":  # a table directly inside a table: read its rows too
            yield from _rows(row)


def _row_cells(row: Any) -> tuple[str, ...]:
    cells: dict[int, str] = {}
    column = _int_val(row.find(f"{_W}trPr/{_W}gridBefore"), 0)
    for cell in _children(row):
        if cell.tag != _W + "tc":
            continue
        span = max(1, _int_val(cell.find(f"{_W}tcPr/{_W}gridSpan"), 1))
        merged = cell.find(f"{_W}tcPr/{_W}vMerge")
        continues = merged is not None and merged.get(_W + "val") != "restart"
        cells[column] = "" if continues else cell_text(cell)
        column += span
    width = max(cells, default=-1) + 1
    return tuple(cells.get(index, "") for index in range(width))


def _int_val(element: Any, default: int) -> int:
    if element is None:
        return default
    value = str(element.get(_W + "val", ""))
    return int(value) if value.isdigit() and len(value) < 4 else default


def cell_text(cell: Any) -> str:
    """A cell's paragraphs (a table inside it too), one line each, without blank ends."""
    lines = [paragraph_text(p) for p in _paragraphs(cell)]
    return "\n".join(lines).strip()


def _paragraphs(element: Any) -> Iterator[Any]:
    for child in element.iterchildren():
        if child.tag == _W + "p":
            yield child
        elif child.tag not in _SKIPPED:
            yield from _paragraphs(child)


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as Word shows it (tabs and manual line breaks kept)."""
    parts: list[str] = []
    stack = [iter(paragraph.iterchildren())]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue  # comments and processing instructions have no str tag
        if tag == _W + "t":
            parts.append(element.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "sym":
            parts.append(_SYMBOLS.get(str(element.get(_W + "char", "")).upper(), ""))
        else:
            stack.append(iter(element.iterchildren()))
    return "".join(parts)
