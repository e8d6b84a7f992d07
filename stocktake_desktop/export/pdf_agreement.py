"""The PDF's "How this return was agreed" and "Action plan".

How it was agreed: each partnership meeting (its date, chair, and who attended from which
organisation), then where the partnership stands on each answer (agreed, needs work or draft,
the meeting that set it and any note). The action plan: every action with its question,
owner, due date and status, in the stocktake's order.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document.models import Action, Agreement, Attendee, Meeting
from stocktake_desktop.export.meeting_text import (
    action_label,
    agreement_label,
    counted,
    due_text,
    meeting_name,
    meeting_names,
    organisations,
)
from stocktake_desktop.export.pdf_story import Flow, Story
from stocktake_desktop.export.pdf_styles import AMBER, GREEN, MUTED, markup, muted, shorten

HEADING_AGREED = "How this return was agreed"
HEADING_ACTIONS = "Action plan"
QUESTION_EXCERPT = 56
_STATUS_COLOURS = {"agreed": GREEN, "needs-work": AMBER, "open": AMBER, "done": GREEN}


def add_agreement(story: Story) -> None:
    """A new page: the meetings, then each answer's agreement."""
    from reportlab.platypus import PageBreak

    snapshot = story.snapshot
    story.flow.append(PageBreak())
    story.flow.append(story.para(HEADING_AGREED, "heading"))
    story.flow.append(story.para(_summary(snapshot.meetings, snapshot.agreements), "guidance"))
    for meeting in snapshot.meetings:
        story.flow.append(meeting_block(story, meeting))
    story.flow.append(story.para("Each answer", "subheading"))
    story.flow.append(_answers_table(story))


def _answers_table(story: Story) -> Any:
    """Ref, the question (its start, and any note), status, and the meeting that set it."""
    snapshot = story.snapshot
    names = meeting_names(snapshot.meetings)
    data = [[story.para(f"<b>{h}</b>", "small") for h in ("Ref", "Question", "Status", "Set in")]]
    for question in snapshot.template.questions:
        agreement = snapshot.agreement(question.ref)
        text = markup(shorten(question.text, QUESTION_EXCERPT, at_word=True))
        if agreement.note:
            text += f"<br/><font color='{MUTED}'>Note: {markup(agreement.note)}</font>"
        data.append(
            [
                story.para(question.ref, "small"),
                story.para(text, "small"),
                story.para(status_markup(agreement.status, agreement_label(agreement)), "small"),
                story.para(markup(names.get(agreement.meeting, "")), "small"),
            ]
        )
    widths = (34, story.width - 226, 62, 130)
    return story.header_table(data, widths, padding=(2, 2))


def meeting_block(story: Flow, meeting: Meeting) -> Any:
    """A meeting's title, date and chair, and its attendees with their organisations."""
    from reportlab.platypus import KeepTogether

    title = story.para(f"{escape(meeting.id)} · {markup(meeting.title)}", "subheading")
    rows = [
        ("Date", friendly_date(meeting.date)),
        ("Chair", meeting.chair or "Not recorded"),
        ("Attended", f"{len(meeting.attendees)} people" if meeting.attendees else "No one listed"),
    ]
    facts = story.grid(rows, (110, story.width - 110), shade=True, spacer=2)
    parts = [title, facts]
    if meeting.attendees:
        parts.append(attendee_table(story, meeting.attendees))
    return KeepTogether(parts)


def attendee_table(story: Flow, attendees: tuple[Attendee, ...]) -> Any:
    data = [[story.para(f"<b>{h}</b>", "cell") for h in ("Name", "Organisation")]]
    for person in attendees:
        data.append(
            [
                story.para(markup(person.name), "cell"),
                story.para(markup(person.organisation), "cell"),
            ]
        )
    return story.header_table(data, (180, story.width - 180), padding=(3, 3))


def add_action_plan(story: Story) -> None:
    """Every action, by question, with its owner, due date and status."""
    from reportlab.platypus import CondPageBreak

    snapshot = story.snapshot
    story.flow.append(CondPageBreak(120))  # the heading with the start of its table
    story.flow.append(story.para(HEADING_ACTIONS, "heading"))
    if not snapshot.actions:
        story.flow.append(story.para(muted("No actions were recorded."), "guidance"))
        return
    order = {q.ref: q.number for q in snapshot.template.questions}
    actions = sorted(snapshot.actions, key=lambda a: order.get(a.ref, 0))  # stable: a1, a2…
    people = organisations(snapshot.meetings)
    names = meeting_names(snapshot.meetings)
    story.flow.append(action_table(story, actions, people, names))


def action_table(
    story: Flow, actions: list[Action], organisations: dict[str, str], names: dict[str, str]
) -> Any:
    """Ref, action (with the meeting that set it), owner (and organisation), due, status."""
    header = ("Ref", "Action", "Owner", "Due", "Status")
    data = [[story.para(f"<b>{h}</b>", "cell") for h in header]]
    for action in actions:
        text = markup(action.text)
        if action.meeting in names:
            text += f"<br/><font size='7.5' color='{MUTED}'>Set at {markup(names[action.meeting])}"
            text += "</font>"
        owner = markup(action.owner) if action.owner else muted("No owner")
        if organisations.get(action.owner):
            organisation = markup(organisations[action.owner])
            owner += f"<br/><font size='7.5' color='{MUTED}'>{organisation}</font>"
        data.append(
            [
                story.para(action.ref, "cell"),
                story.para(text, "cell"),
                story.para(owner, "cell"),
                story.para(due_text(action), "cell"),
                story.para(status_markup(action.status, action_label(action)), "cell"),
            ]
        )
    widths = (34, story.width - 304, 130, 85, 55)
    return story.header_table(data, widths, padding=(3, 3))


def status_markup(status: str, label: str) -> str:
    colour = _STATUS_COLOURS.get(status)
    return f"<font color='{colour}'><b>{label}</b></font>" if colour else escape(label)


def _summary(meetings: list[Meeting], agreements: dict[str, Agreement]) -> str:
    counts = {status: 0 for status in ("agreed", "needs-work", "draft")}
    for agreement in agreements.values():
        counts[agreement.status] = counts.get(agreement.status, 0) + 1
    total = sum(counts.values())
    if meetings:
        held = {1: "once", 2: "twice"}.get(len(meetings), f"{len(meetings)} times")
        lead = f"The partnership met {held} to agree this return: " + "; ".join(
            markup(meeting_name(m)) for m in meetings
        )
    else:
        lead = "No partnership meetings were recorded"
    stand = counted(
        (
            (counts["agreed"], "is agreed", "are agreed"),
            (counts["needs-work"], "needs more work", "need more work"),
            (counts["draft"], "is still a draft", "are still drafts"),
        )
    )
    return f"{lead}. Of its {total} answers, {stand}."
