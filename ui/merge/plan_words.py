"""A merge plan in words, for the summary shown before merging: what the other copy brings,
a line each, and one sentence saying how it was compared."""

from __future__ import annotations

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document.models import Action, Attendee, Meeting
from stocktake_desktop.imports.source import excerpt
from stocktake_desktop.merge import MergePlan
from stocktake_desktop.merge.items import Arrival
from stocktake_desktop.template import Template

from .texts import field_words, place_words


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def plan_summary(plan: MergePlan) -> str:
    """ "From ccg.stocktake: 3 changes to take and 1 conflict to keep for you to review."."""
    if plan.nothing_new:
        return (
            f"Nothing new to merge from {plan.copy}: this return already has everything in it, "
            "so merging would change nothing."
        )
    said = f"From {plan.copy}: {_count(plan.changes, 'change')} to take"
    if plan.clashes:
        said += f" and {_count(len(plan.clashes), 'conflict')} to keep for you to review"
    return said + "."


def plan_how(plan: MergePlan) -> str:
    """How the copies were compared, and that nothing is lost."""
    if plan.base is not None:
        how = (
            f"The two are copies of one return, compared from {plan.base.how}: what only one "
            "copy changed is taken, and what both changed differently is a conflict."
        )
    else:
        how = (
            "The two returns were made separately: a field empty here takes the other's value, "
            "and where both have different values, a conflict is kept for you to review."
        )
    return how + " Nothing is lost: every version stays in the history, with who wrote it."


def plan_lines(template: Template, plan: MergePlan) -> list[str]:
    """Each thing the merge would do, a line each: conflicts first (they need you), then the
    changes taken, evidence, meetings and actions, and notes."""
    lines = []
    for clash in plan.clashes:
        both = "both copies changed it" if clash.base is not None else "both copies have it"
        lines.append(
            f"Conflict to review — {_place(template, clash.ref, clash.field)}: {both}, "
            f"differently ({clash.who}'s version from {clash.copy})"
        )
    for take in plan.takes:
        value = excerpt(take.value) if take.value.strip() else "(empty)"
        lines.append(
            f"Takes {take.who}'s version — {_place(template, take.ref, take.field)}: {value}"
        )
    for arrival in plan.evidence:
        link = arrival.link
        what = "A copy kept in the return of" if arrival.into is not None else "Evidence"
        lines.append(f"{what} {link.file_name} — {place_words(template, link.ref)}")
    items = plan.items
    for group, said in (
        (items.meetings, "Meeting arriving"),
        (items.meeting_details, "Meeting details taken"),
        (items.meeting_ends, "Meeting ended in the other copy"),
        (items.attendees, "Attendee arriving"),
        (items.actions, "Action arriving"),
        (items.action_details, "Action details taken"),
    ):
        lines.extend(f"{said} — {_item(arrival)}" for arrival in group)
    lines.extend(f"Note — {note}" for note in plan.notes)
    return lines


def _place(template: Template, ref: str, field: str) -> str:
    return f"{place_words(template, ref)}, {field_words(template, ref, field)}"


def _item(arrival: Arrival) -> str:
    item = arrival.item
    if isinstance(item, Meeting):
        return f"{item.title}, {friendly_date(item.date)} ({arrival.who})"
    if isinstance(item, Attendee):
        organisation = f", {item.organisation}" if item.organisation else ""
        return f"{item.name}{organisation} at meeting {arrival.target}"
    assert isinstance(item, Action)
    return f"{item.ref}: {excerpt(item.text)} ({arrival.who})"
