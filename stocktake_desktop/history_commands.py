"""The handlers of the command line's ``history`` and ``restore``.

``history FILE REF`` prints every version of REF's fields, newest first, one line each: the
version id, when, who (and the meeting), the field and the start of its text. ``restore FILE
REF VERSION`` makes that version's field hold its value again, a new change by ``--as NAME``.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from stocktake_desktop.cli import EXIT_OK, UserError, editor_of
from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import FieldVersion

#: How much of a value a line of ``history`` shows.
SHOWN = 60


def history_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.commands import open_read_only

    with open_read_only(args.file) as document:
        versions = document.field_versions(args.ref)
    if not versions:
        print(f"{args.ref} has not been changed yet.")
    for version in versions:
        print(version_line(version))
    return EXIT_OK


def restore_command(args: argparse.Namespace) -> int:
    version_id = _version_id(args.version)
    with ReturnDocument.open(args.file, editor_of(args)) as document:
        version = document.field_version(args.ref, version_id)
        changed = document.restore_version(args.ref, version_id)
        editor = document.editor
    if changed:
        print(f"Restored {args.ref} {version.field} to version {version_id} (as {editor}).")
    else:
        print(f"{args.ref} {version.field} already holds version {version_id}; nothing changed.")
    return EXIT_OK


def version_line(version: FieldVersion) -> str:
    """``"12  22 November 2026 14:02  Priya Shah (m1)  narrative  A joint board…"``."""
    who = version.who + (f" ({version.meeting})" if version.meeting else "")
    return f"{version.id}  {when(version.at)}  {who}  {version.field}  {start_of(version.value)}"


def when(at: str) -> str:
    """A change-log time as "22 November 2026 14:02" (local time)."""
    try:
        moment = datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at
    return f"{friendly_date(moment.date())} {moment:%H:%M}"


def start_of(text: str) -> str:
    """The start of a value on one line ("(empty)" for nothing)."""
    line = " ".join(text.split())
    if not line:
        return "(empty)"
    return line if len(line) <= SHOWN else line[: SHOWN - 1].rstrip() + "…"


def _version_id(text: str) -> int:
    if not text.isdigit():
        raise UserError(
            f"{text!r} is not a version id: give the number `history` prints at the start "
            "of a line."
        )
    return int(text)
