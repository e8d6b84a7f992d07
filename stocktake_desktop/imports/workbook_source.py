"""A workbook exported by the app (export/workbook.py) as a source, e.g. last year's bundle.

Its Cover sheet names the stocktake edition (id and content hash) and gives completed-by and
sign-off; its Return sheet has a row per question, found by the "Ref" column, whose "Coded
as", "Response", "Good practice", "Good practice note" and "Support required" cells are what
is imported. Columns are found by their headings, so a workbook with more columns still reads.
Evidence files are named there but not carried, so they are not attached.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from stocktake_desktop import fields
from stocktake_desktop.dates import parse_date
from stocktake_desktop.imports.errors import ImportRefusedError
from stocktake_desktop.imports.matching import likeness, squash
from stocktake_desktop.imports.sniff import check_package, shown_name
from stocktake_desktop.imports.source import ImportSource, SourceAnswer, SourceKind, excerpt
from stocktake_desktop.interchange_read import one_line
from stocktake_desktop.template import Question, Template

MAX_ROWS = 1_000
MAX_COLUMNS = 60
REF, QUESTION, LOCALITY, EVIDENCE = "Ref", "Question", "Locality", "Evidence files"
CODED, RESPONSE, GOOD, NOTE, SUPPORT = (f.workbook_header for f in fields.ANSWER_FIELDS)


def read_workbook(path: Path, template: Template) -> ImportSource:
    """The answers and completion of the app's workbook at ``path``, for ``template``."""
    from openpyxl import load_workbook  # lazy: only a workbook import needs openpyxl

    from stocktake_desktop.export.workbook import SHEET_COVER, SHEET_RETURN

    shown = shown_name(path)
    check_package(path, SourceKind.WORKBOOK)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a hostile package fails in many ways; each is one sentence
        raise ImportRefusedError(
            f"{shown} is damaged or not a workbook, so it cannot be read "
            f"({type(error).__name__}: {str(error)[:120]})."
        ) from error
    try:
        if SHEET_RETURN not in book.sheetnames or SHEET_COVER not in book.sheetnames:
            raise ImportRefusedError(
                f"{shown} is a workbook, but not one exported by Stocktake Desktop (it has no "
                f"{SHEET_RETURN} and {SHEET_COVER} sheets)."
            )
        cover = _cover(book[SHEET_COVER])
        _check_edition(cover, shown, template)
        source = ImportSource(
            path=path,
            kind=SourceKind.WORKBOOK,
            description="a workbook exported by Stocktake Desktop",
            history_note=f"Imported from the workbook {path.name}",
        )
        _read_return_sheet(book[SHEET_RETURN], source, template, shown)
        source.completion = _completion(cover, template, source)
        source.locality = source.locality or _text(cover.get("Locality")) or None
    finally:
        book.close()
    return source


def _cover(sheet: Any) -> dict[str, object]:
    rows = sheet.iter_rows(min_row=2, max_row=MAX_ROWS, max_col=2, values_only=True)
    return {str(row[0]): row[1] for row in rows if row and row[0] is not None and len(row) > 1}


def _check_edition(cover: dict[str, object], shown: str, template: Template) -> None:
    edition = _text(cover.get("Edition"))
    if not edition.endswith(")") or "(" not in edition:
        raise ImportRefusedError(
            f"{shown} is a workbook, but not one exported by Stocktake Desktop (its Cover sheet "
            "does not name the stocktake edition)."
        )
    found = edition[edition.rindex("(") + 1 : -1]
    if found != template.id:
        raise ImportRefusedError(
            f"{shown} is a workbook of another stocktake edition ({one_line(found, 60)}); "
            f"this return is {template.display_name} ({template.id})."
        )
    if _text(cover.get("Edition hash")) != template.content_hash:
        raise ImportRefusedError(
            f"{shown} was exported from a different version of {template.display_name} (its "
            "questions do not match this app's copy), so it cannot be imported safely."
        )


