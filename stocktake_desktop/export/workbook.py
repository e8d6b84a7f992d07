"""The workbook the programme collates: Return, Cover, Support requested, Good practice, Actions.

Sheet Return has one row per question in the columns of the programme's collation
spreadsheet (and whether the partnership agreed the answer), with the locality on every row so
that returns can be stacked into one sheet; so has every row of Actions.
Every text value is tidied (no trailing whitespace or leading blank lines from pasting) and goes
through :mod:`safe_text`, so it stays text; a single status code is a number cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date
from pathlib import Path
from typing import Any

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.dates import friendly_date, friendly_datetime
from stocktake_desktop.document import Answer
from stocktake_desktop.export.meeting_text import (
    action_label,
    agreed_cell,
    meeting_names,
    organisations,
)
from stocktake_desktop.export.safe_text import set_cell
from stocktake_desktop.export.snapshot import ReturnSnapshot
from stocktake_desktop.export.status import short_id
from stocktake_desktop.fields import (
    CODES,
    GOOD_PRACTICE,
    GOOD_PRACTICE_NOTE,
    NARRATIVE,
    SUPPORT_REQUIRED,
)
from stocktake_desktop.template import Question

RETURN_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Locality", 22),
    ("Number", 9),
    ("Ref", 7),
    ("Section", 24),
    ("Question", 50),
    ("Codes used", 40),
    (CODES.workbook_header, 10),
    (NARRATIVE.workbook_header, 90),
    (GOOD_PRACTICE.workbook_header, 10),
    (GOOD_PRACTICE_NOTE.workbook_header, 40),
    ("Evidence files", 32),
    (SUPPORT_REQUIRED.workbook_header, 45),
    ("Agreed", 12),
)
ACTION_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Locality", 22),
    ("Id", 6),
    ("Ref", 7),
    ("Question", 50),
    ("Action", 60),
    ("Owner", 22),
    ("Organisation", 30),
    ("Due", 16),
    ("Status", 10),
    ("Set at", 36),
)
#: How a due date shows in Excel: 1 July 2013 (the cell holds a real date, so it sorts).
DATE_FORMAT = "d mmmm yyyy"
SHEET_RETURN = "Return"
SHEET_COVER = "Cover"
SHEET_SUPPORT = "Support requested"
SHEET_GOOD_PRACTICE = "Good practice"
SHEET_ACTIONS = "Actions"
SHEET_CHANGES = "Changes after submission"
#: Blank lines at the start of a text, as pasting from Word or an email often leaves.
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*(?:\r\n|\r|\n))+")


def tidy(text: str) -> str:
    """``text`` without the whitespace pasting leaves: trailing spaces and line breaks, and
    blank lines at the start (the first line's indentation is kept)."""
    return _LEADING_BLANK_LINES.sub("", text).rstrip()


def coded_as_value(codes: Iterable[int]) -> int | str | None:
    """The "Coded as" cell: one code is a number (``3``), several are text (``"5, 6, 7"``)."""
    chosen = sorted(set(codes))
    if not chosen:
        return None
    if len(chosen) == 1:
        return chosen[0]
    return ", ".join(str(code) for code in chosen)


def write_workbook(
    snapshot: ReturnSnapshot, target: Path, *, fingerprint: str, file_name_note: str = ""
) -> list[str]:
    """Write the workbook to ``target``; returns the refs whose text had to be cut to fit."""
    from openpyxl import Workbook  # lazy: only exporting needs openpyxl

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_RETURN
    cut = _write_return(sheet, snapshot)
    _write_cover(workbook.create_sheet(SHEET_COVER), snapshot, fingerprint, file_name_note)
    _write_support(workbook.create_sheet(SHEET_SUPPORT), snapshot)
    _write_good_practice(workbook.create_sheet(SHEET_GOOD_PRACTICE), snapshot)
    write_actions(workbook.create_sheet(SHEET_ACTIONS), snapshot)
    if snapshot.changes:
        _write_changes(workbook.create_sheet(SHEET_CHANGES), snapshot)
    _set_properties(workbook, snapshot)
    workbook.save(target)
    return cut


def evidence_names(snapshot: ReturnSnapshot, ref: str) -> str:
    return "\n".join(item.bundle_name for item in snapshot.evidence.get(ref, []))


def _write_return(sheet: Any, snapshot: ReturnSnapshot) -> list[str]:
    cut: list[str] = []
    _header(sheet, RETURN_COLUMNS)
    for question in snapshot.template.questions:
        answer = snapshot.answers[question.ref]
        section = snapshot.template.section(question.section_number)
        row = (
            snapshot.locality,
            question.number,
            question.ref,
            section.heading,
            question.text,
            question.codes_text,  # verbatim from the template, as the programme wrote it
            coded_as_value(answer.codes),
            answer.narrative,
            "Yes" if answer.good_practice else "No",
            answer.good_practice_note,
            evidence_names(snapshot, question.ref),
            answer.support_required,
            agreed_cell(snapshot.agreement(question.ref)),
        )
        if _append(sheet, row):
            cut.append(question.ref)
    _finish_table(sheet, len(RETURN_COLUMNS))
    return cut


def _write_cover(sheet: Any, snapshot: ReturnSnapshot, fingerprint: str, note: str) -> None:
    template = snapshot.template
    rows: list[tuple[str, str]] = [
        ("Stocktake", template.title),
        ("Edition", f"{template.display_name} ({template.id})"),
        ("Edition hash", template.content_hash),
        ("Locality", snapshot.locality),
        ("Status", "Final submission" if snapshot.final else "Draft (not for submission)"),
        ("Ready to submit", "Yes" if snapshot.ready else "No: some items are still to complete"),
    ]
    for field in template.completed_by_fields:
        rows.append((f"Completed by: {field.label}", snapshot.completed_by.get(field.key, "")))
    for role in template.sign_off_roles:
        name, signed = snapshot.sign_off.get(role.key, ("", ""))
        rows.append((f"Signed by: {role.label}", name))
        rows.append((f"Signed by: {role.label}, date", friendly_date(signed)))
    if snapshot.last_final is not None:
        previous = snapshot.last_final
        rows.append(
            (
                "Previous final submission",
                f"{friendly_datetime(previous.at)} (bundle {short_id(previous.bundle_id)})",
            )
        )
    rows += [
        ("Exported", friendly_datetime(snapshot.exported_at)),
        ("Exported by", snapshot.editor),
        ("App", f"{APP_NAME} {__version__}"),
        ("Return fingerprint", fingerprint),
        ("Bundle id", note),
    ]
    _header(sheet, (("Item", 34), ("Value", 100)))
    for row in rows:
        _append(sheet, row)
    _finish_table(sheet, 2, filters=False)


def _write_support(sheet: Any, snapshot: ReturnSnapshot) -> None:
    _write_question_list(
        sheet,
        snapshot,
        ((CODES.workbook_header, 10), (SUPPORT_REQUIRED.workbook_header, 80)),
        lambda question, answer: (
            (coded_as_value(answer.codes), answer.support_required)
            if answer.support_required.strip()
            else None
        ),
    )


def _write_good_practice(sheet: Any, snapshot: ReturnSnapshot) -> None:
    _write_question_list(
        sheet,
        snapshot,
        ((GOOD_PRACTICE_NOTE.workbook_header, 60), ("Evidence files", 40)),
        lambda question, answer: (
            (answer.good_practice_note, evidence_names(snapshot, question.ref))
            if answer.good_practice
            else None
        ),
    )


def _write_question_list(
    sheet: Any,
    snapshot: ReturnSnapshot,
    columns: tuple[tuple[str, int], tuple[str, int]],
    values: Callable[[Question, Answer], tuple[object, object] | None],
) -> None:
    """A row per question that ``values`` gives two cells for (None leaves it out)."""
    _header(sheet, (("Locality", 22), ("Ref", 7), ("Section", 24), ("Question", 50), *columns))
    for question in snapshot.template.questions:
        cells = values(question, snapshot.answers[question.ref])
        if cells is not None:
            section = snapshot.template.section(question.section_number)
            row = (snapshot.locality, question.ref, section.heading, question.text, *cells)
            _append(sheet, row)
    _finish_table(sheet, 6)


def write_actions(sheet: Any, snapshot: ReturnSnapshot) -> None:
    """A row per action, in the stocktake's order; the headings alone when there are none."""
    _header(sheet, ACTION_COLUMNS)
    questions = {q.ref: q for q in snapshot.template.questions}
    names = meeting_names(snapshot.meetings)
    people = organisations(snapshot.meetings)
    due_column = [name for name, _width in ACTION_COLUMNS].index("Due") + 1
    for action in sorted(snapshot.actions, key=lambda a: _number(questions.get(a.ref))):
        question = questions.get(action.ref)
        due = date.fromisoformat(action.due) if action.due else None
        row = (
            snapshot.locality,
            action.id,
            action.ref,
            question.text if question else "",
            action.text,
            action.owner,
            people.get(action.owner, ""),
            due,
            action_label(action),
            names.get(action.meeting, ""),
        )
        _append(sheet, row)
        if due is not None:
            sheet.cell(row=sheet.max_row, column=due_column).number_format = DATE_FORMAT
    _finish_table(sheet, len(ACTION_COLUMNS))


def _number(question: Question | None) -> int:
    return question.number if question else 0


def _write_changes(sheet: Any, snapshot: ReturnSnapshot) -> None:
    _header(
        sheet,
        (
            ("When", 22),
            ("Who", 18),
            ("Ref", 7),
            ("What changed", 24),
            ("Before", 60),
            ("After", 60),
        ),
    )
    for change in snapshot.changes:
        _append(
            sheet,
            (
                friendly_datetime(change.at),
                change.who,
                change.ref,
                change.what,
                change.before,
                change.after,
            ),
        )
    _finish_table(sheet, 6)


def _header(sheet: Any, columns: tuple[tuple[str, int], ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append([name for name, _width in columns])
    fill = PatternFill("solid", fgColor="DDE4EE")
    for index, (_name, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = width


def _append(sheet: Any, values: tuple[object, ...]) -> bool:
    """Add a row, every text value kept as text. True when a value had to be cut."""
    from openpyxl.styles import Alignment

    row = sheet.max_row + 1
    cut = False
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        cut |= set_cell(cell, tidy(value) if isinstance(value, str) else value)
        cell.alignment = wrap
    return cut


def _finish_table(sheet: Any, columns: int, *, filters: bool = True) -> None:
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    if filters:
        sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(sheet.max_row, 1)}"


def _set_properties(workbook: Any, snapshot: ReturnSnapshot) -> None:
    template = snapshot.template
    properties = workbook.properties
    properties.title = f"{template.display_name}: {snapshot.locality}"
    properties.subject = template.email_subject.format(locality=snapshot.locality)
    properties.creator = snapshot.author
    properties.lastModifiedBy = snapshot.editor
    properties.description = f"Exported by {APP_NAME} {__version__}"
    properties.keywords = f"Winterbourne View; stocktake; {snapshot.locality}"
    stamp = snapshot.exported_at.astimezone(UTC).replace(tzinfo=None)  # openpyxl writes UTC
    properties.created = stamp
    properties.modified = stamp
