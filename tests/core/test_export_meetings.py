"""Meetings in the bundle: the PDF's "How this return was agreed" and "Action plan", the
workbook's Actions sheet and Agreed column, read back with pypdf and openpyxl (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.bundle import BundleResult
from stocktake_desktop.export.pdf_styles import markup
from stocktake_desktop.export.verify import verify_bundle
from stocktake_desktop.export.workbook import ACTION_COLUMNS, RETURN_COLUMNS
from stocktake_desktop.template import default_template
from tests.helpers import (
    ACTION_HOUSING,
    ACTION_REGISTER,
    ANN,
    BOARD,
    HWB,
    PRIYA,
    TOM,
    export_meetings_return,
    export_return,
    pdf_body_text,
    squash,
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BundleResult]:
    _path, result = export_meetings_return(tmp_path_factory.mktemp("meetings"))
    yield result


@pytest.fixture(scope="module")
def body(bundle: BundleResult) -> str:
    return squash(pdf_body_text(bundle.folder / f"{bundle.name}.pdf"))


@pytest.fixture(scope="module")
def workbook(bundle: BundleResult) -> Iterator[openpyxl.Workbook]:
    book = openpyxl.load_workbook(bundle.folder / f"{bundle.name}.xlsx")
    yield book
    book.close()


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_the_pdf_says_how_the_return_was_agreed(body: str) -> None:
    agreed = _between(body, "How this return was agreed", "Action plan")
    assert "The partnership met twice to agree this return" in agreed
    assert "Of its 61 answers, 2 are agreed and 59 are still drafts." in agreed
    board, hwb = _between(agreed, "m1 · ", "m2 · "), _between(agreed, "m2 · ", "Each answer")
    assert f"{BOARD[0]} Date 20 June 2013 Chair {BOARD[2]} Attended 3 people" in board
    for name, organisation in (PRIYA, TOM, ANN):
        assert f"{name} {organisation}" in board
    assert f"{HWB[0]} Date 27 June 2013 Chair {HWB[2]} Attended 2 people" in hwb
    assert TOM[0] not in hwb
    answers = agreed[agreed.index("Each answer") :]
    # 1.1 was agreed in m1, then rewritten in m2: it fell back to draft there.
    assert (
        "1.1 Are you establishing local arrangements for joint… Draft "
        + ("Health and Wellbeing Board, 27 June 2013")
        in answers
    )
    assert "Agreed Partnership Board, 20 June 2013 1.3" in answers  # 1.2
    assert "Note: Figures checked Agreed Health and Wellbeing Board, 27 June 2013" in answers
    for question in default_template().questions:
        assert f" {question.ref} " in f" {answers} ", question.ref


def test_the_pdf_has_the_action_plan_before_the_sign_off(body: str) -> None:
    plan = _between(body, "Action plan", "This document has been completed by")
    assert plan.startswith("Action plan Ref Action Owner Due Status")
    assert (
        f"2.1 {ACTION_REGISTER} Set at Partnership Board, 20 June 2013 {PRIYA[0]} {PRIYA[1]} "
        "1 July 2013 Open"
    ) in plan
    assert (
        f"4.5 {ACTION_HOUSING} Set at Health and Wellbeing Board, 27 June 2013 {ANN[0]} {ANN[1]} "
        "15 July 2013 Done"
    ) in plan
    template = default_template()
    last_question = template.questions[-1]
    assert body.index(last_question.text) < body.index("How this return was agreed")


def test_the_workbook_has_an_actions_sheet(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == [
        "Return",
        "Cover",
        "Support requested",
        "Good practice",
        "Actions",
    ]
    sheet = workbook["Actions"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(name for name, _width in ACTION_COLUMNS)
    template = default_template()
    assert rows[1:] == [
        (
            "Leicestershire",
            "a1",
            "2.1",
            template.question("2.1").text,
            ACTION_REGISTER,
            PRIYA[0],
            PRIYA[1],
            datetime(2013, 7, 1),
            "Open",
            "Partnership Board, 20 June 2013",
        ),
        (
            "Leicestershire",
            "a2",
            "4.5",
            template.question("4.5").text,
            ACTION_HOUSING,
            ANN[0],
            ANN[1],
            datetime(2013, 7, 15),
            "Done",
            "Health and Wellbeing Board, 27 June 2013",
        ),
    ]
    due = sheet.cell(row=2, column=[n for n, _w in ACTION_COLUMNS].index("Due") + 1)
    assert due.is_date and due.number_format == "d mmmm yyyy"  # shows 1 July 2013, sorts
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:J3"


def test_the_return_sheet_says_which_answers_are_agreed(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["Return"]
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == "Agreed" and header == [name for name, _width in RETURN_COLUMNS]
    column = header.index("Agreed")
    agreed = {row[2]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(agreed) == 61
    assert {ref: value for ref, value in agreed.items() if value != "No"} == {
        "1.2": "Yes",
        "2.1": "Yes",
    }


def test_the_bundle_with_meetings_verifies(bundle: BundleResult) -> None:
    assert bundle.zip_path is not None
    report = verify_bundle(bundle.zip_path)
    assert report.intact, report.lines()
    assert verify_bundle(bundle.folder).intact


def test_a_return_without_meetings_has_no_agreement_pages(
    tmp_path: Path, seed_return: Path
) -> None:
    result = export_return(seed_return, tmp_path / "out")
    text = squash(pdf_body_text(result.folder / f"{result.name}.pdf"))
    assert "How this return was agreed" not in text and "Action plan" not in text
    book = openpyxl.load_workbook(result.folder / f"{result.name}.xlsx")
    actions = list(book["Actions"].iter_rows(values_only=True))
    assert actions == [tuple(name for name, _width in ACTION_COLUMNS)]  # headings only
    column = [name for name, _width in RETURN_COLUMNS].index("Agreed")
    assert {row[column] for row in book["Return"].iter_rows(min_row=2, values_only=True)} == {"No"}


def test_the_fingerprint_covers_agreement_and_actions(tmp_path: Path, seed_return: Path) -> None:
    plain = export_return(seed_return, tmp_path / "one").manifest["return_fingerprint"]
    again = export_return(seed_return, tmp_path / "two").manifest["return_fingerprint"]
    assert plain == again
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.set_agreement("1.1", "agreed")
    agreed = export_return(seed_return, tmp_path / "three").manifest["return_fingerprint"]
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_action("1.1", "Share the board's terms of reference")
    acted = export_return(seed_return, tmp_path / "four").manifest["return_fingerprint"]
    assert len({plain, agreed, acted}) == 3


def test_typed_text_stays_text_in_both(tmp_path: Path, seed_return: Path) -> None:
    hostile = "=HYPERLINK(\"http://x\") <b>bold</b> & <img src='y'/>"
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.start_meeting("<i>Board</i> & co", "20/06/2013", "=1+1")
        document.add_attendee("m1", "@Priya", "-Council <u>")
        document.add_action("1.1", hostile, owner="@Priya", due="2013-07-01")
        document.set_agreement("1.1", "needs-work", "+note <br/>")
    result = export_return(seed_return, tmp_path / "out")
    text = squash(pdf_body_text(result.folder / f"{result.name}.pdf"))
    assert hostile in text and "<i>Board</i> & co" in text and "-Council <u>" in text
    assert "Note: +note <br/>" in text
    book = openpyxl.load_workbook(result.folder / f"{result.name}.xlsx")
    row = book["Actions"][2]
    cells = {name: row[index] for index, (name, _width) in enumerate(ACTION_COLUMNS)}
    for name, value in (("Action", hostile), ("Owner", "@Priya"), ("Organisation", "-Council <u>")):
        assert (cells[name].value, cells[name].data_type, cells[name].quotePrefix) == (
            value,
            "s",
            True,
        ), name


def test_control_characters_never_reach_the_pdf() -> None:
    assert markup("a\x00b\x1bc\nd") == "abc<br/>d"
