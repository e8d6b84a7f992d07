"""Interchange version 2: meetings, agreement and actions dumped and imported (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Action, Agreement, Attendee
from stocktake_desktop.interchange import (
    SCHEMA_PATH,
    InterchangeError,
    dump_return,
    import_answers,
    read_answers_file,
)

PRIYA = {"name": "Priya Shah", "organisation": "Northamptonshire County Council"}


def meeting_file(**extra: Any) -> dict[str, Any]:
    """The issue's example of version 2, with one answer."""
    data: dict[str, Any] = {
        "format": "stocktake-answers",
        "version": 2,
        "answers": {"1.1": {"narrative": "A joint board meets monthly."}},
        "meetings": [
            {
                "id": "m1",
                "title": "Partnership Board",
                "date": "2013-06-20",
                "chair": "Cllr K Wyatt",
                "attendees": [PRIYA],
            }
        ],
        "agreement": {"1.1": {"status": "agreed", "meeting": "m1", "note": ""}},
        "actions": [
            {
                "id": "a1",
                "ref": "4.5",
                "text": "Agree who owns the register",
                "owner": "Priya Shah",
                "due": "2013-07-01",
                "status": "open",
                "meeting": "m1",
            }
        ],
    }
    data.update(extra)
    return data


def test_dump_writes_version_2_exactly_as_documented(new_return: ReturnDocument) -> None:
    new_return.start_meeting("Partnership Board", "2013-06-20", "Cllr K Wyatt", [Attendee(**PRIYA)])
    new_return.set_agreement("1.1", "agreed")
    new_return.add_action("4.5", "Agree who owns the register", "Priya Shah", "2013-07-01")
    new_return.end_meeting()
    data = dump_return(new_return)
    expected = meeting_file()
    assert data["version"] == 2
    assert data["meetings"] == expected["meetings"]
    assert data["agreement"]["1.1"] == expected["agreement"]["1.1"]
    assert data["agreement"]["1.2"] == {"status": "draft", "meeting": "", "note": ""}
    assert len(data["agreement"]) == 61  # every question, like the answers
    assert data["actions"] == expected["actions"]
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_version_2_imports_and_dumps_the_same(
    new_return: ReturnDocument, returns_dir: Path, tmp_path: Path
) -> None:
    import_answers(new_return, meeting_file(), tmp_path)
    meeting = new_return.meeting("m1")
    assert (meeting.title, meeting.date, meeting.chair) == (
        "Partnership Board",
        "2013-06-20",
        "Cllr K Wyatt",
    )
    assert meeting.attendees == (Attendee(**PRIYA),) and not meeting.running
    assert new_return.current_meeting() is None
    # the answer was imported before its agreement: "agreed" stands
    assert new_return.agreement("1.1") == Agreement("1.1", "agreed", "m1", "")
    assert new_return.actions() == [
        Action("a1", "4.5", "Agree who owns the register", "Priya Shah", "2013-07-01", "open", "m1")
    ]
    dumped = dump_return(new_return)
    with ReturnDocument.create(returns_dir / "b.stocktake", "Elsewhere", "Bob") as second:
        import_answers(second, dumped, tmp_path)
        assert dump_return(second) == dumped
        import_answers(second, dumped, tmp_path)  # again: nothing changes
        assert dump_return(second) == dumped
        assert second.meetings()[0].started_at.startswith("2013-06-20T00:00:00")


def test_importing_updates_meetings_and_actions_by_id(
    new_return: ReturnDocument, tmp_path: Path
) -> None:
    import_answers(new_return, meeting_file(), tmp_path)
    changed = meeting_file()
    changed["meetings"][0]["attendees"] = [{"name": "Tom Reed", "organisation": "Nene CCG"}]
    changed["meetings"][0]["title"] = "Partnership Board (June)"
    changed["actions"][0]["status"] = "done"
    changed["agreement"]["1.1"] = {"status": "needs-work", "note": "Check the figures"}
    import_answers(new_return, changed, tmp_path)
    meeting = new_return.meeting("m1")
    assert meeting.title == "Partnership Board (June)"
    assert meeting.attendees == (Attendee("Tom Reed", "Nene CCG"),)
    assert new_return.action("a1").status == "done"
    assert new_return.agreement("1.1") == Agreement("1.1", "needs-work", "", "Check the figures")
    fields = {e.field for e in new_return.change_log()}
    assert {"meeting", "attendee", "agreement", "agreement_note", "action"} <= fields


def test_version_1_still_imports(new_return: ReturnDocument, tmp_path: Path) -> None:
    data = {
        "format": "stocktake-answers",
        "version": 1,
        "answers": {"1.1": {"narrative": "Version 1 text"}},
    }
    import_answers(new_return, data, tmp_path)
    assert new_return.answer("1.1").narrative == "Version 1 text"
    assert new_return.meetings() == [] and new_return.actions() == []


def write(folder: Path, data: Any) -> Path:
    path = folder / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_unknown_meetings_refs_and_statuses_are_reported_together(
    new_return: ReturnDocument, tmp_path: Path
) -> None:
    data = meeting_file()
    data["agreement"] = {
        "1.1": {"status": "agreed", "meeting": "m7"},
        "99.1": {"status": "draft"},
    }
    data["actions"][0].update(ref="98.2", meeting="m3", due="2013-02-31")
    data["meetings"].append(dict(data["meetings"][0], date="2013-13-01"))
    with pytest.raises(InterchangeError) as raised:
        import_answers(new_return, data, tmp_path)
    assert raised.value.problems == [
        'meetings[1]: the meeting id "m1" is given twice',
        'meetings[1].date: "2013-13-01" is not a real date',
        'agreement.1.1.meeting: the meeting "m7" is not in the file\'s meetings',
        "agreement.99.1: there is no question 99.1 in Winterbourne View Local Stocktake, June 2013",
        "actions[0].ref: there is no question 98.2 in Winterbourne View Local Stocktake, June 2013",
        'actions[0].due: "2013-02-31" is not a real date',
        'actions[0].meeting: the meeting "m3" is not in the file\'s meetings',
    ]
    assert new_return.change_log() == []  # nothing written


def test_the_shape_of_version_2_is_checked(tmp_path: Path) -> None:
    data = meeting_file()
    data["agreement"]["1.1"]["status"] = "done"
    data["actions"][0].update(status="later", id="x1")
    data["meetings"][0].update(id="meeting-1", title="")
    data["meetings"][0]["attendees"].append({"organisation": "Nobody"})
    with pytest.raises(InterchangeError) as raised:
        read_answers_file(write(tmp_path, data))
    assert raised.value.problems == [
        'actions[0].id: "x1" is not an action id (like "a1")',
        'actions[0].status: should be "open" or "done", not "later"',
        'agreement.1.1.status: should be one of "draft", "agreed", "needs-work", not "done"',
        'meetings[0].attendees[1]: "name" missing',
        'meetings[0].id: "meeting-1" is not a meeting id (like "m1")',
        "meetings[0].title: should not be empty",
    ]


def test_version_1_may_not_carry_meetings(tmp_path: Path) -> None:
    with pytest.raises(InterchangeError) as raised:
        read_answers_file(write(tmp_path, meeting_file(version=1)))
    assert raised.value.problems == [
        "meetings: only in version 2 of the format",
        "agreement: only in version 2 of the format",
        "actions: only in version 2 of the format",
    ]
    with pytest.raises(InterchangeError, match="version: should be 1 or 2, not 3"):
        read_answers_file(write(tmp_path, meeting_file(version=3)))
