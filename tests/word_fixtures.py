"""Word returns made with python-docx from seed 001 (a real return in the original template).

Seed 001 is the text of the Word return an area sent: its introduction, the table (one row a
line, cells split by tabs) and the completion block. ``build_word_return`` lays it out again as
a .docx, keeping every quirk the seed has (answers running on over rows whose first cell is
empty after a page break, the header repeated at a page break split across two cells, section
7's heading sharing a cell with 7.1, answers beginning with their own number, blank rows) and
adding, when asked, the ones a Word document can have on top (the full header and column
headings repeated, the table split at page breaks, a vertically merged question cell, tracked
changes, ticks and text in the good-practice and support columns).

Also here: Word documents that are not returns, a return of another edition, and a zip bomb.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.core.seed_parsing import RETURN_SEED

TITLE_ROW = "Winterbourne View Local Stocktake June 2013"
COLUMNS = (
    "Assessment of current position evidence of work and issues arising",
    "Good practice example (please tick and attach)",
    "Support required",
)
#: What the completion block of seed 001 gives, by the return's keys.
SEED_COMPLETION = {
    "completed_by.name": "John Williams",
    "completed_by.organisation": "Joint RMBC/NHS Learning Disability Service",
    "completed_by.contact": "01709 302839 or john.williams@rotherham.gov.uk",
    "sign_off.chair_hwb.name": "Councillor K J Wyatt JP",
    "sign_off.la_chief_executive.name": "MARTIN KIMBER",
    "sign_off.ccg_rep.name": "CHRIS EDWARDS",
}
_QUESTION_ROW = re.compile(r"^\s*(?:\d+\. [^\t]*? )?(\d+\.\d+) ")
_UNDERLINED = re.compile(r"<u>(.*?)</u>")


@dataclass(frozen=True, slots=True)
class SeedLayout:
    """Seed 001 cut into the document's three parts."""

    preface: list[str]
    rows: list[list[str]]
    after: list[str]


def seed_layout() -> SeedLayout:
    lines = RETURN_SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(TITLE_ROW + "\t"))
    end = next(i for i, line in enumerate(lines) if line.startswith("11.3 "))
    rows = [[*line.split("\t"), "", "", ""][:4] for line in lines[start : end + 1]]
    return SeedLayout(lines[:start], rows, lines[end + 1 :])


def seed_answer_pieces() -> dict[str, list[str]]:
    """Ref -> the answer column's text on the question's row and each row continuing it, as
    the seed has them (numbers and all)."""
    pieces: dict[str, list[str]] = {}
    current = ""
    for cells in seed_layout().rows:
        found = _QUESTION_ROW.match(cells[0])
        if found:
            current = found[1]
            pieces[current] = [cells[1]]
        elif not cells[0].strip() and cells[1].strip() and current:
            pieces[current].append(cells[1])
    return pieces


def build_word_return(
    path: Path,
    *,
    repeat_header_before: Iterable[str] = (),
    split_tables: bool = False,
    merged_continuations: bool = False,
    tracked_changes: bool = False,
    good_practice: Mapping[str, str] | None = None,
    support: Mapping[str, str] | None = None,
    title: str = TITLE_ROW,
    layout: SeedLayout | None = None,
) -> Path:
    """Seed 001 as a .docx at ``path``; the options add the quirks of a real Word document.

    ``repeat_header_before`` repeats the title row and the column headings before the rows of
    those questions (a page break with "repeat header rows" on); ``split_tables`` starts a new
    table at each page break the seed shows; ``merged_continuations`` merges each continuation
    row's empty first cell into the question's cell above; ``tracked_changes`` makes 3.2's
    answer a tracked insertion beside a tracked deletion; ``good_practice`` and ``support`` put
    text in the third and fourth columns of those questions' rows.
    """
    import docx

    layout = layout or seed_layout()
    repeat = set(repeat_header_before)
    ticks, needs = dict(good_practice or {}), dict(support or {})
    document = docx.Document()
    for line in layout.preface:
        document.add_paragraph(line)
    table = _new_table(document)
    for index, cells in enumerate(layout.rows):
        cells = [title if cells[0] == TITLE_ROW else cells[0], *cells[1:]]
        found = _QUESTION_ROW.match(cells[0])
        ref = found[1] if found else ""
        if ref in repeat:
            _title_row(table, title)
            _add_row(table, ["", *COLUMNS])
        if split_tables and cells[0].startswith("Winterbourne View Local Sto") and index:
            document.add_paragraph("")
            table = _new_table(document)
        if index == 0:
            _title_row(table, cells[0])
            continue
        cells[2] = ticks.get(ref, cells[2])
        cells[3] = needs.get(ref, cells[3])
        row = _add_row(table, cells)
        if merged_continuations and not cells[0] and cells[1] and len(table.rows) > 1:
            table.cell(len(table.rows) - 2, 0).merge(row.cells[0])
        if tracked_changes and ref == "3.2":
            _track(row.cells[1])
    for line in layout.after:
        _paragraph(document, line)
    document.save(str(path))
    return path


def _new_table(document: Any) -> Any:
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    return table


def _title_row(table: Any, text: str) -> None:
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[3])
    merged.text = text


def _add_row(table: Any, cells: list[str]) -> Any:
    row = table.add_row()
    for cell, text in zip(row.cells, cells, strict=False):
        cell.text = text
    return row


def _paragraph(document: Any, line: str) -> None:
    """A paragraph, ``<u>..</u>`` in the seed underlined as in the Word file."""
    paragraph = document.add_paragraph()
    position = 0
    for found in _UNDERLINED.finditer(line):
        paragraph.add_run(line[position : found.start()])
        paragraph.add_run(found[1]).underline = True
        position = found.end()
    paragraph.add_run(line[position:])


def _track(cell: Any) -> None:
    """Make the cell's runs a tracked insertion and add a tracked deletion before them."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    paragraph = cell.paragraphs[0]._p
    runs = paragraph.findall(qn("w:r"))
    inserted = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="Jo" w:date="2013-06-01T00:00:00Z"/>'
    )
    for run in runs:
        inserted.append(run)
    deleted = parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="Jo" w:date="2013-06-01T00:00:00Z">'
        "<w:r><w:delText>Not yet. </w:delText></w:r></w:del>"
    )
    paragraph.append(deleted)
    paragraph.append(inserted)


# ------------------------------------------------------------------------ not returns
def build_word_document(
    path: Path, paragraphs: Iterable[str], rows: Iterable[list[str]] = ()
) -> Path:
    """An ordinary Word document: paragraphs, then a table of ``rows``."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table_rows = list(rows)
    if table_rows:
        table = _new_table(document)
        for cells in table_rows:
            _add_row(table, [*cells, "", "", ""][:4])
    document.save(str(path))
    return path


def build_long_table(path: Path, rows: int) -> Path:
    """A Word document whose table has ``rows`` rows of the same text (built fast by copying)."""
    from copy import deepcopy

    import docx

    document = docx.Document()
    table = _new_table(document)
    row = _add_row(table, ["1.1 Minutes", "Agreed", "", ""])
    for _ in range(rows - 1):
        table._tbl.append(deepcopy(row._tr))
    document.save(str(path))
    return path


def build_zip_bomb(path: Path, unpacked_mb: int) -> Path:
    """A .docx whose text would unpack to ``unpacked_mb`` MB (a few hundred KB on disk)."""
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b"<w:document>")
            for _ in range(unpacked_mb):
                part.write(chunk)
    return path
