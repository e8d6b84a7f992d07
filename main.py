"""Stocktake Desktop: ``python main.py [FILE] [--as NAME]`` starts the app.

``python main.py --help`` lists the commands.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from stocktake_desktop import cli
    from stocktake_desktop.logs import set_up_logging

    set_up_logging()

    cli.load_extensions()
    if args and (args[0] in cli.COMMANDS or args[0] in {"-h", "--help", "--version"}):
        return cli.main(args)
    from ui.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
