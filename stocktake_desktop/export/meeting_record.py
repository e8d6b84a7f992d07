"""The record of one partnership meeting, as a PDF: who attended from which organisation, each
answer agreed or changed in it with its value before and after the meeting, and the actions
set in it.

:func:`read_meeting_record` reads it from the return (the before and after come from the
change log through ``ReturnDocument.changes_in_meeting``); :func:`write_meeting_record` writes
the PDF; :func:`export_meeting_record` does both into a folder, under a name that never
overwrites an earlier record, writing to a temporary file first.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.dates import friendly_date, friendly_datetime
from stocktake_desktop.document import ReturnDocument, StorageError
from stocktake_desktop.document.models import Action, AnswerChange, FieldChange, Meeting
from stocktake_desktop.export.meeting_text import (
    AGREEMENT_LABELS,
    counted,
    meeting_name,
    organisations,
)
from stocktake_desktop.export.naming import safe_locality
from stocktake_desktop.export.pdf_agreement import action_table, attendee_table
from stocktake_desktop.export.pdf_page import Furniture, PdfInfo, write_document
from stocktake_desktop.export.pdf_story import Flow
from stocktake_desktop.export.pdf_styles import INDENT, MUTED, RULE, markup, muted, shorten
from stocktake_desktop.export.snapshot import FIELD_LABELS
from stocktake_desktop.template import Template

_log = logging.getLogger(__name__)
#: Fields whose values are a word or two ("Agreed", "3", "Yes"): before and after on one line.
SHORT_FIELDS = frozenset({"agreement", "codes", "good_practice"})


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """Everything the record shows, read from the return once."""

    template: Template
    locality: str
    meeting: Meeting
    changes: list[AnswerChange]
    actions: list[Action]
    organisations: dict[str, str]
    exported_at: datetime
    editor: str


def read_meeting_record(
    document: ReturnDocument, meeting_id: str, *, now: datetime | None = None
) -> MeetingRecord:
    """The record of meeting ``meeting_id`` (an unknown id is an ``AnswerError``)."""
    meeting = document.meeting(meeting_id)
    meetings = document.meetings()
    return MeetingRecord(
        template=document.template,
        locality=document.locality,
        meeting=meeting,
        changes=document.changes_in_meeting(meeting_id),
        actions=[action for action in document.actions() if action.meeting == meeting_id],
        organisations=organisations(meetings),
        exported_at=now or datetime.now().astimezone().replace(microsecond=0),
        editor=document.editor,
    )


def record_file_name(record: MeetingRecord, counter: int = 1) -> str:
    """``WV-Stocktake-2013_Leicestershire_Meeting-m1_2013-06-20.pdf`` (``_2``… after the first)."""
    meeting = record.meeting
    stem = "_".join(
        (
            record.template.bundle_prefix,
            safe_locality(record.locality),
            f"Meeting-{meeting.id}",
            meeting.date,
        )
    )
    return f"{stem}_{counter}.pdf" if counter > 1 else f"{stem}.pdf"


def export_meeting_record(
    document: ReturnDocument, meeting_id: str, out_dir: Path, *, now: datetime | None = None
) -> Path:
    """Write the record of meeting ``meeting_id`` into ``out_dir``; the file written."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise StorageError(f"The folder {out_dir} does not exist.")
    record = read_meeting_record(document, meeting_id, now=now)
    counter = 1
    while (out_dir / record_file_name(record, counter)).exists():
        counter += 1
    target = out_dir / record_file_name(record, counter)
    partial = out_dir / f".{target.name}.partial-{os.getpid()}"
    try:
        write_meeting_record(record, partial)
        partial.replace(target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        if isinstance(error, OSError):
            raise StorageError(
                f"Could not write the meeting record in {out_dir}: {error.strerror or error}"
            ) from error
        raise
    _log.info("Meeting record of %s %s written: %s", document.path, meeting_id, target)
    return target


def write_meeting_record(record: MeetingRecord, target: Path) -> None:
    """Write the record's PDF to ``target``."""
    template, meeting = record.template, record.meeting
    furniture = Furniture(
        header_left=f"Meeting record · {template.display_name}",
        header_right=shorten(record.locality, 60),
        footer_left=(
            f"Meeting {meeting.id} · record made {friendly_date(record.exported_at.date())} · "
            f"{APP_NAME} {__version__}"
        ),
        draft=False,
    )
    info = PdfInfo(
        title=f"Meeting record: {meeting_name(meeting)} ({record.locality})",
        author=meeting.chair or record.editor,
        subject=f"{template.short_title}: {record.locality}",
        keywords=f"Winterbourne View, stocktake, meeting record, {record.locality}",
    )
    write_document(target, info, furniture, lambda width: _story(record, width))


def _story(record: MeetingRecord, width: float) -> list[object]:
    from reportlab.platypus import Spacer

    flow = Flow(width)
    meeting = record.meeting
    flow.flow.append(flow.para("Meeting record", "title"))
    flow.flow.append(flow.para(markup(meeting_name(meeting)), "subtitle"))
    flow.flow.append(_facts(flow, record))
    flow.flow.append(Spacer(1, 6))
    flow.flow.append(flow.para(_summary(record), "guidance"))
    flow.flow.append(flow.para("Attendees", "heading"))
    if meeting.attendees:
        flow.flow.append(attendee_table(flow, meeting.attendees))
    else:
        flow.flow.append(flow.para(muted("No attendees were listed."), "guidance"))
    flow.flow.append(flow.para("Answers agreed or changed in this meeting", "heading"))
    if not record.changes:
        flow.flow.append(flow.para(muted("No answer was agreed or changed."), "guidance"))
    for change in record.changes:
        _answer(flow, record, change)
    flow.flow.append(flow.para("Actions set in this meeting", "heading"))
    if record.actions:
        # No "Set at" line: every action here was set in this meeting.
        flow.flow.append(action_table(flow, record.actions, record.organisations, {}))
    else:
        flow.flow.append(flow.para(muted("No actions were set."), "guidance"))
    return flow.flow


def _facts(flow: Flow, record: MeetingRecord) -> object:
    meeting = record.meeting
    ended = friendly_datetime(meeting.ended_at) if meeting.ended_at else "Still under way"
    rows = [
        ("Return", f"{record.locality}: {record.template.display_name}"),
        ("Meeting", f"{meeting.id}: {meeting.title}"),
        ("Date", friendly_date(meeting.date)),
        ("Chair", meeting.chair or "Not recorded"),
        ("Started", friendly_datetime(meeting.started_at)),
        ("Ended", ended),
        ("Record made", f"{friendly_datetime(record.exported_at)} by {record.editor}"),
    ]
    return flow.grid(rows, (110, flow.width - 110), shade=True, spacer=6)


def _summary(record: MeetingRecord) -> str:
    statuses = [
        field.after
        for change in record.changes
        for field in change.fields
        if field.field == "agreement"
    ]
    edited = sum(
        any(field.field not in ("agreement", "agreement_note") for field in change.fields)
        for change in record.changes
    )
    done = counted(
        (
            (statuses.count("agreed"), "answer was agreed", "answers were agreed"),
            (statuses.count("needs-work"), "answer needs more work", "answers need more work"),
            (edited, "answer was changed", "answers were changed"),
            (len(record.actions), "action was set", "actions were set"),
        )
    )
    people = len(record.meeting.attendees)
    who = f"{people} {'person' if people == 1 else 'people'} attended. "
    if not done:
        return who + "No answer was agreed or changed in this meeting and no action was set."
    return f"{who}In this meeting {done}."


def _answer(flow: Flow, record: MeetingRecord, change: AnswerChange) -> None:
    """The question, then each field that changed: its value before and after the meeting."""
    from reportlab.platypus import KeepTogether

    question = record.template.question(change.ref)
    heading = flow.para(f"{escape(change.ref)} {markup(question.text)}", "subheading")
    short = [field for field in change.fields if field.field in SHORT_FIELDS]
    long = [field for field in change.fields if field.field not in SHORT_FIELDS]
    edited = bool(long) or any(field.field != "agreement" for field in short)
    lines = [flow.para(_short_line(field, edited), "body") for field in short]
    flow.flow.append(KeepTogether([heading, *lines]))
    for field in long:
        flow.flow.append(flow.para(f"<b>{_label(field)}</b>{_by(field)}", "body"))
        flow.flow.append(_before_after(flow, field))


def _short_line(field: FieldChange, edited: bool) -> str:
    before, after = _value(field, field.before), _value(field, field.after)
    line = f"<b>{_label(field)}:</b> {before} → <b>{after}</b>{_by(field)}"
    if field.field == "agreement" and (field.before, field.after) == ("agreed", "draft") and edited:
        line += f" {muted('back to draft: the answer was changed after it was agreed')}"
    return line


def _value(field: FieldChange, value: str) -> str:
    if field.field == "agreement":
        return escape(AGREEMENT_LABELS.get(value, value or "Draft"))
    return markup(value) if value else "(none)"


def _before_after(flow: Flow, field: FieldChange) -> object:
    """Before and after side by side with their labels, indented under the field's name."""
    from reportlab.platypus import Table, TableStyle

    rows = [
        [flow.para(f"<font color='{MUTED}'>Before</font>", "label"), _text(flow, field.before)],
        [flow.para("After", "label"), _text(flow, field.after)],
    ]
    table = Table(
        rows, colWidths=(52, flow.width - INDENT - 52), hAlign="RIGHT", splitInRow=1, spaceAfter=6
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, RULE),
                ("LINEBEFORE", (1, 0), (1, -1), 0.4, RULE),
            ]
        )
    )
    return table


def _text(flow: Flow, value: str) -> object:
    return flow.para(markup(value.strip()) if value.strip() else muted("(empty)"), "cell")


def _label(field: FieldChange) -> str:
    return escape(FIELD_LABELS.get(field.field, field.field.replace("_", " ").capitalize()))


def _by(field: FieldChange) -> str:
    people = ", ".join(field.people)
    return f" <font color='{MUTED}'>(by {markup(people)})</font>" if people else ""
