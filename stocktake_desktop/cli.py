"""The command line: the same core functions the wizard uses, for scripts and the programme team.

User errors print one clear line on stderr and exit 2; never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.document import (
    EXTENSION,
    ReturnDocument,
    ReturnError,
    with_extension,
)
from stocktake_desktop.interchange_read import one_line
from stocktake_desktop.template import TemplateError

EXIT_OK, EXIT_NOT_READY, EXIT_ERROR = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


class UserError(Exception):
    """A problem to report in one line, exit 2."""


def command(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        COMMANDS[name] = handler
        return handler

    return register


def default_editor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name on some locked-down machines
        return "Unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description=(
            f"{APP_NAME}: complete the Winterbourne View stocktake return offline.\n\n"
            "With no command it starts the app: python main.py [FILE] [--as NAME]\n"
            "opens FILE (a return) with NAME as the person editing."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    new = sub.add_parser("new", help="create a new return")
    new.add_argument(
        "file", type=Path, help=f"the new return ({EXTENSION} is added if FILE has no extension)"
    )
    new.add_argument(
        "--locality", required=True, help="the local authority area, e.g. Leicestershire"
    )
    new.add_argument("--template", help="stocktake edition id (default: the newest)")
    _add_editor(new)

    imp = sub.add_parser("import", help="fill answers from an interchange JSON file")
    imp.add_argument("file", type=Path, help="the return")
    imp.add_argument("answers", type=Path, help="the answers JSON (see docs/interchange.md)")
    imp.add_argument(
        "--allow-outside",
        action="store_true",
        help="attach evidence files outside the answers file's folder too",
    )
    imp.add_argument(
        "--link-evidence",
        action="store_true",
        help="link to evidence files where they are instead of keeping a copy in the return",
    )
    _add_editor(imp)

    dump = sub.add_parser("dump", help="print the return as interchange JSON")
    dump.add_argument("file", type=Path)

    check = sub.add_parser(
        "check", help="readiness report; exit 0 when ready to submit, 1 when not, 2 on error"
    )
    check.add_argument("file", type=Path)

    info = sub.add_parser("info", help="locality, edition, progress and the last change")
    info.add_argument("file", type=Path)

    for extend in PARSER_EXTENSIONS:
        extend(sub)
    return parser


#: Other modules add sub-commands here (export and verify live with the export code).
PARSER_EXTENSIONS: list[Callable[[argparse._SubParsersAction], None]] = []  # type: ignore[type-arg]


#: Modules that register further commands (imported on demand; each must import quickly).
EXTENSION_MODULES: list[str] = [
    "stocktake_desktop.privacy",
    "stocktake_desktop.export.commands",
]


def load_extensions() -> None:
    import importlib

    for name in EXTENSION_MODULES:
        importlib.import_module(name)


def _add_editor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as", dest="editor", metavar="NAME", help="who is making the change (for the change log)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit code. A closed output pipe (``| head -1``) ends it quietly."""
    try:
        try:
            code = _run(argv)
        except SystemExit as done:  # argparse after --help, --version or a usage error
            code = done.code if isinstance(done.code, int) else int(done.code is not None)
        sys.stdout.flush()  # inside the try: a pipe closed early fails here, not at exit
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_NOT_READY
    return code


def _discard_stdout() -> None:
    """Python's advice for a closed pipe: point stdout at devnull so the exit flush is silent."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture it)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return COMMANDS[args.command](args)
    except (UserError, ReturnError, TemplateError) as error:
        print(f"error: {one_line(str(error), 4000)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR


def handles(args: Sequence[str]) -> bool:
    """Whether ``args`` ask for a command (or help/version) rather than the app's window."""
    load_extensions()
    return bool(args) and (args[0] in COMMANDS or args[0] in {"-h", "--help", "--version"})


def editor_of(args: argparse.Namespace) -> str:
    return getattr(args, "editor", None) or default_editor()


def open_read_only(path: Path) -> ReturnDocument:
    return ReturnDocument.open(path, default_editor(), read_only=True)


@command("new")
def _new(args: argparse.Namespace) -> int:
    from stocktake_desktop.template import default_template, find_template

    template = find_template(args.template) if args.template else default_template()
    path = with_extension(args.file)
    with ReturnDocument.create(path, args.locality, editor_of(args), template) as document:
        print(f"Created {path} ({document.template.display_name}, {document.locality})")
    return EXIT_OK


@command("import")
def _import(args: argparse.Namespace) -> int:
    from stocktake_desktop.interchange import import_answers, read_answers_file

    data = read_answers_file(args.answers)
    with ReturnDocument.open(args.file, editor_of(args)) as document:
        result = import_answers(
            document,
            data,
            args.answers.resolve().parent,
            source=args.answers.name,
            allow_outside=args.allow_outside,
            link_only=args.link_evidence,
        )
    print(f"Imported {result.answers} answers into {args.file} ({result.changes} changes logged)")
    return EXIT_OK


@command("dump")
def _dump(args: argparse.Namespace) -> int:
    from stocktake_desktop.interchange import dump_return

    with open_read_only(args.file) as document:
        data = dump_return(document)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


@command("check")
def _check(args: argparse.Namespace) -> int:
    from stocktake_desktop.readiness import blockers, check_readiness

    with open_read_only(args.file) as document:
        items = check_readiness(document)
    for item in items:
        print(item.line())
    must_fix = blockers(items)
    if must_fix:
        print(f"Not ready to submit: {len(must_fix)} item(s) to complete.")
        return EXIT_NOT_READY
    print("Ready to submit.")
    return EXIT_OK


@command("info")
def _info(args: argparse.Namespace) -> int:
    from stocktake_desktop.dates import friendly_datetime

    with open_read_only(args.file) as document:
        summary = document.summary()
        template = document.template
    print(f"Locality: {summary.locality}")
    print(f"Stocktake: {template.display_name} ({template.id})")
    print(f"Answered: {summary.answered}/{summary.total}")
    print(f"Last change: {friendly_datetime(summary.last_change_at)} by {summary.last_change_by}")
    for submission in summary.submissions:
        kind = "Submitted" if submission.final else "Draft exported"
        print(f"{kind}: {friendly_datetime(submission.at)} (bundle {submission.bundle_id[:12]})")
    return EXIT_OK
