"""The exported workbook: 61 rows exactly as the return, safe text, the other sheets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.safe_text import CELL_LIMIT, CUT_NOTE, utf16_length
from stocktake_desktop.export.workbook import RETURN_COLUMNS
from stocktake_desktop.template import default_template
from tests.helpers import (
    COMPLETED_BY,
    GOOD_PRACTICE,
    SIGN_OFF,
    SUPPORT,
    export_return,
    export_seed_return,
    seed_fixture,
)


@pytest.fixture(scope="module")
def seed_workbook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[openpyxl.Workbook]:
    base = tmp_path_factory.mktemp("seed")
    evidence = base / "minutes.pdf"
    evidence.write_bytes(b"%PDF-1.4 minutes")
    result = export_seed_return(base, evidence={"1.1": evidence})
    workbook = openpyxl.load_workbook(result.folder / f"{result.name}.xlsx")
    yield workbook
    workbook.close()


def test_return_sheet_has_the_collation_columns_in_order(seed_workbook: openpyxl.Workbook) -> None:
    sheet = seed_workbook["Return"]
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "Locality",
        "Number",
        "Ref",
        "Section",
        "Question",
        "Codes used",
        "Coded as",
        "Response",
        "Good practice",
        "Good practice note",
        "Evidence files",
        "Support required",
        "Agreed",  # added last, so the programme's columns keep their letters
    ]
    assert header == [name for name, _width in RETURN_COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:M62"
    assert sheet.column_dimensions["H"].width >= 60  # the narrative column is wide
    assert sheet["H2"].alignment.wrap_text


def test_all_61_rows_match_the_seed_return_exactly(seed_workbook: openpyxl.Workbook) -> None:
    sheet = seed_workbook["Return"]
    template = default_template()
    seed = seed_fixture()
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 61 == sheet.max_row - 1
    for index, (question, row) in enumerate(zip(template.questions, rows, strict=True), start=1):
        codes, narrative = seed[question.ref]
        locality, number, ref, section, text, codes_used, coded_as, response = row[:8]
        good, note, files, support, agreed = row[8:]
        assert locality == "Leicestershire"
        assert number == index == question.number
        assert ref == question.ref  # "1.10" stays text, never the number 1.1
        assert section == template.section(question.section_number).heading
        assert text == question.text
        assert codes_used == question.codes_text  # verbatim, typos and spacing included
        if len(codes) == 1:
            assert coded_as == codes[0]
        else:
            assert coded_as == (", ".join(map(str, sorted(codes))) or None)
        assert response == (narrative or None)
        assert good == ("Yes" if question.ref in GOOD_PRACTICE else "No")
        assert (note or "") == GOOD_PRACTICE.get(question.ref, "")
        assert (support or "") == SUPPORT.get(question.ref, "")
        assert (files or "") == ("1.1 minutes.pdf" if question.ref == "1.1" else "")
        assert agreed == "No"  # the seed return was never agreed in a meeting
    assert rows[1][6] == "5, 6, 7"  # 1.2 is coded with several codes
    row_610 = template.question("6.10").number + 1
    assert sheet.cell(row=row_610, column=3).value == "6.10"
    assert sheet.cell(row=row_610, column=3).data_type == "s"


def test_cover_support_and_good_practice_sheets(seed_workbook: openpyxl.Workbook) -> None:
    assert seed_workbook.sheetnames == [
        "Return",
        "Cover",
        "Support requested",
        "Good practice",
        "Actions",
    ]
    cover = dict(seed_workbook["Cover"].iter_rows(min_row=2, values_only=True))
    template = default_template()
    assert cover["Locality"] == "Leicestershire"
    assert cover["Edition hash"] == template.content_hash
    assert template.id in cover["Edition"]
    assert cover["Completed by: Name"] == COMPLETED_BY["name"]
    assert cover["Signed by: Chair of the Health and Wellbeing Board"] == SIGN_OFF["chair_hwb"][0]
    assert cover["Signed by: Chair of the Health and Wellbeing Board, date"] == "20 November 2026"
    assert cover["Status"].startswith("Draft")
    assert cover["Return fingerprint"].startswith("sha256:")
    assert "manifest.json" in cover["Bundle id"]
    support = list(seed_workbook["Support requested"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[5]) for row in support] == list(SUPPORT.items())
    assert {row[0] for row in support} == {"Leicestershire"}
    good = list(seed_workbook["Good practice"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in good] == list(GOOD_PRACTICE)
    assert {row[0] for row in good} == {"Leicestershire"}
    assert good[0][5] == "1.1 minutes.pdf"


def test_document_properties(seed_workbook: openpyxl.Workbook) -> None:
    properties = seed_workbook.properties
    assert properties.title == "Winterbourne View Local Stocktake, June 2013: Leicestershire"
    assert properties.subject == "Winterbourne View stocktake return – Leicestershire"
    assert properties.creator == "Jo Bloggs, Leicestershire"


# ------------------------------------------------------------------------------ safe text
TRICKY = {
    "1.1": "=SUM(A1)",
    "1.2": "+44 1234 567890",
    "1.3": "-x",
    "1.4": "@cmd",
    "1.5": "\tindented",
    "1.6": "#N/A",
    "1.7": "#REF!",
    "1.8": "#DIV/0!",
    "1.9": '=HYPERLINK("http://evil.example","click")',
    "2.1": "Plain text = fine",
}


@pytest.fixture
def tricky_return(tmp_path: Path) -> Path:
    path = tmp_path / "tricky.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        for ref, text in TRICKY.items():
            document.set_narrative(ref, text)
        document.set_good_practice_note("2.2", "=1+1")
        document.set_support_required("2.3", "#VALUE!")
        document.set_narrative("2.4", "😀" * 20_000)  # 40,000 UTF-16 units: over the limit
        document.set_narrative("2.5", "é" * 40_000)
        document.set_narrative("2.6", "x" * (CELL_LIMIT - 1) + "😀")  # the emoji straddles it
    return path


def _sheet(tmp_path: Path, path: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    result = export_return(path, tmp_path / "out")
    workbook = openpyxl.load_workbook(result.folder / f"{result.name}.xlsx")
    return workbook["Return"]


def _response(sheet: openpyxl.worksheet.worksheet.Worksheet, ref: str) -> openpyxl.cell.Cell:
    number = default_template().question(ref).number
    return sheet.cell(row=number + 1, column=8)


def test_formula_and_error_text_stays_text_with_a_quote_prefix(
    tmp_path: Path, tricky_return: Path
) -> None:
    sheet = _sheet(tmp_path, tricky_return)
    for ref, text in TRICKY.items():
        cell = _response(sheet, ref)
        assert cell.value == text, ref
        assert cell.data_type == "s", ref
        assert cell.quotePrefix == (ref != "2.1"), ref
    note = sheet.cell(row=default_template().question("2.2").number + 1, column=10)
    assert (note.value, note.data_type, note.quotePrefix) == ("=1+1", "s", True)
    support = sheet.cell(row=default_template().question("2.3").number + 1, column=12)
    assert (support.value, support.data_type, support.quotePrefix) == ("#VALUE!", "s", True)
    plain = _response(sheet, "3.1")
    assert plain.value is None  # unanswered stays empty


def test_no_formula_or_error_reaches_the_xml(tmp_path: Path, tricky_return: Path) -> None:
    import zipfile

    result = export_return(tricky_return, tmp_path / "out")
    with zipfile.ZipFile(result.folder / f"{result.name}.xlsx") as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and 't="e"' not in sheet_xml


def test_over_limit_text_is_cut_with_a_note_and_no_broken_emoji(
    tmp_path: Path, tricky_return: Path
) -> None:
    result = export_return(tricky_return, tmp_path / "out")
    assert result.cut_refs == ["2.4", "2.5", "2.6"]
    sheet = openpyxl.load_workbook(result.folder / f"{result.name}.xlsx")["Return"]
    emoji = _response(sheet, "2.4").value
    assert emoji.endswith(CUT_NOTE)
    assert utf16_length(emoji) <= CELL_LIMIT
    kept = emoji[: -len(CUT_NOTE)]
    assert set(kept) == {"😀"} and len(kept) == (CELL_LIMIT - utf16_length(CUT_NOTE)) // 2
    accented = _response(sheet, "2.5").value
    assert accented == "é" * (CELL_LIMIT - utf16_length(CUT_NOTE)) + CUT_NOTE
    straddle = _response(sheet, "2.6").value
    assert straddle.endswith(CUT_NOTE) and "\ud83d" not in straddle
    assert utf16_length(straddle) <= CELL_LIMIT


def test_illegal_xml_characters_never_reach_the_file(tmp_path: Path) -> None:
    from stocktake_desktop.export.safe_text import safe_text

    # The document already drops control characters; the exporter must cope if one gets by.
    assert safe_text("a\x00b\x01c\x0bd\x1fe\ufffef").text == "abcdef"
    assert safe_text("tab\tand\nnewline").text == "tab\tand\nnewline"
    path = tmp_path / "ctl.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("1.1", "bell\x07 and vertical\x0btab and form\x0cfeed")
    sheet = _sheet(tmp_path, path)
    assert _response(sheet, "1.1").value == "bell and vertical\ntab and form\nfeed"


def test_changes_after_submission_get_their_own_sheet(tmp_path: Path, seed_return: Path) -> None:
    path = seed_return
    with ReturnDocument.open(path, "Alice") as document:
        document.set_codes("3.5", [2])
    first = export_return(path, tmp_path / "one", final=True)
    assert (
        "Changes after submission"
        not in openpyxl.load_workbook(first.folder / f"{first.name}.xlsx").sheetnames
    )
    with ReturnDocument.open(path, "Bob") as document:
        document.set_narrative("4.2", "=Updated after the deadline")
        document.set_sign_off("ccg_rep", name="Dr New Rep")
    second = export_return(path, tmp_path / "two", final=True)
    workbook = openpyxl.load_workbook(second.folder / f"{second.name}.xlsx")
    rows = list(workbook["Changes after submission"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[2], row[3]) for row in rows] == [
        ("Bob", "4.2", "Assessment"),
        ("Bob", None, "Signed by: CCG representative (name)"),
    ]
    assert rows[0][5] == "=Updated after the deadline"
    cell = workbook["Changes after submission"]["F2"]
    assert cell.data_type == "s" and cell.quotePrefix
    # A third export after the second final lists only what changed since the second.
    with ReturnDocument.open(path, "Cat") as document:
        document.set_support_required("1.1", "More help")
    third = export_return(path, tmp_path / "three")
    rows = list(
        openpyxl.load_workbook(third.folder / f"{third.name}.xlsx")[
            "Changes after submission"
        ].iter_rows(min_row=2, values_only=True)
    )
    assert [(row[1], row[2], row[3]) for row in rows] == [("Cat", "1.1", "Support required")]
