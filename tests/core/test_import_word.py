"""Importing a Word return in the programme's template: seed 001 rebuilt as .docx files.

Every answer and the completion block are recovered, whatever quirk the document has; codes are
never touched; an import into a return with answers replaces only what the Word return holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from tests.helpers import refused_import, run_cli
from tests.word_fixtures import (
    SEED_COMPLETION,
    build_long_table,
    build_word_document,
    build_word_return,
    build_zip_bomb,
    seed_answer_pieces,
    seed_layout,
)

#: How each answer that runs on after a page break is joined (a new sentence starts a line).
JOINS = {
    "1.3": [" "],
    "1.7": ["\n", "\n", "\n"],
    "2.1": ["\n"],
    "5.1": [" "],
    "5.4": [" "],
    "5.5": ["\n"],
    "5.8": [" "],
    "6.9": [" "],
    "8.1": [" "],
    "10.2": [" "],
}
#: 2.6's answer ran on into 2.7's cell, before "2.7".
RAN_ON = (
    "Children and Young Peoples commissioners sitting alongside Adults commissioners). This "
    "maximises the opportunity to pool expertise and knowledge in seeking the best choice for "
    "individuals."
)


def expected_answers() -> dict[str, str]:
    """Each question's answer as the area wrote it, from the seed's cells."""
    expected = {}
    for ref, pieces in seed_answer_pieces().items():
        first = re.sub(rf"^\s*{re.escape(ref)}\.?\s+", "", pieces[0]).strip()
        text = first
        for joint, piece in zip(JOINS.get(ref, []), pieces[1:], strict=True):
            text += joint + piece.strip()
        expected[ref] = text
    expected["2.6"] += " " + RAN_ON
    expected["2.7"] = expected["2.7"].removeprefix(RAN_ON + " 2.7 ")
    return expected


@pytest.fixture(scope="module")
def word_return(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_word_return(tmp_path_factory.mktemp("word") / "rotherham.docx")


@pytest.fixture
def target(returns_dir: Path) -> Path:
    path = returns_dir / "rotherham.stocktake"
    ReturnDocument.create(path, "Rotherham", "Alice").close()
    return path


def imported(target: Path, source: Path) -> tuple[dict[str, str], dict[str, str], str]:
    """Import ``source`` as Jo: (narratives by ref, completion values, what was printed)."""
    code, out, err = run_cli("import", target, source, "--as", "Jo")
    assert (code, err) == (0, ""), err
    with ReturnDocument.open(target, "Alice", read_only=True) as document:
        answers = {ref: a.narrative for ref, a in document.answers().items()}
        completion = {k: v for k, v in document.completion().items() if v}
    return answers, completion, out


def test_all_61_answers_and_the_completion_block_are_recovered(
    target: Path, word_return: Path
) -> None:
    answers, completion, out = imported(target, word_return)
    assert answers == expected_answers()
    assert len(answers) == 61 and all(answers.values())
    with ReturnDocument.open(target, "Alice", read_only=True) as document:
        assert all(not answer.codes for answer in document.answers().values())
    assert completion == SEED_COMPLETION
    lines = out.splitlines()
    assert lines[0] == (
        "Imported rotherham.docx (a Word return) into rotherham.stocktake as Jo: 61 filled, "
        "0 replaced, 0 unchanged, 0 left alone, 0 not recognised; completed by and sign-off: "
        "6 of 6 changed."
    )
    assert (
        "Note: A Word return has no status codes: every question's codes are left as they "
        "are, for you to choose." in lines
    )
    assert "2.6: the text at the start of 2.7's answer" in out
    assert '"Monter Kinder Italwards." is taken as the signature' in out
    assert "1.1 filled: assessment" in lines and "11.3 filled: assessment" in lines
    assert "Chair HWB (signed by): filled" in lines


def test_another_localitys_word_return_is_imported_with_a_note(
    returns_dir: Path, word_return: Path, target: Path
) -> None:
    northants = returns_dir / "northants.stocktake"
    ReturnDocument.create(northants, "Northamptonshire", "Alice").close()
    note = (
        "Note: This is Rotherham's return (its contact is at rotherham.gov.uk and it never "
        "names Northamptonshire); you are importing into Northamptonshire's. The locality "
        "stays Northamptonshire."
    )
    for extra in (("--dry-run",), ()):
        code, out, err = run_cli("import", northants, word_return, "--as", "Jo", *extra)
        assert (code, err) == (0, "")  # noted, never refused
        assert out.splitlines()[1] == note  # first of the notes
    with ReturnDocument.open(northants, "Reader", read_only=True) as document:
        assert document.locality == "Northamptonshire"
        assert document.answer("1.1").narrative == expected_answers()["1.1"]
    _answers, _completion, out = imported(target, word_return)  # Rotherham's own: no note
    assert "you are importing into" not in out


def test_no_word_of_the_answers_is_lost(target: Path, word_return: Path) -> None:
    answers, _completion, _out = imported(target, word_return)
    written = [
        re.sub(rf"^\s*{re.escape(ref)}\.?\s+", "", piece) if index == 0 else piece
        for ref, pieces in seed_answer_pieces().items()
        for index, piece in enumerate(pieces)
    ]
    words = " ".join(written).replace(" 2.7 There", " There").split()
    assert sorted(" ".join(answers.values()).split()) == sorted(words)


@pytest.mark.parametrize(
    "quirks",
    [
        {"repeat_header_before": ("1.4", "4.1", "9.1", "11.1")},
        {"split_tables": True},
        {"merged_continuations": True},
        {"tracked_changes": True},
        {
            "repeat_header_before": ("3.1",),
            "split_tables": True,
            "merged_continuations": True,
            "tracked_changes": True,
        },
    ],
    ids=["headers repeated", "tables split", "merged cells", "tracked changes", "all"],
)
def test_each_quirk_of_a_word_document(
    target: Path, tmp_path: Path, quirks: dict[str, object]
) -> None:
    source = build_word_return(tmp_path / "quirky.docx", **quirks)  # type: ignore[arg-type]
    answers, completion, out = imported(target, source)
    assert answers == expected_answers()
    assert completion == SEED_COMPLETION
    assert "not recognised" in out.splitlines()[0] and "0 not recognised" in out


def test_good_practice_and_support_columns(target: Path, tmp_path: Path) -> None:
    source = build_word_return(
        tmp_path / "ticks.docx",
        good_practice={
            "1.1": "✓ Joint commissioning protocol attached",
            "4.6": "Yes",
            "5.2": "Provider forum minutes",
            "6.1": "No",
            "8.2": "☐",
        },
        support={"6.9": "Advice on housing options for 2 people", "9.1": "Help with the MPS"},
    )
    imported(target, source)
    with ReturnDocument.open(target, "Alice", read_only=True) as document:
        answers = document.answers()
    ticked = {ref: a.good_practice_note for ref, a in answers.items() if a.good_practice}
    assert ticked == {
        "1.1": "Joint commissioning protocol attached",
        "4.6": "",
        "5.2": "Provider forum minutes",
    }
    needs = {ref: a.support_required for ref, a in answers.items() if a.support_required}
    assert needs == {"6.9": "Advice on housing options for 2 people", "9.1": "Help with the MPS"}


def test_a_return_with_answers_keeps_what_the_word_return_does_not_hold(
    target: Path, word_return: Path
) -> None:
    same = expected_answers()["2.1"]
    with ReturnDocument.open(target, "Alice") as document:
        document.set_codes("1.1", [1])
        document.set_narrative("1.1", "Our draft")
        document.set_support_required("1.1", "Help wanted")
        document.set_narrative("2.1", same)
        document.set_completed_by("name", "Someone Else")
        document.set_sign_off("ccg_rep", date="2013-07-01")
    _answers, completion, out = imported(target, word_return)
    lines = out.splitlines()
    assert "59 filled, 1 replaced, 1 unchanged" in lines[0]
    assert "1.1 replaced: assessment" in lines
    assert "2.1 unchanged: the Word return gives the same" in lines
    assert "Name (completed by): replaced" in lines
    with ReturnDocument.open(target, "Alice", read_only=True) as document:
        answer = document.answer("1.1")
        assert answer.codes == (1,) and answer.support_required == "Help wanted"
        assert answer.narrative == expected_answers()["1.1"]
        history = document.change_log("1.1")
        log = document.change_log()
    assert completion["completed_by.name"] == "John Williams"
    assert completion["sign_off.ccg_rep.date"] == "2013-07-01"
    assert [(e.who, e.old, e.new) for e in history if e.field == "narrative"][-1] == (
        "Jo",
        "Our draft",
        expected_answers()["1.1"],
    )
    notes = [e for e in log if e.field == "import"]
    assert [(e.who, e.new) for e in notes] == [
        ("Jo", "Imported from the Word return rotherham.docx")
    ]
    after = log[log.index(notes[0]) :]
    assert {e.who for e in after} == {"Jo"} and len(after) == 1 + 60 + 6


def test_importing_it_again_changes_nothing(target: Path, word_return: Path) -> None:
    imported(target, word_return)
    before = len(dumped_log(target))
    _answers, _completion, out = imported(target, word_return)
    assert "0 filled, 0 replaced, 61 unchanged" in out.splitlines()[0]
    assert len(dumped_log(target)) == before


def dumped_log(target: Path) -> list[object]:
    with ReturnDocument.open(target, "Alice", read_only=True) as document:
        return list(document.change_log())


def test_dry_run_prints_the_plan_and_writes_nothing(target: Path, word_return: Path) -> None:
    before = target.read_bytes()
    code, out, err = run_cli("import", target, word_return, "--dry-run")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(
        "Would import rotherham.docx (a Word return) into rotherham.stocktake"
    )
    assert "61 filled" in lines[0] and "1.1 filled: assessment" in lines
    assert lines[-1] == "Nothing was written (--dry-run)."
    assert target.read_bytes() == before


def test_a_renamed_word_return_is_still_read_as_one(
    target: Path, word_return: Path, tmp_path: Path
) -> None:
    renamed = tmp_path / "answers.xlsx"
    renamed.write_bytes(word_return.read_bytes())
    answers, _completion, out = imported(target, renamed)
    assert "(a Word return)" in out.splitlines()[0]
    assert answers == expected_answers()


def test_rows_without_a_number_strays_and_a_fuller_sign_off(target: Path, tmp_path: Path) -> None:
    layout = seed_layout()
    rows = layout.rows
    index = next(i for i, cells in enumerate(rows) if cells[0].startswith("3.2 "))
    rows[index][0] = rows[index][0].removeprefix("3.2 ")  # the number deleted
    rows.insert(index + 1, ["Notes from the working group", "To be discussed", "", ""])
    index = next(i for i, cells in enumerate(rows) if cells[0].startswith("9.2 "))
    rows[index][0] += " Yes, and the reviews are recorded in the plan."
    start = layout.after.index("Signed by:")
    layout.after[start:] = [
        "Signed by:",
        "Chair HWB: Councillor K J Wyatt JP",
        "Date: 3 July 2013",
        "LA Chief Executive:",
        "Signature: M Kimber",
        "Name: Martin Kimber",
        "Date: 31/06/2013",
        "CCG rep:",
        "Chris Edwards",
    ]
    source = build_word_return(tmp_path / "edited.docx", layout=layout)
    answers, completion, out = imported(target, source)
    lines = out.splitlines()
    assert answers["3.2"] == "As above" and answers["3.3"].startswith("Yes – the review")
    assert '3.2: recognised by its wording "Is there clarity about the role and function' in out
    assert (
        'Not recognised: "Notes from the working group To be discussed" is not a question of '
        "Winterbourne View Local Stocktake, June 2013, so it is not imported" in lines
    )
    assert "9.2: its question cell holds more than the question, which is not imported" in out
    assert answers["9.2"] == "Yes – the reviews consider all these issues where appropriate"
    assert completion == {
        "completed_by.name": "John Williams",
        "completed_by.organisation": "Joint RMBC/NHS Learning Disability Service",
        "completed_by.contact": "01709 302839 or john.williams@rotherham.gov.uk",
        "sign_off.chair_hwb.name": "Councillor K J Wyatt JP",
        "sign_off.chair_hwb.date": "2013-07-03",
        "sign_off.la_chief_executive.name": "Martin Kimber",
        "sign_off.ccg_rep.name": "Chris Edwards",
    }
    assert 'LA Chief Executive: the date "31/06/2013" is not a date, so it is not imported' in out
    assert 'LA Chief Executive: "M Kimber" is taken as the signature' in out


# ------------------------------------------------------------------------ refused, nothing written
def test_a_table_far_longer_than_any_return(target: Path, tmp_path: Path) -> None:
    long = build_long_table(tmp_path / "long.docx", rows=2_001)
    assert refused_import(target, long) == (
        "error: long.docx has more than 2,000 table rows, far more than any stocktake return, "
        "so it is not read."
    )


def test_a_docx_that_is_not_a_zip(target: Path, tmp_path: Path) -> None:
    fake = tmp_path / "return.docx"
    fake.write_text("Winterbourne View Local Stocktake June 2013\n1.1 Are you…", encoding="utf-8")
    assert refused_import(target, fake) == (
        "error: return.docx is not a Word return: it is named .docx but its content is not an "
        "Office document (it may be damaged, or another kind of file renamed)."
    )


def test_a_zip_bomb_is_refused_unread(target: Path, tmp_path: Path) -> None:
    bomb = build_zip_bomb(tmp_path / "bomb.docx", unpacked_mb=300)
    assert bomb.stat().st_size < 2_000_000
    line = refused_import(target, bomb)
    assert line.startswith("error: bomb.docx would unpack to 300 MB, far more than any Word return")
    text_bomb = build_zip_bomb(tmp_path / "text.docx", unpacked_mb=40)
    assert "bomb" not in refused_import(target, text_bomb)
    assert "text.docx's text would unpack to 40 MB" in refused_import(target, text_bomb)


def test_a_word_document_that_is_not_a_return(target: Path, tmp_path: Path) -> None:
    minutes = build_word_document(
        tmp_path / "minutes.docx",
        ["Learning Disability Partnership Board", "Minutes of the meeting of 4 June 2013"],
        [["1.1 Apologies", "Cllr Smith"], ["1.2 Minutes of the last meeting", "Agreed"]],
    )
    assert refused_import(target, minutes) == (
        "error: minutes.docx is a Word document, but not a stocktake return: none of its rows "
        "is a question of Winterbourne View Local Stocktake, June 2013."
    )


def test_a_word_return_of_another_edition(target: Path, tmp_path: Path) -> None:
    later = build_word_return(
        tmp_path / "2014.docx", title="Winterbourne View Local Stocktake June 2014"
    )
    assert refused_import(target, later) == (
        "error: 2014.docx is a Word return of another edition (Winterbourne View Local Stocktake "
        "June 2014); this return is Winterbourne View Local Stocktake, June 2013."
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            "is an old-style Office file",
        ),
        (
            "locked.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            "or a password-protected one",
        ),
        ("empty.docx", b"", "empty.docx cannot be imported: it is empty."),
        (
            "cut.docx",
            b"PK\x03\x04" + bytes(100),
            "cut.docx is damaged: it is not a complete Office document",
        ),
        (
            "notes.txt",
            b"Some notes",
            "notes.txt cannot be imported: it is not a return (.stocktake)",
        ),
    ],
)
def test_files_that_are_no_source(
    target: Path, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert expected in refused_import(target, path)


def test_a_zip_that_is_not_an_office_document(target: Path, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
    assert (
        refused_import(target, path)
        == "error: photos.docx is a zip file, but neither a Word document nor a workbook."
    )
