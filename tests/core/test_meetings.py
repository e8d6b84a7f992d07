"""Partnership meetings in the core: meetings, attendees, agreement, actions (issue 11)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from stocktake_desktop.document import AnswerError, NotAReturnError, ReturnDocument
from stocktake_desktop.document.models import Action, Agreement, Attendee
from tests.helpers import step_clock

PRIYA = Attendee("Priya Shah", "Northamptonshire County Council")
TOM = Attendee("Tom Reed", "Nene CCG")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    return step_clock(monkeypatch)


def test_a_meeting_tags_every_change_until_it_ends(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("1.1", "Before the meeting.")
    meeting = new_return.start_meeting("Partnership Board", "20/06/2013", "Cllr K Wyatt", [PRIYA])
    assert (meeting.id, meeting.date, meeting.chair) == ("m1", "2013-06-20", "Cllr K Wyatt")
    assert meeting.attendees == (PRIYA,) and meeting.running
    assert new_return.current_meeting() == meeting
    new_return.add_attendee("m1", TOM.name, TOM.organisation)
    new_return.set_narrative("1.1", "Before the meeting, and in it.")
    ended = new_return.end_meeting()
    assert not ended.running and new_return.current_meeting() is None
    assert ended.attendees == (PRIYA, TOM)
    new_return.set_narrative("1.2", "After it.")

    log = new_return.change_log()
    tags = [(e.ref, e.field, e.meeting) for e in log]
    assert tags == [
        ("1.1", "narrative", ""),
        ("", "meeting", "m1"),
        ("", "attendee", "m1"),
        ("", "attendee", "m1"),
        ("1.1", "narrative", "m1"),
        ("", "meeting", "m1"),
        ("1.2", "narrative", ""),
    ]
    assert log[1].new == "started m1: Partnership Board, 20 June 2013, chaired by Cllr K Wyatt"
    assert log[3].new == "m1: Tom Reed (Nene CCG)"
    assert new_return.start_meeting("Second", "2013-07-01").id == "m2"
    assert [m.id for m in new_return.meetings()] == ["m1", "m2"]


def test_typing_never_extends_a_version_across_the_start_of_a_meeting(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("1.1", "Typed")
    new_return.start_meeting("Partnership Board", "2013-06-20")
    clock(1)
    new_return.set_narrative("1.1", "Typed on")
    versions = [e for e in new_return.change_log("1.1") if e.field == "narrative"]
    assert [(e.new, e.meeting) for e in versions] == [("Typed", ""), ("Typed on", "m1")]


def test_one_meeting_at_a_time_with_a_title_and_a_real_date(new_return: ReturnDocument) -> None:
    with pytest.raises(AnswerError, match="title"):
        new_return.start_meeting(" ", "2013-06-20")
    with pytest.raises(AnswerError, match="31 February"):
        new_return.start_meeting("Board", "31/02/2013")
    with pytest.raises(AnswerError, match="No meeting"):
        new_return.end_meeting()
    new_return.start_meeting("Board", "2013-06-20")
    with pytest.raises(AnswerError, match="still under way"):
        new_return.start_meeting("Another", "2013-06-20")
    with pytest.raises(AnswerError, match="no meeting 'm9'"):
        new_return.add_attendee("m9", "Priya Shah")


def test_meeting_details_and_attendees_can_be_corrected(new_return: ReturnDocument) -> None:
    new_return.start_meeting("Partnersip Board", "2013-06-20", attendees=[PRIYA, TOM])
    fixed = new_return.update_meeting("m1", title="Partnership Board", chair="Cllr K Wyatt")
    assert (fixed.title, fixed.chair) == ("Partnership Board", "Cllr K Wyatt")
    new_return.add_attendee("m1", "Tom Reed", "NHS Nene CCG")
    new_return.remove_attendee("m1", "Priya Shah")
    assert new_return.meeting("m1").attendees == (Attendee("Tom Reed", "NHS Nene CCG"),)
    attendee_log = [(e.old, e.new) for e in new_return.change_log() if e.field == "attendee"]
    assert attendee_log[-2:] == [
        ("m1: Tom Reed (Nene CCG)", "m1: Tom Reed (NHS Nene CCG)"),
        ("m1: Priya Shah (Northamptonshire County Council)", ""),
    ]


def test_people_are_attendees_and_contributors_each_once(new_return: ReturnDocument) -> None:
    new_return.set_narrative("1.1", "Alice contributed this.")
    new_return.start_meeting("Board", "2013-06-20", attendees=[PRIYA])
    new_return.end_meeting()
    new_return.start_meeting("Board", "2013-07-20", attendees=[Attendee("Priya Shah", "NCC")])
    assert new_return.people() == [Attendee("Alice"), Attendee("Priya Shah", "NCC")]


def test_agreement_records_the_meeting_and_is_logged(new_return: ReturnDocument) -> None:
    assert new_return.agreement("1.1") == Agreement("1.1", "draft", "", "")
    new_return.start_meeting("Board", "2013-06-20")
    agreed = new_return.set_agreement("1.1", "agreed", "Agreed by all partners")
    assert agreed == Agreement("1.1", "agreed", "m1", "Agreed by all partners")
    new_return.set_agreement("1.2", "needs-work")
    statuses = {ref: a.status for ref, a in new_return.agreements().items()}
    assert statuses["1.1"] == "agreed" and statuses["1.2"] == "needs-work"
    assert statuses["2.1"] == "draft"
    log = [(e.ref, e.field, e.old, e.new, e.meeting) for e in new_return.change_log()]
    assert ("1.1", "agreement", "draft", "agreed", "m1") in log
    assert ("1.1", "agreement_note", "", "Agreed by all partners", "m1") in log
    with pytest.raises(AnswerError, match="'done' is not an agreement status"):
        new_return.set_agreement("1.1", "done")
    with pytest.raises(AnswerError, match=r"no question 99\.9"):
        new_return.set_agreement("99.9", "agreed")


def test_an_agreed_answer_edited_later_falls_back_to_draft_as_its_own_entry(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("1.1", "Agreed text")
    new_return.set_agreement("1.1", "agreed")
    new_return.set_agreement("1.2", "needs-work")
    clock(1)
    new_return.set_narrative("1.1", "Agreed text, edited")
    clock(1)
    new_return.set_narrative("1.1", "Agreed text, edited more")
    new_return.set_codes("1.2", [1])
    assert new_return.agreement("1.1").status == "draft"
    assert new_return.agreement("1.2").status == "needs-work"  # only "agreed" falls back
    log = [(e.field, e.old, e.new) for e in new_return.change_log("1.1")]
    assert log[-2:] == [
        ("agreement", "agreed", "draft"),
        ("narrative", "Agreed text", "Agreed text, edited more"),  # still one version
    ]


def test_the_answers_that_fell_back_are_known_after_reopening(
    new_return: ReturnDocument,
) -> None:
    for ref in ("1.1", "1.2", "1.3"):
        new_return.set_narrative(ref, "Agreed text")
        new_return.set_agreement(ref, "agreed")
    assert new_return.fallen_back() == set()
    new_return.set_narrative("1.1", "Edited after it was agreed")  # falls back
    new_return.set_agreement("1.2", "draft")  # set back by hand: not a fall-back
    new_return.set_narrative("1.3", "Edited too")
    new_return.set_agreement("1.3", "needs-work")  # a status chosen since
    path = new_return.path
    new_return.close()
    with ReturnDocument.open(path, "Bob") as reopened:
        assert reopened.fallen_back() == {"1.1"}
        reopened.set_agreement("1.1", "agreed")
        assert reopened.fallen_back() == set()


def test_actions_are_numbered_checked_and_logged(new_return: ReturnDocument) -> None:
    new_return.start_meeting("Board", "2013-06-20", attendees=[PRIYA])
    action = new_return.add_action("4.5", "Agree who owns the register", "Priya Shah", "1/7/2013")
    assert action == Action(
        "a1", "4.5", "Agree who owns the register", "Priya Shah", "2013-07-01", "open", "m1"
    )
    new_return.end_meeting()
    second = new_return.add_action("1.1", "Write it up", due="")
    assert (second.id, second.meeting) == ("a2", "")
    done = new_return.update_action("a1", status="done")
    assert done.status == "done" and done.meeting == "m1"
    assert new_return.actions() == [done, second]
    entries = [e for e in new_return.change_log() if e.field == "action"]
    assert entries[0].new == (
        "a1: Agree who owns the register (owner Priya Shah, due 1 July 2013, open)"
    )
    assert entries[-1].new.endswith("done)") and entries[-1].ref == "4.5"
    with pytest.raises(AnswerError, match="'later' is not an action status"):
        new_return.update_action("a1", status="later")
    with pytest.raises(AnswerError, match="what the action is"):
        new_return.add_action("1.1", "  ")
    with pytest.raises(AnswerError, match="due date"):
        new_return.add_action("1.1", "Do it", due="next week")
    with pytest.raises(AnswerError, match="no action 'a9'"):
        new_return.update_action("a9", status="done")


def test_meetings_agreement_and_actions_survive_saving_and_reopening(
    new_return: ReturnDocument, returns_dir: Path
) -> None:
    new_return.start_meeting("Board", "2013-06-20", "Chair", [PRIYA, TOM])
    new_return.set_agreement("1.1", "agreed")
    new_return.add_action("1.1", "Follow up", "Tom Reed", "2013-07-01")
    path = new_return.path
    new_return.close()
    with ReturnDocument.open(path, "Bob", read_only=True) as again:
        meeting = again.current_meeting()
        assert meeting is not None and meeting.attendees == (PRIYA, TOM)
        assert again.agreement("1.1").meeting == "m1"
        assert again.actions()[0].owner == "Tom Reed"


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "INSERT INTO agreement(ref, status) VALUES ('1.1', 'maybe')",
            'the agreement on 1.1, "maybe" is not a status',
        ),
        (
            "INSERT INTO action(id, ref, text, status) VALUES ('a1', '1.1', 'x', 'soon')",
            'action a1, "soon" is not a status',
        ),
        (
            "INSERT INTO action(id, ref, text, due) VALUES ('a1', '1.1', 'x', '1 July')",
            'action a1, its due date ("1 July") is not a date',
        ),
        (
            "INSERT INTO meeting(id, title, date, started_at) "
            "VALUES ('m1', 'Board', '20/06/2013', '2013-06-20T14:02:00+01:00')",
            'meeting m1, its date ("20/06/2013") is not a date',
        ),
        (
            "INSERT INTO meeting(id, title, date, started_at) "
            "VALUES ('m1', 'Board', '2013-06-20', 'afternoon')",
            'meeting m1, the started_at field ("afternoon") is not a date and time',
        ),
    ],
)
def test_a_file_with_meeting_values_the_app_cannot_read_is_refused(
    new_return: ReturnDocument, sql: str, message: str
) -> None:
    path = new_return.path
    new_return.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()
    with pytest.raises(NotAReturnError) as refused:
        ReturnDocument.open(path, "Bob", read_only=True)
    assert message in str(refused.value)
