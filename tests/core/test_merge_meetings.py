"""Merging meetings, attendees, agreement and actions from a partner's copy (issue 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Attendee
from stocktake_desktop.merge import MergeRefusedError, MergeResult, merge_copy, value_now

JO, DEV = "Jo Bloggs", "Dev Patel"
PRIYA = Attendee("Priya Shah", "Leicestershire County Council")
TOM = Attendee("Tom Reed", "West Leicestershire CCG")


def merge(path: Path, other: Path, editor: str = JO) -> MergeResult:
    with ReturnDocument.open(path, editor) as document:
        return merge_copy(document, other)


@pytest.fixture
def laptops(returns_dir: Path) -> tuple[Path, Path]:
    """A return with one meeting held (an action set, 1.1 agreed), and the CCG's copy."""
    la = returns_dir / "la.stocktake"
    with ReturnDocument.create(la, "Leicestershire", JO) as document:
        document.set_narrative("1.1", "Agreed text.")
        document.start_meeting("Partnership Board", "2013-06-20", "Cllr K Wyatt", [PRIYA])
        document.set_agreement("1.1", "agreed")
        document.add_action("1.1", "Publish the register", "Priya Shah", "2013-07-31")
        document.end_meeting()
    ccg = returns_dir / "ccg.stocktake"
    shutil.copyfile(la, ccg)
    return la, ccg


def test_the_other_copys_meetings_and_actions_arrive_renumbered_where_taken(
    laptops: tuple[Path, Path],
) -> None:
    la, ccg = laptops
    with ReturnDocument.open(ccg, DEV) as document:
        document.start_meeting("Health sub-group", "2013-06-24", "Dr A Khan", [TOM])
        document.set_narrative("2.1", "Discussed at the sub-group.")
        document.set_agreement("2.1", "needs-work", "Add the pooled budget.")
        document.add_action("2.1", "Cost the pooled budget", "Tom Reed", "2013-08-15")
        document.end_meeting()
    with ReturnDocument.open(la, JO) as document:
        document.start_meeting("Council cabinet", "2013-06-25")
        document.add_action("3.1", "Check the register", "Jo Bloggs")
        document.end_meeting()

    result = merge(la, ccg)
    assert result.conflicts == ()
    with ReturnDocument.open(la, "Reader", read_only=True) as document:
        meetings = {m.id: m for m in document.meetings()}
        assert {(m.id, m.title) for m in meetings.values()} == {
            ("m1", "Partnership Board"),
            ("m2", "Council cabinet"),
            ("m3", "Health sub-group"),
        }
        sub_group = meetings["m3"]
        assert (sub_group.title, sub_group.chair, sub_group.attendees) == (
            "Health sub-group",
            "Dr A Khan",
            (TOM,),
        )
        assert not sub_group.running
        actions = {a.id: a for a in document.actions()}
        assert sorted(actions) == ["a1", "a2", "a3"]
        costed = actions["a3"]
        assert (costed.ref, costed.text, costed.owner, costed.due, costed.meeting) == (
            "2.1",
            "Cost the pooled budget",
            "Tom Reed",
            "2013-08-15",
            "m3",
        )
        assert actions["a2"].text == "Check the register"
        agreement = document.agreement("2.1")
        assert (agreement.status, agreement.note, agreement.meeting) == (
            "needs-work",
            "Add the pooled budget.",
            "m3",
        )
        assert document.agreement("1.1").status == "agreed"
        assert document.current_meeting() is None
    assert merge(la, ccg).plan.nothing_new


def test_details_changed_on_one_side_are_taken(laptops: tuple[Path, Path]) -> None:
    la, ccg = laptops
    with ReturnDocument.open(ccg, DEV) as document:
        document.update_meeting("m1", chair="Cllr K Wyatt (Chair)")
        document.update_action("a1", status="done")
        document.add_attendee("m1", TOM.name, TOM.organisation)
    with ReturnDocument.open(la, JO) as document:
        document.update_action("a1", owner="Priya Shah and Jo Bloggs")
    result = merge(la, ccg)
    # The action changed on both sides, differently: one conflict, nothing decided.
    [conflict] = result.conflicts
    assert (conflict.ref, conflict.field) == ("1.1", "action a1")
    assert conflict.shown(conflict.theirs) == (
        "1.1: Publish the register (owner Priya Shah, due 31 July 2013, done)"
    )
    assert conflict.shown(conflict.mine) == (
        "1.1: Publish the register (owner Priya Shah and Jo Bloggs, due 31 July 2013, open)"
    )
    with ReturnDocument.open(la, JO) as document:
        assert value_now(document, conflict.ref, conflict.field) == conflict.mine
        meeting = document.meeting("m1")
        assert meeting.chair == "Cllr K Wyatt (Chair)"
        assert meeting.attendees == (PRIYA, TOM)
        assert document.action("a1").status == "open"
        document.resolve_conflict(conflict.id, "theirs")
        assert document.action("a1").status == "done"
        assert document.action("a1").owner == "Priya Shah"
    assert merge(la, ccg).plan.nothing_new


def test_meeting_details_corrected_on_both_sides_are_a_conflict(
    laptops: tuple[Path, Path],
) -> None:
    la, ccg = laptops
    with ReturnDocument.open(ccg, DEV) as document:
        document.update_meeting("m1", title="Health and Wellbeing Board")
    with ReturnDocument.open(la, JO) as document:
        document.update_meeting("m1", title="Partnership Board (June)")
    [conflict] = merge(la, ccg).conflicts
    assert (conflict.ref, conflict.field) == ("return", "meeting m1")
    assert conflict.shown(conflict.base) == (
        "Partnership Board, 20 June 2013, chaired by Cllr K Wyatt"
    )
    with ReturnDocument.open(la, JO) as document:
        document.resolve_conflict(conflict.id, "theirs")
        assert document.meeting("m1").title == "Health and Wellbeing Board"


def test_an_attendee_removed_here_stays_removed(laptops: tuple[Path, Path]) -> None:
    la, ccg = laptops
    with ReturnDocument.open(la, JO) as document:
        document.remove_attendee("m1", PRIYA.name)
    with ReturnDocument.open(ccg, DEV) as document:
        document.add_attendee("m1", TOM.name, TOM.organisation)
    merge(la, ccg)
    with ReturnDocument.open(la, JO, read_only=True) as document:
        assert document.meeting("m1").attendees == (TOM,)


def test_an_agreed_answer_the_other_copy_changed_goes_back_to_draft(
    laptops: tuple[Path, Path],
) -> None:
    la, ccg = laptops
    with ReturnDocument.open(ccg, DEV) as document:
        document.set_narrative("1.1", "Agreed text, and a change after the meeting.")
    merge(la, ccg)
    with ReturnDocument.open(la, JO, read_only=True) as document:
        assert document.answer("1.1").narrative.endswith("a change after the meeting.")
        assert document.agreement("1.1").status == "draft"


def test_a_copy_with_a_meeting_under_way_is_refused(laptops: tuple[Path, Path]) -> None:
    la, ccg = laptops
    with ReturnDocument.open(ccg, DEV) as document:
        document.start_meeting("Health sub-group", "2013-06-24")
    with pytest.raises(MergeRefusedError) as refused:
        merge(la, ccg)
    assert str(refused.value) == (
        "ccg.stocktake has a meeting under way (Health sub-group); end it in that copy, then merge."
    )
