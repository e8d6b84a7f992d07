"""The handlers of the ``export``, ``verify`` and ``meeting-record`` commands (listed in
:mod:`stocktake_desktop.cli`).

The exporters load when a command runs, not when the command line starts.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from stocktake_desktop.cli import EXIT_NOT_READY, EXIT_OK, UserError, editor_of

#: How the CLI says to leave the evidence out of an emailed zip.
LEAVE_OUT_ON_COMMAND_LINE = "use --leave-out-evidence"


def export_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.document import LockedError, ReturnDocument
    from stocktake_desktop.document.errors import CannotEditError
    from stocktake_desktop.export.bundle import ExportOptions, export_bundle
    from stocktake_desktop.export.preflight import refusal, run_preflight
    from stocktake_desktop.export.status import report_lines

    if args.email_limit <= 0:
        raise UserError("--email-limit must be a positive number of megabytes.")
    _make_folder(args.out, "the bundle")
    try:
        document = ReturnDocument.open(args.file, editor_of(args))
    except CannotEditError as error:  # in use elsewhere, read-only, linked twice...
        if args.final:
            raise
        document = ReturnDocument.open(args.file, editor_of(args), read_only=True)
        why = (
            "the return is open elsewhere"
            if isinstance(error, LockedError)
            else "the return cannot be changed here"
        )
        print(f"Note: {why}, so this draft export is not recorded in it.")
    with document:
        preflight = run_preflight(
            document, email_limit_mb=args.email_limit, leave_out_evidence=args.leave_out_evidence
        )
        print(f"Pre-flight: {document.locality}, {document.template.display_name}")
        for item in preflight.items:
            print(f"  {item.line()}")
        if not preflight.items:
            print("  Everything is complete.")
        print(f"  {preflight.size_line()}")
        reason = refusal(preflight, final=args.final, accept_warnings=args.accept_warnings)
        if reason:
            print(reason)
            return EXIT_NOT_READY
        result = export_bundle(
            document,
            ExportOptions(
                out_dir=args.out,
                final=args.final,
                ready=preflight.ready,
                leave_out_evidence=args.leave_out_evidence,
            ),
        )
        first, *rest = report_lines(
            document,
            result,
            email_limit=preflight.email_limit,
            how_to_leave_out=LEAVE_OUT_ON_COMMAND_LINE,
        )
        print(first)
        for line in rest:
            print(f"  {line}")
        if args.email:
            from stocktake_desktop.export.handoff import hand_off

            print(f"  {hand_off(document, result)}")
    return EXIT_OK


def _make_folder(folder: Path, what: str) -> None:
    """Make the output folder (and its parents) if needed; a clear error when it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise UserError(f"{folder} is a file, not a folder for {what}.") from error
    except OSError as error:
        raise UserError(f"The output folder {folder} cannot be made: {error.strerror}.") from error


def verify_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.export.verify import verify_bundle

    if not args.bundle.exists():
        raise UserError(f"{args.bundle} does not exist.")
    expected = args.bundle_id.strip().lower()
    if expected and not re.fullmatch(r"[0-9a-f]{64}", expected):
        raise UserError(
            "--bundle-id must be the whole bundle id from the covering email: "
            "64 letters a-f and digits."
        )
    report = verify_bundle(args.bundle, expected)
    for line in report.lines():
        print(line)
    return EXIT_OK if report.intact else EXIT_NOT_READY


def meeting_record_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.document import ReturnDocument
    from stocktake_desktop.export.meeting_record import export_meeting_record
    from stocktake_desktop.export.meeting_text import meeting_name

    _make_folder(args.out, "the meeting record")
    with ReturnDocument.open(args.file, editor_of(args), read_only=True) as document:
        meetings = document.meetings()
        if args.meeting not in {meeting.id for meeting in meetings}:
            held = "; ".join(f"{m.id} ({meeting_name(m)})" for m in meetings)
            raise UserError(
                f"There is no meeting {args.meeting!r} in this return; "
                + (f"its meetings are {held}." if held else "it has no meetings yet.")
            )
        target = export_meeting_record(document, args.meeting, args.out)
    print(f"Meeting record: {target}")
    return EXIT_OK
