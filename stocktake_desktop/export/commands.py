"""The ``export`` and ``verify`` commands (registered with :mod:`stocktake_desktop.cli`).

Imports only the standard library at start-up; the exporters load when a command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from stocktake_desktop import cli
from stocktake_desktop.limits import EMAIL_LIMIT_MB


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = sub.add_parser(
        "export",
        help="write the submission bundle (workbook, PDF, evidence, manifest, zip)",
        description=(
            "Write a folder and a zip named from the locality and the date into DIR. A draft "
            "is exported whatever its state; --final needs the return to be complete and any "
            "warnings confirmed with --accept-warnings. Exit 0 when exported, 1 when refused."
        ),
    )
    export.add_argument("file", type=Path, help="the return")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to write it")
    export.add_argument("--final", action="store_true", help="this is the final submission")
    export.add_argument(
        "--accept-warnings", action="store_true", help="confirm the warnings (for --final)"
    )
    export.add_argument(
        "--email-limit",
        type=float,
        default=EMAIL_LIMIT_MB,
        metavar="MB",
        help=f"warn when the zip is bigger than this (default {EMAIL_LIMIT_MB:g} MB)",
    )
    export.add_argument(
        "--leave-out-evidence",
        action="store_true",
        help="keep the evidence out of the zip (it stays in the folder and is listed)",
    )
    export.add_argument(
        "--email", action="store_true", help="then open an email to the programme, ready to send"
    )
    cli._add_editor(export)

    verify = sub.add_parser(
        "verify",
        help="check a bundle against its manifest; exit 0 when intact, 1 when not",
        description=(
            "Check a received bundle: every file against manifest.json, and manifest.json "
            "against bundle-id.txt, the zip comment and --bundle-id. Intact proves the bundle "
            "matches its own manifest and id; it proves who made it only if the id also "
            "reached you another way (the covering email): give it with --bundle-id. "
            "Exit 0 when intact, 1 when not (damaged, changed, missing or extra files)."
        ),
    )
    verify.add_argument("bundle", type=Path, help="the bundle zip (or its unpacked folder)")
    verify.add_argument(
        "--bundle-id", default="", metavar="ID", help="the bundle id from the covering email"
    )


cli.PARSER_EXTENSIONS.append(add_parsers)


@cli.command("export")
def export_command(args: argparse.Namespace) -> int:
    from stocktake_desktop.document import LockedError, ReturnDocument
    from stocktake_desktop.document.errors import CannotEditError
    from stocktake_desktop.export.bundle import ExportOptions, export_bundle
    from stocktake_desktop.export.preflight import item_line, megabytes, refusal, run_preflight

    if args.email_limit <= 0:
        raise cli.UserError("--email-limit must be a positive number of megabytes.")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise cli.UserError(f"{args.out} is a file, not a folder for the bundle.") from error
    except OSError as error:
        raise cli.UserError(
            f"The output folder {args.out} cannot be made: {error.strerror}."
        ) from error
    try:
        document = ReturnDocument.open(args.file, cli.editor_of(args))
    except CannotEditError as error:  # in use elsewhere, read-only, linked twice...
        if args.final:
            raise
        document = ReturnDocument.open(args.file, cli.editor_of(args), read_only=True)
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
            print(f"  {item_line(item)}")
        if not preflight.items:
            print("  Everything is complete.")
        print(f"  {preflight.size_line()}")
        reason = refusal(preflight, final=args.final, accept_warnings=args.accept_warnings)
        if reason:
            print(reason)
            return cli.EXIT_NOT_READY
        result = export_bundle(
            document,
            ExportOptions(
                out_dir=args.out,
                final=args.final,
                ready=preflight.ready,
                leave_out_evidence=args.leave_out_evidence,
            ),
        )
        kind = "Final submission" if args.final else "Draft"
        print(f"{kind} exported: {result.zip_path} ({megabytes(result.zip_size)})")
        print(f"  Folder: {result.folder}")
        if result.eml_path is not None:
            print(f"  Email draft (the zip attached, ready to send): {result.eml_path}")
        print(f"  Bundle id: {result.bundle_id}")
        for entry in result.sent_separately:
            print(f"  Not in the zip, send separately: {entry.path}")
        for missing in result.missing_evidence:
            print(f"  Evidence missing, not included: {missing['ref']} {missing['name']}")
        if result.cut_refs:
            print(f"  Cut to fit Excel cells (full text in the PDF): {', '.join(result.cut_refs)}")
        if result.zip_size > preflight.email_limit:
            print(
                f"  The zip is over the {megabytes(preflight.email_limit)} email limit: "
                "use --leave-out-evidence, or send it another way."
            )
        if args.final and result.recorded:
            from stocktake_desktop.export.status import submission_status

            print(f"  {submission_status(document)}")
        if args.email:
            from stocktake_desktop.export.handoff import hand_off

            print(f"  {hand_off(document, result)}")
    return cli.EXIT_OK


@cli.command("verify")
def verify_command(args: argparse.Namespace) -> int:
    import re

    from stocktake_desktop.export.verify import verify_bundle

    if not args.bundle.exists():
        raise cli.UserError(f"{args.bundle} does not exist.")
    expected = args.bundle_id.strip().lower()
    if expected and not re.fullmatch(r"[0-9a-f]{64}", expected):
        raise cli.UserError(
            "--bundle-id must be the whole bundle id from the covering email: "
            "64 letters a-f and digits."
        )
    report = verify_bundle(args.bundle, expected)
    for line in report.lines():
        print(line)
    return cli.EXIT_OK if report.intact else cli.EXIT_NOT_READY
