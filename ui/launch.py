"""The entry point: a command of the command line, or the app's window.

``stocktake-desktop`` (installed) and ``python main.py`` (the checkout) both come here. The
command line never imports Qt; only the window does.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """``stocktake-desktop [FILE] [--as NAME]`` or ``stocktake-desktop COMMAND ...``."""
    args = sys.argv[1:] if argv is None else list(argv)
    from stocktake_desktop import cli
    from stocktake_desktop.logs import set_up_logging

    set_up_logging(verbose="--verbose" in args)
    if cli.handles(args):
        return cli.main(args)
    from .app import run_gui

    return run_gui(args)


def main_windowed() -> int:
    """The Windows launcher that opens no console (``stocktake-desktop-window``)."""
    return main()
