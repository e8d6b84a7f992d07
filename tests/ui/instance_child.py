"""The real app in a child process, for the single-instance tests::

    python -m tests.ui.instance_child [FILE] --as NAME

The app starts exactly as ``python main.py [FILE] --as NAME`` starts it (:func:`main.main`).
Whenever its window's state changes the child prints ``state {json}`` (the open return, whether
the window is active and whether it is minimised); it reads one command a line on stdin:
``minimise``, ``other`` (the user goes to another window), ``file-open PATH`` (the file-open
event macOS sends the running app for a double-clicked return) and ``quit`` (closes every
window, as the user would). A hang ends the child with a traceback on stderr.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

REPO = Path(__file__).resolve().parents[2]
STATE = "state "


class _Commands(QObject):
    """Carries stdin's lines to the app's own thread."""

    received = Signal(str)


def _state() -> dict[str, Any] | None:
    from ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            session = widget.session
            return {
                "open": str(session.document.path) if session is not None else None,
                "active": QApplication.activeWindow() is widget,
                "minimised": widget.isMinimized(),
                "pid": os.getpid(),
            }
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ui.instance_child")
    parser.add_argument("file", nargs="?")
    parser.add_argument("--as", dest="editor", required=True)
    options = parser.parse_args(argv)
    faulthandler.enable()
    faulthandler.dump_traceback_later(120, exit=True)  # never hang the tests
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    import main as app_main
    from ui.app import application

    app = application()  # the one main.py's start-up uses
    last: list[dict[str, Any] | None] = [None]
    other = QWidget()
    other.setWindowTitle("Another program")

    def report() -> None:
        state = _state()
        if state is not None and state != last[0]:
            last[0] = state
            print(STATE + json.dumps(state), flush=True)

    def command(line: str) -> None:
        from ui.main_window import MainWindow

        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if line == "minimise":
            for window in windows:
                window.showMinimized()
        elif line == "other":
            other.show()
            other.raise_()
            other.activateWindow()
        elif line.startswith("file-open "):
            event = QFileOpenEvent(line.removeprefix("file-open "))
            QApplication.sendEvent(app, event)
        elif line == "quit":
            other.close()
            QApplication.closeAllWindows()

    watch = QTimer()
    watch.setInterval(20)
    watch.timeout.connect(report)
    watch.start()
    commands = _Commands()
    commands.received.connect(command)

    def read_stdin() -> None:
        for line in sys.stdin:
            commands.received.emit(line.strip())

    threading.Thread(target=read_stdin, daemon=True).start()
    args = [options.file] if options.file else []
    code = app_main.main([*args, "--as", options.editor])
    return code


if __name__ == "__main__":
    sys.exit(main())
