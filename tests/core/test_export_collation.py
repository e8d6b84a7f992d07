"""The workbook as the programme collates it: 152 Return sheets stacked into one.

Read back with openpyxl: the locality on every row, one status code as a real number cell,
several codes as text, the code list verbatim from the stocktake, and nothing pasting left
behind (trailing line breaks and spaces) in any cell.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.workbook import RETURN_COLUMNS, coded_as_value, tidy
from stocktake_desktop.template import default_template
from tests.helpers import build_seed_return, export_return


def _return_sheet(result_folder: Path, name: str) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(result_folder / f"{name}.xlsx")["Return"]


def _column(name: str) -> int:
    return [heading for heading, _width in RETURN_COLUMNS].index(name) + 1


def test_tidy_and_coded_as_values() -> None:
    assert tidy("Text pasted from Word\r\n\n  \t\n") == "Text pasted from Word"
    assert tidy("\n\n  \n  Indented first line\nsecond  ") == "  Indented first line\nsecond"
    assert tidy("   ") == ""
    assert coded_as_value([3]) == 3
    assert coded_as_value([7, 5, 6, 5]) == "5, 6, 7"
    assert coded_as_value([]) is None
    assert coded_as_value([0]) == 0  # code 0 is an answer, not an empty cell


def test_two_returns_stack_into_one_collation_sheet(tmp_path: Path) -> None:
    leics = build_seed_return(tmp_path / "leics.stocktake")
    bath = tmp_path / "bath.stocktake"
    with ReturnDocument.create(bath, "Bath and North East Somerset", "Alice") as document:
        document.set_codes("1.1", [3])
        document.set_codes("1.2", [1, 5])
        document.set_narrative("1.1", "New board from April.")
    stacked: list[tuple[object, ...]] = []
    headers = []
    for path in (leics, bath):
        result = export_return(path, tmp_path / "out")
        sheet = _return_sheet(result.folder, result.name)
        rows = list(sheet.iter_rows(values_only=True))
        headers.append(rows[0])
        stacked += rows[1:]
    assert headers[0] == headers[1]  # the same columns, so the sheets stack
    assert len(stacked) == 122
    localities = [row[0] for row in stacked]
    assert localities == ["Leicestershire"] * 61 + ["Bath and North East Somerset"] * 61
    by_ref = {(row[0], row[2]): row for row in stacked}
    coded = _column("Coded as") - 1
    assert by_ref[("Bath and North East Somerset", "1.1")][coded] == 3
    assert by_ref[("Bath and North East Somerset", "1.2")][coded] == "1, 5"
    assert by_ref[("Leicestershire", "1.2")][coded] == "5, 6, 7"


def test_single_codes_are_number_cells_and_several_codes_text(
    tmp_path: Path, seed_return: Path
) -> None:
    result = export_return(seed_return, tmp_path / "out")
    sheet = _return_sheet(result.folder, result.name)
    template = default_template()
    column = _column("Coded as")
    seen = {"n": 0, "s": 0}
    for question in template.questions:
        cell = sheet.cell(row=question.number + 1, column=column)
        if cell.value is None:
            continue
        if isinstance(cell.value, int):
            assert cell.data_type == "n", question.ref  # a number, not "number stored as text"
            seen["n"] += 1
        else:
            assert cell.data_type == "s" and ", " in cell.value, question.ref
            seen["s"] += 1
    assert seen["n"] > 40 and seen["s"] >= 1
    assert sheet.cell(row=template.question("1.2").number + 1, column=column).value == "5, 6, 7"
    # In the XML too: single codes are <c t="n"> (or untyped) with a bare <v>, no shared string.
    import zipfile

    with zipfile.ZipFile(result.folder / f"{result.name}.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    letter = openpyxl.utils.get_column_letter(column)
    row_11 = template.question("1.1").number + 1
    start = xml.index(f'r="{letter}{row_11}"')
    cell_xml = xml[xml.rindex("<c ", 0, start) : xml.index("</c>", start)]
    assert 't="s"' not in cell_xml and 't="inlineStr"' not in cell_xml


def test_codes_used_is_the_code_list_exactly_as_the_template_gives_it(
    tmp_path: Path, seed_return: Path
) -> None:
    result = export_return(seed_return, tmp_path / "out")
    sheet = _return_sheet(result.folder, result.name)
    template = default_template()
    column = _column("Codes used")
    for question in template.questions:
        assert sheet.cell(row=question.number + 1, column=column).value == question.codes_text
    # 1.2 as the programme typed it: "2 -Children Services", "7- Other providers".
    assert sheet.cell(row=3, column=column).value == (
        "0 - No 1 - Asc 2 -Children Services 3 -Housing 4 -Other Council Depts 5 - CCG(s) "
        "6 -Specialist Commissioners 7- Other providers"
    )


def test_nothing_pasting_leaves_reaches_a_cell(tmp_path: Path) -> None:
    path = tmp_path / "pasted.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("1.1", "\r\n\nPasted from an email.\r\n\r\n  \t")
        document.set_good_practice("1.1", True)
        document.set_good_practice_note("1.1", "Board minutes   \n")
        document.set_support_required("1.1", "\n\n=Help with funding\n")
        document.set_narrative("1.3", "First line  \n  second line\n")
        document.set_completed_by("name", "Jo Bloggs")
    result = export_return(path, tmp_path / "out")
    workbook = openpyxl.load_workbook(result.folder / f"{result.name}.xlsx")
    sheet = workbook["Return"]
    row = sheet[2]
    values = {heading: row[index].value for index, (heading, _w) in enumerate(RETURN_COLUMNS)}
    assert values["Response"] == "Pasted from an email."
    assert values["Good practice note"] == "Board minutes"
    support = row[_column("Support required") - 1]
    # Tidied first, then kept as text: "=..." never becomes a formula.
    assert (support.value, support.data_type, support.quotePrefix) == (
        "=Help with funding",
        "s",
        True,
    )
    assert sheet.cell(row=4, column=_column("Response")).value == "First line  \n  second line"
    for each in workbook.worksheets:
        for cells in each.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    assert cell.value == cell.value.rstrip(), (each.title, cell.coordinate)
                    assert not cell.value.startswith(("\n", "\r")), (each.title, cell.coordinate)
