"""Importing a workbook the app exported (e.g. last year's bundle): answers, codes, good
practice and support matched by ref; completion from the Cover sheet; other workbooks refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stocktake_desktop.document import Answer, ReturnDocument
from tests.helpers import export_return, refused_import, run_cli


def export_workbook(path: Path, out: Path) -> Path:
    """Export the return at ``path`` and give the bundle's workbook."""
    [workbook] = export_return(path, out).folder.glob("*.xlsx")
    return workbook


def contents(path: Path) -> tuple[dict[str, Answer], dict[str, str]]:
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        return document.answers(), {k: v for k, v in document.completion().items() if v}


@pytest.fixture
def workbook(seed_return: Path, tmp_path: Path) -> Path:
    return export_workbook(seed_return, tmp_path / "out")


@pytest.fixture
def target(returns_dir: Path) -> Path:
    path = returns_dir / "next-year.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    return path


def edit_workbook(path: Path, sheet: str, change: Any) -> Path:
    """Change the workbook at ``path`` with ``change(sheet)`` and save it."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    change(book[sheet])
    book.save(path)
    return path


def cell(sheet: Any, heading: str, ref: str) -> Any:
    """The cell of question ``ref`` under ``heading`` in the Return sheet."""
    headings = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headings.index("Ref")].value == ref:
            return row[headings.index(heading)]
    raise KeyError(ref)


def test_export_then_import_into_a_new_return_gives_the_same_answers(
    seed_return: Path, workbook: Path, target: Path
) -> None:
    code, out, err = run_cli("import", target, workbook, "--as", "Jo")
    assert (code, err) == (0, "")
    first = out.splitlines()[0]
    assert first.startswith(f"Imported {workbook.name} (a workbook exported by Stocktake Desktop)")
    assert "61 filled, 0 replaced, 0 unchanged, 0 left alone, 0 not recognised" in first
    assert contents(target) == contents(seed_return)
    with ReturnDocument.open(target, "Reader", read_only=True) as document:
        notes = [e for e in document.change_log() if e.field == "import"]
        assert [(e.who, e.new) for e in notes] == [
            ("Jo", f"Imported from the workbook {workbook.name}")
        ]
        assert {e.who for e in document.change_log()[1:]} == {"Jo"}


def test_another_localitys_workbook_is_imported_with_a_note(
    workbook: Path, returns_dir: Path
) -> None:
    rutland = returns_dir / "rutland.stocktake"
    ReturnDocument.create(rutland, "Rutland", "Alice").close()
    code, out, err = run_cli("import", rutland, workbook, "--as", "Jo")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == (
        "Note: This is Leicestershire's return; you are importing into Rutland's. The "
        "locality stays Rutland."
    )
    assert contents(rutland)[0]["2.1"].narrative != ""


def test_only_what_the_workbook_holds_is_written(workbook: Path, target: Path) -> None:
    edit_workbook(workbook, "Return", lambda s: setattr(cell(s, "Response", "2.1"), "value", None))
    edit_workbook(workbook, "Return", lambda s: setattr(cell(s, "Coded as", "2.1"), "value", None))
    with ReturnDocument.open(target, "Alice") as document:
        document.set_narrative("2.1", "This year's text")
        document.set_codes("2.1", [0])
        document.set_support_required("1.1", "Ours")
    code, out, _err = run_cli("import", target, workbook)
    assert code == 0
    lines = out.splitlines()
    assert "2.1 filled: support required" in lines
    answers, _completion = contents(target)
    assert answers["2.1"].narrative == "This year's text" and answers["2.1"].codes == (0,)
    assert answers["1.1"].support_required == "Ours"  # the seed's 1.1 asks no support


def test_rows_it_cannot_use_are_listed_and_left_alone(workbook: Path, target: Path) -> None:
    def spoil(sheet: Any) -> None:
        cell(sheet, "Coded as", "1.1").value = 9
        cell(sheet, "Coded as", "2.1").value = "1, 2"
        cell(sheet, "Ref", "11.3").value = "12.1"

    edit_workbook(workbook, "Return", spoil)
    code, out, _err = run_cli("import", target, workbook)
    assert code == 0, out
    lines = out.splitlines()
    assert "60 filled, 0 replaced, 0 unchanged, 1 left alone, 3 not recognised" in lines[0]
    assert "11.3 left alone: not in the workbook" in lines
    assert any(
        line.startswith('Not recognised: 1.1: coded as "9" is not a choice from its list')
        for line in lines
    )
    assert any(line.startswith('Not recognised: 2.1: coded as "1, 2"') for line in lines)
    assert (
        'Not recognised: the row for "12.1" is not a question of Winterbourne View Local '
        "Stocktake, June 2013, so it is not imported" in lines
    )
    answers, _completion = contents(target)
    assert answers["1.1"].codes == () and answers["1.1"].narrative


def test_evidence_named_in_the_workbook_is_pointed_out(
    seed_return: Path, target: Path, tmp_path: Path
) -> None:
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(b"%PDF-1.4 minutes")
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_evidence("1.1", minutes)
    workbook = export_workbook(seed_return, tmp_path / "out")
    _code, out, _err = run_cli("import", target, workbook)
    assert "Note: 1.1: the evidence named in the workbook" in out
    with ReturnDocument.open(target, "Reader", read_only=True) as document:
        assert document.evidence() == []


# ------------------------------------------------------------------------ refused, nothing written
def test_a_workbook_of_another_edition(workbook: Path, target: Path) -> None:
    def later(sheet: Any) -> None:
        for row in sheet.iter_rows():
            if row[0].value == "Edition":
                row[
                    1
                ].value = "Winterbourne View Local Stocktake, June 2014 (wv-jip-stocktake-2014)"

    edit_workbook(workbook, "Cover", later)
    assert refused_import(target, workbook) == (
        f"error: {workbook.name} is a workbook of another stocktake edition "
        "(wv-jip-stocktake-2014); this return is Winterbourne View Local Stocktake, June 2013 "
        "(wv-jip-stocktake-2013)."
    )


def test_a_workbook_of_a_changed_edition(workbook: Path, target: Path) -> None:
    def rehash(sheet: Any) -> None:
        for row in sheet.iter_rows():
            if row[0].value == "Edition hash":
                row[1].value = "sha256:" + "0" * 64

    edit_workbook(workbook, "Cover", rehash)
    assert "was exported from a different version of Winterbourne View" in refused_import(
        target, workbook
    )


def test_a_collated_workbook_of_several_returns(workbook: Path, target: Path) -> None:
    def stack(sheet: Any) -> None:
        first = [c.value for c in sheet[2]]
        for locality in ("Rutland", "Leicester"):
            sheet.append([locality, *first[1:]])

    edit_workbook(workbook, "Return", stack)
    assert refused_import(target, workbook).endswith(
        "holds the answers of 3 localities (Leicester, Leicestershire, Rutland): import the "
        "workbook of one return."
    )


def test_a_workbook_not_made_by_the_app(target: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Ref", "Response"])
    book.active.append(["1.1", "Yes"])
    path = tmp_path / "budget.xlsx"
    book.save(path)
    assert refused_import(target, path) == (
        "error: budget.xlsx is a workbook, but not one exported by Stocktake Desktop (it has no "
        "Return and Cover sheets)."
    )
