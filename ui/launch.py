"""The entry point: a command of the command line, or the app's window.

``stocktake-desktop`` (installed) and ``python main.py`` (the checkout) both come here. The
command line never imports Qt; only the window does. Before the window's modules are imported,
a start with the app already running hands its return over and exits
(:mod:`ui.single_instance`). When no app is running, the core modules the window needs are
imported before Qt (:func:`import_core_first`).
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path


def parse_args(args: list[str]) -> argparse.Namespace:
    """The window's arguments: ``[FILE] [--as NAME] [--verbose]``."""
    from stocktake_desktop import APP_NAME

    parser = argparse.ArgumentParser(prog="python main.py", description=f"Start {APP_NAME}.")
    parser.add_argument("file", nargs="?", type=Path, help="a return to open")
    parser.add_argument(
        "--as", dest="editor", metavar="NAME", help="who is editing (recorded in the change log)"
    )
    parser.add_argument("--verbose", action="store_true", help="log in detail")
    return parser.parse_args(args)


def main(argv: list[str] | None = None) -> int:
    """``stocktake-desktop [FILE] [--as NAME]`` or ``stocktake-desktop COMMAND ...``."""
    args = sys.argv[1:] if argv is None else list(argv)
    from stocktake_desktop import cli
    from stocktake_desktop.logs import set_up_logging

    set_up_logging(verbose="--verbose" in args)
    if cli.handles(args):
        return cli.main(args)
    options = parse_args(args)
    gc.disable()  # start-up makes many objects and frees few; ui/app.py turns it back on
    from .single_instance import claim, lock_left

    if not lock_left():  # no app to hand over to: this start will show the window
        import_core_first()
        from . import pyside_source_check

        pyside_source_check.install()  # before the window's hundred modules are imported
    instance = claim([options.file] if options.file is not None else [])
    if instance is None:  # the running app has the return (or came to the front)
        return 0
    from .app import run_gui

    return run_gui(args, instance)


def import_core_first() -> None:
    """Import the core modules the window needs before Qt. Once PySide6 is imported it reads
    the source of each module imported after it (to look for ``from __feature__ import``),
    which costs the window's start-up about 20 ms; modules already imported are not read. A
    start that only hands its return over to the running app needs none of them."""
    import stocktake_desktop.document
    import stocktake_desktop.settings  # noqa: F401


def main_windowed() -> int:
    """The Windows launcher that opens no console (``stocktake-desktop-window``)."""
    return main()