def _read_return_sheet(sheet: Any, source: ImportSource, template: Template, shown: str) -> None:
    rows = sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    header = [_text(cell) for cell in next(rows, ())]
    columns = {name: index for index, name in reversed(list(enumerate(header))) if name}
    if REF not in columns or RESPONSE not in columns:
        raise ImportRefusedError(
            f"{shown} is a workbook, but its Return sheet has no {REF} and {RESPONSE} columns."
        )
    localities: set[str] = set()
    count = 0
    for count, row in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise ImportRefusedError(
                f"{shown} has more than {MAX_ROWS:,} rows in its Return sheet, far more than "
                "one return's questions: import the workbook of one return."
            )
        cells = {name: row[index] if index < len(row) else None for name, index in columns.items()}
        _row(cells, source, template)
        locality = _text(cells.get(LOCALITY))
        if locality:
            localities.add(locality)
    if len(localities) > 1:
        named = ", ".join(sorted(localities)[:3]) + (", …" if len(localities) > 3 else "")
        raise ImportRefusedError(
            f"{shown} holds the answers of {len(localities)} localities ({named}): import the "
            "workbook of one return."
        )
    source.locality = next(iter(localities), None)
    if not source.answers:
        raise ImportRefusedError(
            f"{shown} is a workbook, but none of its rows is a question of {template.display_name}."
        )


def _row(cells: dict[str, object], source: ImportSource, template: Template) -> None:
    ref = _text(cells.get(REF)).strip()
    if not ref and not any(_text(value) for value in cells.values()):
        return
    if not template.has_question(ref):
        source.unrecognised.append(
            f"the row for {excerpt(ref)} is not a question of {template.display_name}, so it is "
            "not imported"
        )
        return
    question = template.question(ref)
    wording = squash(_text(cells.get(QUESTION)))
    if wording and likeness(wording, squash(question.text)) < 0.6:
        source.unrecognised.append(
            f"the row for {ref} asks another question ({excerpt(wording)}), so it is not imported"
        )
        return
    if ref in source.answers:
        source.unrecognised.append(f"{ref} is in the workbook twice; the first row is imported")
        return
    from stocktake_desktop.export.safe_text import CUT_NOTE

    narrative = _text(cells.get(RESPONSE))
    if narrative.endswith(CUT_NOTE):
        source.unrecognised.append(
            f"{ref}'s response was cut to fit the workbook's cell, so it is left alone (the "
            "full text is in the bundle's PDF)"
        )
        narrative = ""
    names = _text(cells.get(EVIDENCE))
    if names:
        source.notes.append(
            f"{ref}: the evidence named in the workbook ({excerpt(names)}) is not in it, so "
            "attach it from the bundle's evidence folder"
        )
    source.answers[ref] = SourceAnswer(
        ref=ref,
        codes=_codes(cells.get(CODED), question, source),
        narrative=narrative or None,
        good_practice=True if _text(cells.get(GOOD)).casefold() == "yes" else None,
        good_practice_note=_text(cells.get(NOTE)) or None,
        support_required=_text(cells.get(SUPPORT)) or None,
    )


def _codes(value: object, question: Question, source: ImportSource) -> tuple[int, ...] | None:
    """The "Coded as" cell: a number, or several written "5, 6, 7"; None when blank or wrong."""
    text = _text(value)
    if not text:
        return None
    parts = [part.strip() for part in text.split(",")]
    codes = tuple(sorted({int(p) for p in parts if p.isdigit() and len(p) < 4}))
    wrong = len(codes) != len(parts) or not set(codes) <= question.code_values()
    if wrong or (len(codes) > 1 and not question.multiple):
        source.unrecognised.append(
            f"{question.ref}: coded as {excerpt(text)} is not a choice from its list "
            f"({question.code_list_text()}), so its codes are left alone"
        )
        return None
    return codes


def _completion(
    cover: dict[str, object], template: Template, source: ImportSource
) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in template.completed_by_fields:
        values[f"completed_by.{item.key}"] = _text(cover.get(f"Completed by: {item.label}"))
    for role in template.sign_off_roles:
        values[f"sign_off.{role.key}.name"] = _text(cover.get(f"Signed by: {role.label}"))
        written = _text(cover.get(f"Signed by: {role.label}, date"))
        signed = parse_date(written) if written else None
        if written and signed is None:
            source.unrecognised.append(
                f"{role.short_label}'s sign-off date {excerpt(written)} is not a date, so it "
                "is not imported"
            )
        values[f"sign_off.{role.key}.date"] = signed.isoformat() if signed else ""
    return {key: value for key, value in values.items() if value}


def _text(value: object) -> str:
    """A cell's value as text: numbers as written, dates as dates, blanks as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() if not isinstance(value, str) else value
