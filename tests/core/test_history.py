"""History and restore: versions of each field, word diffs, changes since a point, restoring
one version or everything to a point, and finding changes across the return (issue 11)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from stocktake_desktop.diff import unchanged_start, word_diff
from stocktake_desktop.document import AnswerError, ReturnDocument, changelog
from tests.helpers import step_clock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    return step_clock(monkeypatch)


def type_as(document: ReturnDocument, who: str, ref: str, text: str, start: str) -> None:
    """``who`` types ``text`` after ``start`` a word at a time, as the debouncer records it."""
    document.editor = who
    typed = start
    for word in text.split():
        typed = f"{typed} {word}".strip()
        document.set_narrative(ref, typed)


def test_a_narrative_typed_in_many_bursts_by_three_people(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    bursts = [
        ("Alice", "The partnership board meets monthly."),
        ("Bob", "Providers attend every other meeting."),
        ("Alice", "Minutes are published."),
        ("Carol", "The CCG chairs it."),
        ("Bob", "Carers are invited."),
    ]
    text = ""
    for who, words in bursts:
        type_as(new_return, who, "1.1", words, text)
        text = new_return.answer("1.1").narrative
        clock(changelog.BURST_SECONDS + 1)
    versions = new_return.field_versions("1.1")
    assert [(v.who, v.field) for v in versions] == [
        ("Bob", "narrative"),
        ("Carol", "narrative"),
        ("Alice", "narrative"),
        ("Bob", "narrative"),
        ("Alice", "narrative"),
    ]
    assert versions[0].value == text
    assert versions[-1].value == "The partnership board meets monthly."
    assert versions[-1].previous == ""
    assert versions[1].previous == versions[2].value  # each version follows the one before
    assert versions[0].id > versions[1].id  # ids are the handles, newest first


def test_the_same_person_typing_on_after_someone_else_is_a_new_version(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    type_as(new_return, "Alice", "1.1", "One two", "")
    type_as(new_return, "Bob", "1.1", "three", "One two")
    type_as(new_return, "Alice", "1.1", "four", "One two three")
    assert [v.who for v in new_return.field_versions("1.1")] == ["Alice", "Bob", "Alice"]


def test_versions_of_every_field_including_the_agreement(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_codes("1.1", [2])
    new_return.set_good_practice("1.1", True)
    new_return.set_support_required("1.1", "Training")
    new_return.start_meeting("Board", "2013-06-20")
    new_return.set_agreement("1.1", "agreed")
    new_return.set_codes("1.1", [1])
    fields = [(v.field, v.value, v.meeting) for v in new_return.field_versions("1.1")]
    assert fields == [
        ("codes", "1", "m1"),
        ("agreement", "draft", "m1"),  # the edit took it back to draft
        ("agreement", "agreed", "m1"),
        ("support_required", "Training", ""),
        ("good_practice", "Yes", ""),
        ("codes", "2", ""),
    ]
    with pytest.raises(AnswerError, match=r"no question 99\.9"):
        new_return.field_versions("99.9")


def test_restoring_a_version_is_a_new_change_by_the_editor_and_deletes_nothing(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("1.1", "First wording.")
    clock(changelog.BURST_SECONDS + 1)
    new_return.editor = "Bob"
    new_return.set_narrative("1.1", "Second wording.")
    first = new_return.field_versions("1.1")[-1]
    new_return.editor = "Carol"
    assert new_return.restore_version("1.1", first.id)
    assert new_return.answer("1.1").narrative == "First wording."
    versions = new_return.field_versions("1.1")
    assert [(v.who, v.value) for v in versions] == [
        ("Carol", "First wording."),
        ("Bob", "Second wording."),
        ("Alice", "First wording."),
    ]
    assert not new_return.restore_version("1.1", first.id)  # already so: nothing logged
    with pytest.raises(AnswerError, match="has no version 9999"):
        new_return.restore_version("1.1", 9999)
    with pytest.raises(AnswerError, match="has no version"):
        new_return.restore_version("1.2", first.id)  # another answer's version


def test_a_restore_never_merges_into_the_typing_just_before_it(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("1.1", "Kept")
    clock(changelog.BURST_SECONDS + 1)
    new_return.set_narrative("1.1", "Typed just now")
    oldest = new_return.field_versions("1.1")[-1]
    new_return.restore_version("1.1", oldest.id)  # within the same burst's time
    assert [v.value for v in new_return.field_versions("1.1")] == [
        "Kept",
        "Typed just now",
        "Kept",
    ]


def test_restoring_codes_good_practice_and_agreement(new_return: ReturnDocument) -> None:
    new_return.set_codes("2.1", [1])
    new_return.set_good_practice("1.1", True)
    new_return.set_agreement("1.1", "needs-work", "Check the numbers")
    codes = new_return.field_versions("2.1")[0]
    flag, status, _note = new_return.field_versions("1.1")[::-1][:3]
    new_return.set_codes("2.1", [2])
    new_return.set_good_practice("1.1", False)
    new_return.set_agreement("1.1", "agreed", "Check the numbers")
    for ref, version in (("2.1", codes), ("1.1", flag), ("1.1", status)):
        new_return.restore_version(ref, version.id)
    assert new_return.answer("2.1").codes == (1,)
    assert new_return.answer("1.1").good_practice is True
    assert new_return.agreement("1.1").status == "needs-work"


def test_word_diff_runs_rebuild_both_texts() -> None:
    before = "The board meets monthly and publishes minutes."
    after = "The partnership board meets quarterly and publishes minutes online."
    runs = word_diff(before, after)
    assert runs == [
        ("same", "The "),
        ("added", "partnership "),
        ("same", "board meets "),
        ("removed", "monthly "),
        ("added", "quarterly "),
        ("same", "and publishes "),
        ("removed", "minutes."),
        ("added", "minutes online."),
    ]
    assert "".join(t for k, t in runs if k != "added") == before
    assert "".join(t for k, t in runs if k != "removed") == after
    assert word_diff("", "") == []
    assert word_diff("", "  new text") == [("added", "  new text")]


def test_where_a_text_first_departs_from_another_in_whole_words() -> None:
    before = "The board meets monthly and publishes minutes."
    assert unchanged_start(before, "The board meets quarterly.") == len("The board meets ")
    assert unchanged_start(before, "The boards meet.") == len(
        "The "
    )  # a word changed: from its start
    assert unchanged_start(before, before) == len(before)
    assert unchanged_start(before, before + " Online too.") == len(
        "The board meets monthly and publishes "
    )
    assert unchanged_start("", "Anything") == 0


def test_what_changed_in_a_meeting_and_restoring_everything_to_its_start(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("1.1", "Before the meeting.")
    new_return.set_codes("1.2", [1])
    new_return.set_narrative("2.1", "Untouched.")
    clock(changelog.BURST_SECONDS + 1)
    new_return.start_meeting("Board", "2013-06-20")
    new_return.set_narrative("1.1", "Rewritten in the meeting.")
    new_return.set_codes("1.2", [2])
    new_return.set_agreement("2.1", "agreed")
    new_return.set_narrative("1.3", "New in the meeting.")
    new_return.set_narrative("1.3", "")  # and taken out again: no net change

    changes = {c.ref: c for c in new_return.changes_since("m1")}
    assert list(changes) == ["1.1", "1.2", "2.1"]
    narrative = changes["1.1"].fields[0]
    assert (narrative.field, narrative.before, narrative.after) == (
        "narrative",
        "Before the meeting.",
        "Rewritten in the meeting.",
    )
    assert narrative.people == ("Alice",)
    assert [c.ref for c in new_return.changes_in_meeting("m1")] == ["1.1", "1.2", "2.1"]

    revision = changelog.revision(new_return._conn)
    restored = new_return.restore_to("m1")
    assert restored == 3
    assert changelog.revision(new_return._conn) == revision + 3  # one transaction, three writes
    assert new_return.answer("1.1").narrative == "Before the meeting."
    assert new_return.answer("1.2").codes == (1,)
    assert new_return.agreement("2.1").status == "draft"
    assert new_return.changes_since("m1") == []
    # nothing was deleted: the meeting's wording is still a version
    assert "Rewritten in the meeting." in [v.value for v in new_return.field_versions("1.1")]


def test_restore_to_is_all_or_nothing(
    new_return: ReturnDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_return.start_meeting("Board", "2013-06-20")
    new_return.set_narrative("1.1", "One")
    new_return.set_narrative("1.2", "Two")
    calls = []

    def failing(ref: str, text: str) -> None:
        calls.append(ref)
        if len(calls) == 2:
            raise AnswerError("the disk went away")
        ReturnDocument.set_narrative(new_return, ref, text)

    monkeypatch.setattr(new_return, "set_narrative", failing)
    monkeypatch.setattr(new_return, "_set_text", lambda ref, _f, text: failing(ref, text))
    with pytest.raises(AnswerError):
        new_return.restore_to("m1")
    assert new_return.answer("1.1").narrative == "One"
    assert new_return.answer("1.2").narrative == "Two"


def test_changes_since_a_date_and_time(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("1.1", "Morning")  # 09:00
    clock(3600)
    new_return.set_narrative("1.2", "Ten o'clock")
    since = datetime.fromisoformat("2026-11-22T09:30:00+00:00")
    assert [c.ref for c in new_return.changes_since(since)] == ["1.2"]
    assert [c.ref for c in new_return.changes_since("2026-11-22T08:00:00+00:00")] == [
        "1.1",
        "1.2",
    ]
    with pytest.raises(AnswerError, match="neither a meeting"):
        new_return.changes_since("yesterday")
    with pytest.raises(AnswerError, match="no meeting 'm7'"):
        new_return.changes_since("m7")


def test_the_whole_return_change_log_filtered(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("1.1", "Alice's")
    clock(86400)
    new_return.editor = "Bob"
    new_return.start_meeting("Board", "2013-06-20")
    new_return.set_narrative("1.2", "Bob's in the meeting")
    new_return.add_action("1.2", "Follow up")
    new_return.end_meeting()

    assert [e.ref for e in new_return.find_changes(person="Alice")] == ["1.1"]
    in_meeting = new_return.find_changes(meeting="m1")
    assert [e.field for e in in_meeting] == ["meeting", "action", "narrative", "meeting"]
    assert [e.field for e in new_return.find_changes(ref="1.2")] == ["action", "narrative"]
    assert [e.ref for e in new_return.find_changes(meeting="", fields=["narrative"])] == ["1.1"]
    assert [e.who for e in new_return.find_changes(until=date(2026, 11, 22))] == ["Alice"]
    assert {e.who for e in new_return.find_changes(since=date(2026, 11, 23))} == {"Bob"}
    assert new_return.find_changes(fields=[]) == []
