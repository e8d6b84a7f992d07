"""Stocktake Desktop: ``python main.py [FILE] [--as NAME]`` starts the app.

``python main.py --help`` lists the commands. The installed ``stocktake-desktop`` command runs
the same entry point, :func:`ui.launch.main`.
"""

from __future__ import annotations

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
