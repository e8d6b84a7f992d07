"""The command line's ``merge`` and ``resolve`` (listed in :mod:`stocktake_desktop.cli`)."""

from __future__ import annotations

import argparse
import logging

from stocktake_desktop.cli import EXIT_NOT_READY, EXIT_OK, UserError, editor_of
from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.conflicts import Conflict

_log = logging.getLogger(__name__)


def merge_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.merge import merge_open_copy, open_copy

    copy = open_copy(args.other, args.file)  # first: a copy that cannot be merged locks nothing
    try:
        with ReturnDocument.open(args.file, editor_of(args)) as document:
            result = merge_open_copy(document, copy)
    finally:
        copy.close()
    _log.info(
        "merged %s into %s: %d changes, %d new conflicts",
        args.other,
        args.file,
        result.plan.changes,
        len(result.plan.clashes),
    )
    for note in result.plan.notes:
        print(f"note: {note}")
    for conflict in result.conflicts:
        print(conflict_line(conflict))
    print(result.summary)
    if result.conflicts:
        print(f"Settle each with: python main.py resolve {args.file} REF FIELD --keep mine|theirs")
        return EXIT_NOT_READY
    return EXIT_OK


def resolve_command(args: argparse.Namespace) -> int:
    with ReturnDocument.open(args.file, editor_of(args)) as document:
        found = document.open_conflicts(args.ref, args.field)
        if not found:
            raise UserError(
                f"{args.file} has no conflict to settle on {args.ref} {args.field} "
                f"(python main.py check {args.file} lists them)."
            )
        settled = document.resolve_conflict(found[0].id, args.keep)
        left = len(document.conflicts())
    kept = "this copy's version" if args.keep == "mine" else f"{settled.theirs_by}'s version"
    print(f"{settled.label}: kept {kept} (the conflict with {settled.copy} is settled).")
    if left:
        print(f"{left} conflict{'s' if left != 1 else ''} still to review.")
    return EXIT_OK


def conflict_line(conflict: Conflict) -> str:
    """One line naming the conflict's ref and field, for ``merge`` and ``check``."""
    return (
        f"conflict: {conflict.label}: this copy's version and {conflict.theirs_by}'s "
        f"from {conflict.copy} differ"
    )
