"""Drive the real app as a user would, from inside its own process (soak and kill tests).

The child process is the app itself, started exactly as ``python main.py FILE --as NAME``
starts it (:func:`main.main`), with a small driver playing the user's part once the event loop
runs: real key and mouse events through ``QTest`` (Ctrl+G to go to a question, typing with
Enter and Backspace, Ctrl+V, Ctrl+Z, Ctrl+F, the zoom and tab shortcuts, Ctrl+E and the
export dialog's buttons, Ctrl+Q), never the app's private slots::

    python -m tests.ui.app_driver soak FILE --as NAME [--seed N] [--keystrokes N]
    python -m tests.ui.app_driver type FILE --as NAME --ref 4.5 [--interval-ms 120]

``soak`` plays :func:`soak_plan` and prints ``SOAK-REPORT {json}`` once the app has exited;
``type`` types :func:`typist_text` into one narrative, one character per interval, printing
``typed INDEX MONOTONIC-TIME`` as each character goes in, until it is killed.

A dialog the app shows is answered only if the driver expects it (the recovery question is
answered "Recover my changes"); any other dialog, a driver error or a hang ends the child
with exit code 3 and a message on stderr.

The plans are in ``tests/ui/driver_plans.py``; the user at the keyboard, in
``tests/ui/driver_user.py``; running this child and reading what it left,
in ``tests/ui/driver_children.py``; the kill harness, in ``tests/ui/kill_rounds.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.ui.driver_children import REPO, SOAK_REPORT
from tests.ui.driver_plans import SoakPlan, Step, soak_plan, typist_text
from tests.ui.driver_user import Memory, User, answer_recovery, guarded, when_window_shown

if TYPE_CHECKING:  # Qt is imported by the child only
    from ui.main_window import MainWindow


# ---------------------------------------------------------------------------------------
# The child: the app with a user at the keyboard
# ---------------------------------------------------------------------------------------


class SessionUser(User):
    """The soak's user: plays a :class:`SoakPlan` in the open window, checking as it goes that
    the narrative shows what was typed."""

    window: MainWindow

    def play(self, window: MainWindow, plan: SoakPlan) -> None:
        self.window = window
        self.ref = ""
        for step in plan.steps:
            getattr(self, "do_" + step.kind.replace("-", "_"))(step.arg)
            if step.expect is not None:
                self.check_narrative(step)

    def check_narrative(self, step: Step) -> None:
        from PySide6.QtWidgets import QPlainTextEdit

        editor = self.focus()
        assert isinstance(editor, QPlainTextEdit), f"the focus is on {editor!r}"
        assert editor.accessibleName() == f"{self.ref} narrative", editor.accessibleName()
        text, expected = editor.toPlainText(), step.expect or ""
        if text != expected:
            at = next(
                (i for i, (a, b) in enumerate(zip(text, expected, strict=False)) if a != b),
                min(len(text), len(expected)),
            )
            raise AssertionError(
                f"{self.ref} after {step.kind}: {len(text)} characters, expected "
                f"{len(expected)}; first difference at {at}: "
                f"{text[at - 20 : at + 20]!r} != {expected[at - 20 : at + 20]!r}"
            )

    def do_goto(self, ref: str) -> None:
        self.ref = ref
        self.go_to_question(ref)

    def do_type(self, keys: str) -> None:
        self.type(keys)

    def _zoom(self, key: Any, sign: int) -> None:
        from PySide6.QtTest import QTest

        before = self.window.zoom.factor
        self.ctrl(key)
        after = self.window.zoom.factor
        assert (after - before) * sign > 0, f"the zoom went from {before} to {after}"
        QTest.qWait(20)  # pace: a person looks at the result before going on

    def do_zoom_in(self, _arg: str) -> None:
        from PySide6.QtCore import Qt

        self._zoom(Qt.Key.Key_Equal, +1)

    def do_zoom_out(self, _arg: str) -> None:
        from PySide6.QtCore import Qt

        self._zoom(Qt.Key.Key_Minus, -1)

    def do_paste(self, text: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        QApplication.clipboard().setText(text)  # as if copied from another program
        self.ctrl(Qt.Key.Key_V)

    def do_undo(self, _arg: str) -> None:
        from PySide6.QtCore import Qt

        self.ctrl(Qt.Key.Key_Z)

    def do_tabs(self, _arg: str) -> None:
        """Back to the first tab with Ctrl+PgUp, then every tab in turn with Ctrl+PgDown."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        assert self.window.view is not None
        tabs = self.window.view.tabs
        while tabs.currentIndex() > 0:
            self.ctrl(Qt.Key.Key_PageUp)
        for index in range(1, tabs.count()):
            self.ctrl(Qt.Key.Key_PageDown)
            assert tabs.currentIndex() == index, f"Ctrl+PgDown went to {tabs.currentIndex()}"
            QTest.qWait(10)

    def do_find(self, word: str) -> None:
        """Ctrl+F, the word, Enter (search), Enter (next match: the same, going round), Esc."""
        from PySide6.QtCore import Qt

        assert self.window.view is not None
        bar = self.window.view.find_bar
        self.ctrl(Qt.Key.Key_F)
        self.type(word)
        self.key(Qt.Key.Key_Return)
        self.wait_until(lambda: bar.result.text() == "1 of 1", "the find bar's one match")
        self.key(Qt.Key.Key_Return)
        assert bar.result.text() == "1 of 1", bar.result.text()
        self.key(Qt.Key.Key_Escape)
        self.wait_until(lambda: not bar.isVisible(), "the find bar to close")

    def do_export(self, _arg: str) -> None:
        """Ctrl+E; in the dialog, click "Export draft", then "Close" once it is done."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton

        from ui.pages.export_dialog import ExportDialog

        def button(dialog: ExportDialog, text: str) -> QPushButton:
            for candidate in dialog.findChildren(QPushButton):
                if candidate.text().replace("&", "") == text and candidate.isVisible():
                    return candidate
            raise AssertionError(f"no {text!r} button in the export dialog")

        def export(dialog: ExportDialog) -> None:
            self.click(button(dialog, "Export draft"))
            # the export runs in a worker thread; its result page comes when it is done
            self.wait_until(lambda: dialog.pages.currentIndex() == 1, "the export", timeout=120)
            self.click(button(dialog, "Close"))

        expected = self.expect(ExportDialog, export)
        self.ctrl(Qt.Key.Key_E)
        self.wait_until(lambda: expected.done, "the export dialog")

    def do_quit(self, _arg: str) -> None:
        from PySide6.QtGui import QKeySequence
        from PySide6.QtTest import QTest

        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        if keys:
            QTest.keySequence(self.focus(), keys[0])
        else:  # a platform with no quit shortcut: close the window
            self.window.close()


def _start_typing(user: User, window: MainWindow, ref: str, interval_ms: int) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    editor = user.go_to_question(ref)
    text = typist_text()
    state = {"index": 0}

    def type_one() -> None:
        index = state["index"]
        if index >= len(text):
            timer.stop()
            return
        assert user.focus() is editor, "the narrative lost the keyboard focus"
        QTest.keyClicks(editor, text[index])
        state["index"] = index + 1
        print(f"typed {index} {time.monotonic():.4f}", flush=True)

    timer = QTimer(window)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(interval_ms)
    timer.timeout.connect(guarded(type_one))
    timer.start()


def child_main(argv: list[str] | None = None) -> int:
    """The child process: the app, as ``main.py FILE --as NAME`` starts it, and its user."""
    import faulthandler

    parser = argparse.ArgumentParser(prog="python -m tests.ui.app_driver")
    parser.add_argument("mode", choices=("soak", "type"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--as", dest="editor", required=True)
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument("--keystrokes", type=int, default=20_000)
    parser.add_argument("--ref", default="1.1")
    parser.add_argument("--interval-ms", type=int, default=120)
    parser.add_argument("--give-up-after", type=float, default=240.0)
    options = parser.parse_args(argv)

    faulthandler.enable()
    faulthandler.dump_traceback_later(options.give_up_after, exit=True)  # never hang CI
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    import main as app_main
    from ui.app import application

    app = application()  # the one main.py's start-up will use
    user = SessionUser(app) if options.mode == "soak" else User(app)
    memory = Memory()
    recovery = answer_recovery(user)
    started = time.monotonic()
    if options.mode == "type":
        from stocktake_desktop.document.working import WorkingCopy

        print(f"working {WorkingCopy(options.file).db}", flush=True)

    def play(window: MainWindow) -> None:
        user.cancel(recovery)
        print(f"shown {time.monotonic() - started:.3f}", flush=True)
        if options.mode == "soak":
            assert isinstance(user, SessionUser)
            user.play(window, soak_plan(options.keystrokes, options.seed))
        else:
            _start_typing(user, window, options.ref, options.interval_ms)

    when_window_shown(user, play)
    code = app_main.main([str(options.file), "--as", options.editor])
    report = {
        "exit_code": code,
        "seconds": round(time.monotonic() - started, 2),
        "peak_rss_mb": round(memory.peak_mb(), 1),
        "python": sys.version.split()[0],
    }
    print(SOAK_REPORT + json.dumps(report), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(child_main())
