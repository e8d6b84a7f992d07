"""The record of one meeting: attendees, answers agreed or changed with before and after,
actions set; ``python main.py meeting-record`` (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from stocktake_desktop import cli
from stocktake_desktop.document import AnswerError, ReturnDocument
from stocktake_desktop.export.meeting_record import export_meeting_record
from tests.helpers import (
    ACTION_HOUSING,
    ACTION_REGISTER,
    ANN,
    BOARD,
    NARRATIVE_1_1_AGREED,
    NARRATIVE_2_1_AGREED,
    PRIYA,
    TOM,
    add_two_meetings,
    pdf_body_text,
    seed_fixture,
    squash,
)


@pytest.fixture
def meetings_return(seed_return: Path) -> Path:
    add_two_meetings(seed_return)
    return seed_return


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    return folder


def _record(path: Path, meeting_id: str, out: Path) -> tuple[Path, str]:
    with ReturnDocument.open(path, "Jo Bloggs", read_only=True) as document:
        target = export_meeting_record(document, meeting_id, out)
    return target, squash(pdf_body_text(target))  # without the header and footer


def test_the_record_of_the_first_meeting(meetings_return: Path, out: Path) -> None:
    target, text = _record(meetings_return, "m1", out)
    assert target.name == "WV-Stocktake-2013_Leicestershire_Meeting-m1_2013-06-20.pdf"
    assert text.startswith("Meeting record Partnership Board, 20 June 2013")
    assert f"Chair {BOARD[2]}" in text and "Meeting m1: Partnership Board" in text
    assert (
        "3 people attended. In this meeting 2 answers were agreed, 1 answer needs more work, "
        "1 answer was changed and 1 action was set."
    ) in text
    attendees = text[text.index("Attendees") : text.index("Answers agreed or changed")]
    for name, organisation in (PRIYA, TOM, ANN):
        assert f"{name} {organisation}" in attendees
    answers = text[text.index("Answers agreed or changed") : text.index("Actions set in")]
    assert "Agreement: Draft → Agreed (by Priya Shah)" in answers
    section = answers[answers.index("2.1 Are the costs") :]
    assert section.startswith("2.1 Are the costs of current services understood")
    assert "Agreement: Draft → Needs work (by Priya Shah)" in section
    before = squash(seed_fixture()["2.1"][1])
    assert f"Assessment (by Tom Reed) Before {before} After {NARRATIVE_2_1_AGREED}" in section
    assert "Agreement note (by Priya Shah) Before (empty) After Check the funding figures" in (
        section
    )
    actions = text[text.index("Actions set in this meeting") :]
    assert f"2.1 {ACTION_REGISTER} {PRIYA[0]} {PRIYA[1]} 1 July 2013 Open" in actions
    assert ACTION_HOUSING not in text  # set in the second meeting
    reader = PdfReader(target)
    assert reader.metadata is not None
    assert (
        reader.metadata.title == "Meeting record: Partnership Board, 20 June 2013 (Leicestershire)"
    )
    assert reader.pages[0].extract_text().splitlines()[0].startswith("Meeting record · ")


def test_the_record_of_the_second_meeting_shows_the_fall_back_to_draft(
    meetings_return: Path, out: Path
) -> None:
    _target, text = _record(meetings_return, "m2", out)
    section = text[text.index("1.1 Are you") : text.index("2.1 Are the costs")]
    assert (
        "Agreement: Agreed → Draft (by Ann Baker) back to draft: the answer was changed after "
        "it was agreed"
    ) in section
    before = squash(seed_fixture()["1.1"][1])
    assert f"Before {before} After {NARRATIVE_1_1_AGREED}" in section
    assert "Agreement: Needs work → Agreed" in text
    assert "Before Check the funding figures After Figures checked" in text
    assert f"4.5 {ACTION_HOUSING} {ANN[0]} {ANN[1]} 15 July 2013 Done" in text
    assert TOM[0] not in text


def test_a_meeting_that_changed_nothing_and_is_still_under_way(
    meetings_return: Path, out: Path
) -> None:
    with ReturnDocument.open(meetings_return, "Alice") as document:
        document.start_meeting("Catch-up", "1 July 2013")
    _target, text = _record(meetings_return, "m3", out)
    assert "Ended Still under way" in text
    assert "0 people attended. No answer was agreed or changed in this meeting" in text
    assert "No attendees were listed." in text and "No actions were set." in text


def _restore_and_undo(document: ReturnDocument, point: str) -> None:
    """Restore everything to ``point``, then undo it as the What changed dialog does: each
    field's version from just before put back, the answers' first, then the agreement."""
    wanted = ("codes", "narrative", "good_practice", "good_practice_note", "support_required")
    undo: list[tuple[str, int]] = []
    for change in document.changes_since(point):
        newest: dict[str, int] = {}
        for version in document.field_versions(change.ref):  # newest first
            newest.setdefault(version.field, version.id)
        fields = sorted(newest, key=lambda field: field not in wanted)
        undo.extend((change.ref, newest[field]) for field in fields)
    assert document.restore_to(point)
    with document.batch():
        for ref, version_id in undo:
            document.restore_version(ref, version_id)


def test_a_restore_and_its_undo_are_nobodys_agreement(seed_return: Path, out: Path) -> None:
    from stocktake_desktop.document.models import Attendee

    jo, sam = "Dr Jo Green", "Sam Patel"
    with ReturnDocument.open(seed_return, jo) as document:
        document.start_meeting(*BOARD, [Attendee(jo), Attendee(sam)])
        document.set_agreement("4.5", "agreed")  # Jo's agreement, which stands
        document.set_agreement("2.1", "agreed")
        document.editor = sam
        document.set_narrative("2.1", NARRATIVE_2_1_AGREED)  # back to draft...
        document.set_agreement("2.1", "agreed")  # ...and agreed again, by Sam
        _restore_and_undo(document, "m1")
        assert document.agreement("4.5").status == "agreed"
        assert document.answer("2.1").narrative == NARRATIVE_2_1_AGREED
        document.end_meeting()
    _target, text = _record(seed_return, "m1", out)
    answers = text[text.index("Answers agreed or changed") : text.index("Actions set in")]
    section_4_5 = answers[answers.index("4.5 ") :]
    assert section_4_5.split(" Agreement: ")[1].startswith(f"Draft → Agreed (by {jo}) ")
    section_2_1 = answers[answers.index("2.1 ") : answers.index("4.5 ")]
    assert f"Agreement: Draft → Agreed (by {sam})" in section_2_1
    assert f"Assessment (by {sam}) Before" in section_2_1


def test_records_never_overwrite_each_other(meetings_return: Path, out: Path) -> None:
    first, _ = _record(meetings_return, "m1", out)
    second, _ = _record(meetings_return, "m1", out)
    assert second.name == first.name.replace(".pdf", "_2.pdf")
    assert sorted(path.name for path in out.iterdir()) == sorted([first.name, second.name])


def test_an_unknown_meeting_is_an_answer_error(meetings_return: Path, out: Path) -> None:
    with (
        ReturnDocument.open(meetings_return, "Jo", read_only=True) as document,
        pytest.raises(AnswerError, match="There is no meeting 'm9'"),
    ):
        export_meeting_record(document, "m9", out)
    assert list(out.iterdir()) == []


def test_the_command_writes_the_record(
    meetings_return: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new" / "folder"  # made when missing
    # It only reads the return, so it works while the return is open for editing elsewhere.
    with ReturnDocument.open(meetings_return, "Someone else"):
        code = cli.main(
            ["meeting-record", str(meetings_return), "--meeting", "m2", "--out", str(out)]
        )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    written = out / "WV-Stocktake-2013_Leicestershire_Meeting-m2_2013-06-27.pdf"
    assert printed.out == f"Meeting record: {written}\n" and printed.err == ""
    assert written.read_bytes().startswith(b"%PDF-")
    assert "Health and Wellbeing Board, 27 June 2013" in squash(pdf_body_text(written))


def test_the_command_names_the_meetings_when_the_id_is_unknown(
    meetings_return: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["meeting-record", str(meetings_return), "--meeting", "m9", "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 2 and printed.out == ""
    assert printed.err == (
        "error: There is no meeting 'm9' in this return; its meetings are m1 (Partnership "
        "Board, 20 June 2013); m2 (Health and Wellbeing Board, 27 June 2013).\n"
    )
    assert list(out.iterdir()) == []


def test_the_command_on_a_return_without_meetings(
    seed_return: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["meeting-record", str(seed_return), "--meeting", "m1", "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err == (
        "error: There is no meeting 'm1' in this return; it has no meetings yet.\n"
    )
