"""The handlers of the command line's ``new``, ``import``, ``dump``, ``check`` and ``info``.

:mod:`stocktake_desktop.cli` lists every command and imports this module only when one of these
runs (``export`` and ``verify`` are in :mod:`stocktake_desktop.export.commands`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from stocktake_desktop.cli import EXIT_NOT_READY, EXIT_OK, default_editor, editor_of
from stocktake_desktop.document import ReturnDocument, with_extension


def open_read_only(path: Path) -> ReturnDocument:
    return ReturnDocument.open(path, default_editor(), read_only=True)


def new_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.template import default_template, find_template

    template = find_template(args.template) if args.template else default_template()
    path = with_extension(args.file)
    with ReturnDocument.create(path, args.locality, editor_of(args), template) as document:
        print(f"Created {path} ({document.template.display_name}, {document.locality})")
    return EXIT_OK


def import_command(args: argparse.Namespace) -> int:
    """Plan the import of SOURCE into FILE, then apply it (unless ``--dry-run``) and print the
    plan, a line per question: filled, replaced, unchanged, left alone, not recognised.

    Everything is read and checked before anything is written, so a refusal is one line on
    stderr (exit 2) with the return untouched. There is no question at the terminal (scripts
    run this): ``--dry-run`` shows what would change, opening the return read-only.
    """
    from stocktake_desktop.imports import (
        ImportOptions,
        apply_plan,
        plan_import,
        plan_lines,
        read_source,
    )

    options = ImportOptions(allow_outside=args.allow_outside, link_evidence=args.link_evidence)
    with ReturnDocument.open(args.file, editor_of(args), read_only=args.dry_run) as document:
        with read_source(args.source, document.template, options) as source:
            plan = plan_import(document, source)
            if not args.dry_run:
                apply_plan(document, plan)
        lines = plan_lines(plan, document.editor, applied=not args.dry_run)
    if args.dry_run:
        lines.append("Nothing was written (--dry-run).")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def dump_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.interchange import dump_return

    with open_read_only(args.file) as document:
        data = dump_return(document)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def check_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.counting import how_many
    from stocktake_desktop.readiness import blockers, check_readiness, lapsed

    with open_read_only(args.file) as document:
        items = check_readiness(document)
    for item in items:
        print(item.line())
    must_fix = blockers(items)
    if must_fix:
        print(f"Not ready to submit: {how_many(len(must_fix), 'item')} to complete.")
        return EXIT_NOT_READY
    if lapsed(items):
        print("Not ready to submit: a sign-off was made before later changes; confirm it again.")
        return EXIT_NOT_READY
    print("Ready to submit.")
    return EXIT_OK


def info_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.dates import friendly_datetime
    from stocktake_desktop.export.status import short_id

    with open_read_only(args.file) as document:
        summary = document.summary()
        template = document.template
    print(f"Locality: {summary.locality}")
    print(f"Stocktake: {template.display_name} ({template.id})")
    print(f"Answered: {summary.answered}/{summary.total}")
    print(f"Last change: {friendly_datetime(summary.last_change_at)} by {summary.last_change_by}")
    for submission in summary.submissions:
        kind = "Submitted" if submission.final else "Draft exported"
        print(
            f"{kind}: {friendly_datetime(submission.at)} (bundle {short_id(submission.bundle_id)})"
        )
    return EXIT_OK
