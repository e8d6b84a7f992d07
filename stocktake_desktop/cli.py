"""The command line: the same core functions the wizard uses, for scripts and the programme team.

Every command is listed here, in one parser; its handler is imported only when it runs
(:data:`COMMANDS`), so ``--version``, ``--help`` and the app's start-up stay quick and never load
the exporters or Qt. User errors print one clear line on stderr and exit 2; ``--verbose`` adds
the traceback.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.limits import EMAIL_LIMIT_MB

EXIT_OK, EXIT_NOT_READY, EXIT_ERROR = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]

#: Each command's handler, as "module:function", imported when the command runs.
COMMANDS: dict[str, str] = {
    "new": "stocktake_desktop.commands:new_command",
    "import": "stocktake_desktop.commands:import_command",
    "dump": "stocktake_desktop.commands:dump_command",
    "check": "stocktake_desktop.commands:check_command",
    "info": "stocktake_desktop.commands:info_command",
    "history": "stocktake_desktop.history_commands:history_command",
    "restore": "stocktake_desktop.history_commands:restore_command",
    "merge": "stocktake_desktop.merge.commands:merge_command",
    "resolve": "stocktake_desktop.merge.commands:resolve_command",
    "export": "stocktake_desktop.export.commands:export_command",
    "verify": "stocktake_desktop.export.commands:verify_command",
    "meeting-record": "stocktake_desktop.export.commands:meeting_record_command",
}

VERBOSE = "--verbose"

_log = logging.getLogger(__name__)


class UserError(Exception):
    """A problem to report in one line, exit 2."""


def default_editor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name on some locked-down machines
        return "Unknown"


def editor_of(args: argparse.Namespace) -> str:
    return getattr(args, "editor", None) or default_editor()


def handler_for(name: str) -> Handler:
    """The handler of command ``name``, imported now."""
    module, _, function = COMMANDS[name].partition(":")
    handler: Handler = getattr(importlib.import_module(module), function)
    return handler


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Lines up every command's help beside its name, a long name (``meeting-record``) too:
    argparse measures commands without their indent, so it would put that help on a line of
    its own."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            for sub in self._iter_indented_subactions(action):  # indents while iterating
                length = len(self._format_action_invocation(sub)) + self._current_indent
                self._action_max_length = max(self._action_max_length, length)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description=(
            f"{APP_NAME}: complete the Winterbourne View stocktake return offline.\n\n"
            "With no command it starts the app: python main.py [FILE] [--as NAME]\n"
            "opens FILE (a return) with NAME as the person editing."
        ),
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _add_verbose(parser, False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    new = _command(sub, "new", "create a new return")
    new.add_argument(
        "file", type=Path, help="the new return (the extension is added if FILE has none)"
    )
    new.add_argument(
        "--locality", required=True, help="the local authority area, e.g. Leicestershire"
    )
    new.add_argument("--template", help="stocktake edition id (default: the newest)")
    _add_editor(new)

    imp = _command(
        sub,
        "import",
        "fill answers from a Word return, a workbook, another return or an answers file",
        "Fill the return's answers from SOURCE: an answers file (.json, docs/interchange.md), "
        "a Word return in the programme's template (.docx), a workbook the app exported "
        "(.xlsx) or another return (.stocktake); docs/import.md says what each gives. Only "
        "what SOURCE holds is written, every change under your name in the change log, and "
        "the plan is printed a line per question. A source that is not a return of this "
        "stocktake edition is refused (exit 2) with nothing written.",
    )
    imp.add_argument("file", type=Path, help="the return")
    imp.add_argument("source", type=Path, metavar="SOURCE", help="what to import from")
    imp.add_argument(
        "--dry-run", action="store_true", help="only print what would change; write nothing"
    )
    imp.add_argument(
        "--allow-outside",
        action="store_true",
        help="answers file: attach evidence files outside its folder too",
    )
    imp.add_argument(
        "--link-evidence",
        action="store_true",
        help="answers file: link to evidence files where they are instead of keeping a copy",
    )
    _add_editor(imp)

    _command(sub, "dump", "print the return as interchange JSON").add_argument("file", type=Path)
    _command(
        sub, "check", "readiness report; exit 0 when ready to submit, 1 when not, 2 on error"
    ).add_argument("file", type=Path)
    _command(sub, "info", "locality, edition, progress and the last change").add_argument(
        "file", type=Path
    )
    _add_history(sub)
    _add_export(sub)
    _add_verify(sub)
    _add_merge(sub)
    _add_meeting_record(sub)
    return parser


def _command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description)
    _add_verbose(parser, argparse.SUPPRESS)  # after the command too; never resets it
    return parser


def _add_verbose(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        VERBOSE,
        action="store_true",
        default=default,
        help="on an error, show its traceback too (and log in detail)",
    )


def _add_editor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as", dest="editor", metavar="NAME", help="who is making the change (for the change log)"
    )


def _add_history(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    history = _command(
        sub,
        "history",
        "every version of a question's answer, newest first",
        "Print every version of each field of the answer to REF, newest first, one line "
        "each: the version id (for restore), when, who (and the meeting), the field and the "
        "start of its text.",
    )
    history.add_argument("file", type=Path, help="the return")
    history.add_argument("ref", help="the question, e.g. 4.5")
    restore = _command(
        sub,
        "restore",
        "make a field of an answer hold an earlier version again",
        "Make the field of version VERSION (an id that history prints) hold that version's "
        "value again: a new change by --as NAME; nothing is deleted.",
    )
    restore.add_argument("file", type=Path, help="the return")
    restore.add_argument("ref", help="the question, e.g. 4.5")
    restore.add_argument("version", help="the version id, from history")
    _add_editor(restore)


def _add_export(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = _command(
        sub,
        "export",
        "write the submission bundle (workbook, PDF, evidence, manifest, zip)",
        "Write a folder and a zip named from the locality and the date into DIR. A draft "
        "is exported whatever its state; --final needs the return to be complete and any "
        "warnings confirmed with --accept-warnings. Exit 0 when exported, 1 when refused.",
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
    _add_editor(export)


def _add_verify(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    verify = _command(
        sub,
        "verify",
        "check a bundle against its manifest; exit 0 when intact, 1 when not",
        "Check a received bundle: every file against manifest.json, and manifest.json "
        "against bundle-id.txt, the zip comment and --bundle-id. Intact proves the bundle "
        "matches its own manifest and id; it proves who made it only if the id also "
        "reached you another way (the covering email): give it with --bundle-id. "
        "Exit 0 when intact, 1 when not (damaged, changed, missing or extra files).",
    )
    verify.add_argument("bundle", type=Path, help="the bundle zip (or its unpacked folder)")
    verify.add_argument(
        "--bundle-id", default="", metavar="ID", help="the bundle id from the covering email"
    )


def _add_meeting_record(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    record = _command(
        sub,
        "meeting-record",
        "write the record of one partnership meeting as a PDF",
        "Write a PDF of one meeting into DIR: who attended from which organisation, each "
        "answer agreed or changed in it with its text before and after, and the actions "
        "set in it. The return is only read.",
    )
    record.add_argument("file", type=Path, help="the return")
    record.add_argument(
        "--meeting",
        required=True,
        metavar="ID",
        help="the meeting's id, e.g. m1 (an unknown id lists them)",
    )
    record.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to write it")
    record.add_argument(
        "--as", dest="editor", metavar="NAME", help="who is making the record (printed on it)"
    )


def _add_merge(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    merge = _command(
        sub,
        "merge",
        "bring a partner's copy's changes into a return; exit 1 when conflicts are left",
        "Bring OTHER's changes into FILE, field by field (docs/merge.md). A field changed in "
        "one copy only is taken; changed in both differently it is a conflict, kept in FILE "
        "for review and printed a line each. Exit 0 when no conflict is left to review, 1 "
        "when some are, 2 when OTHER cannot be merged (nothing is written).",
    )
    merge.add_argument("file", type=Path, help="the return to merge into")
    merge.add_argument("other", type=Path, help="the partner's copy (it is only read)")
    _add_editor(merge)
    resolve = _command(
        sub,
        "resolve",
        "settle a conflict a merge left: keep this copy's version or the other's",
        "Settle the conflict on REF FIELD (as merge and check print them, e.g. 3.1 "
        "narrative, or completion sign_off.chair.name): --keep mine keeps FILE's value, "
        "--keep theirs puts in the other copy's.",
    )
    resolve.add_argument("file", type=Path, help="the return")
    resolve.add_argument("ref", help="the question's ref, or completion, or return")
    resolve.add_argument("field", help="the field, e.g. narrative")
    resolve.add_argument("--keep", required=True, choices=("mine", "theirs"))
    _add_editor(resolve)


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
    from stocktake_desktop.document import ReturnError
    from stocktake_desktop.paths import DataFolderError
    from stocktake_desktop.template import TemplateError

    try:
        return handler_for(args.command)(args)
    except (UserError, ReturnError, TemplateError, DataFolderError) as error:
        from stocktake_desktop.interchange_read import one_line

        _log.info("%s refused: %s", args.command, error, exc_info=args.verbose)
        if args.verbose:
            import traceback

            traceback.print_exception(error, file=sys.stderr)
        print(f"error: {one_line(str(error), 4000)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR


def handles(args: Sequence[str]) -> bool:
    """Whether ``args`` ask for a command (or help/version) rather than the app's window."""
    words = [arg for arg in args if arg != VERBOSE]
    return bool(words) and (words[0] in COMMANDS or words[0] in {"-h", "--help", "--version"})
