"""Version 2 of the answers interchange: the partnership's meetings, each answer's agreement
and the actions (docs/interchange.md). Dumped with the rest, checked with the rest (every
problem reported together), applied after the answers so an import's edits never take an
agreement it gives back to draft."""

from __future__ import annotations

from datetime import date
from typing import Any

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Action, Agreement, Attendee, Meeting
from stocktake_desktop.interchange_read import key_text, shown
from stocktake_desktop.template import Template


def dump_meetings(document: ReturnDocument) -> dict[str, Any]:
    """The meetings, every question's agreement and the actions, in interchange form."""
    return {
        "meetings": [
            {
                "id": meeting.id,
                "title": meeting.title,
                "date": meeting.date,
                "chair": meeting.chair,
                "attendees": [
                    {"name": person.name, "organisation": person.organisation}
                    for person in meeting.attendees
                ],
            }
            for meeting in document.meetings()
        ],
        "agreement": {
            ref: {"status": agreement.status, "meeting": agreement.meeting, "note": agreement.note}
            for ref, agreement in document.agreements().items()
        },
        "actions": [
            {
                "id": action.id,
                "ref": action.ref,
                "text": action.text,
                "owner": action.owner,
                "due": action.due,
                "status": action.status,
                "meeting": action.meeting,
            }
            for action in document.actions()
        ],
    }


def meeting_problems(data: dict[str, Any], template: Template) -> list[str]:
    """Every problem with the version 2 parts of ``data`` (its shape already checked): refs
    that are not questions, meetings the file does not list, ids given twice, unreal dates."""
    problems: list[str] = []
    listed: set[str] = set()
    for index, meeting in enumerate(data.get("meetings", [])):
        where = f"meetings[{index}]"
        if meeting["id"] in listed:
            problems.append(f"{where}: the meeting id {shown(meeting['id'])} is given twice")
        listed.add(meeting["id"])
        if not _is_date(meeting["date"]):
            problems.append(f"{where}.date: {shown(meeting['date'])} is not a real date")
        names = [person["name"] for person in meeting.get("attendees", [])]
        for name in sorted({n for n in names if names.count(n) > 1}):
            problems.append(f"{where}.attendees: {shown(name)} is listed twice")

    def meeting_ref(where: str, meeting_id: str) -> None:
        if meeting_id and meeting_id not in listed:
            problems.append(
                f"{where}: the meeting {shown(meeting_id)} is not in the file's meetings"
            )

    for ref, agreement in data.get("agreement", {}).items():
        where = f"agreement.{key_text(ref)}"
        if not template.has_question(ref):
            problems.append(
                f"{where}: there is no question {key_text(ref)} in {template.display_name}"
            )
        meeting_ref(f"{where}.meeting", agreement.get("meeting", ""))
    seen: set[str] = set()
    for index, action in enumerate(data.get("actions", [])):
        where = f"actions[{index}]"
        if action["id"] in seen:
            problems.append(f"{where}: the action id {shown(action['id'])} is given twice")
        seen.add(action["id"])
        if not template.has_question(action["ref"]):
            problems.append(
                f"{where}.ref: there is no question {key_text(action['ref'])} in "
                f"{template.display_name}"
            )
        if action.get("due") and not _is_date(action["due"]):
            problems.append(f"{where}.due: {shown(action['due'])} is not a real date")
        meeting_ref(f"{where}.meeting", action.get("meeting", ""))
    return problems


def apply_meetings(document: ReturnDocument, data: dict[str, Any]) -> None:
    """Record the file's meetings, then agreement and actions (inside the caller's batch)."""
    for given in data.get("meetings", []):
        document.put_meeting(
            Meeting(
                id=given["id"],
                title=given["title"],
                date=given["date"],
                chair=given.get("chair", ""),
                started_at="",
                attendees=tuple(
                    Attendee(person["name"], person.get("organisation", ""))
                    for person in given.get("attendees", [])
                ),
            )
        )
    for ref, given in data.get("agreement", {}).items():
        document.put_agreement(
            Agreement(ref, given["status"], given.get("meeting", ""), given.get("note", ""))
        )
    for given in data.get("actions", []):
        document.put_action(
            Action(
                id=given["id"],
                ref=given["ref"],
                text=given["text"],
                owner=given.get("owner", ""),
                due=given.get("due", ""),
                status=given.get("status", "open"),
                meeting=given.get("meeting", ""),
            )
        )


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
