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

The parent side (no Qt) is here too: the plans, :func:`run_child` and the kill harness
:func:`run_kill_rounds`, shared by ``tests/ui`` and ``bench/bench_kill.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Qt is imported by the child only
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
DRIVER_FAILED = 3
SOAK_REPORT = "SOAK-REPORT "

# ---------------------------------------------------------------------------------------
# Plans (pure data: the parent and the child make the same plan from the same seed)
# ---------------------------------------------------------------------------------------

SAMPLE = (
    "the board agreed a joint plan for people with learning disabilities and autism, "
    "reviewed every placement out of area, and asked commissioners to report progress "
    "to the health and wellbeing board each quarter; the clinical commissioning group "
    "and the council share a register, case managers visit families, advocates attend "
    "reviews, and the pooled budget funds local support so that nobody stays in hospital "
    "longer than they need to. safeguarding leads audit care plans, providers publish "
    "their outcomes, and we learnt from Winterbourne View that families must be heard"
)
WORDS = tuple(SAMPLE.split())
SOAK_REFS = ("1.1", "2.1", "4.5", "6.9", "8.1")
FIND_WORD = "Lighthouse"  # typed once (narrative 4.5), so find has one certain match


@dataclass(frozen=True, slots=True)
class Step:
    """One thing the user does. ``expect`` is the narrative being edited afterwards."""

    kind: str  # goto, type, zoom-in, zoom-out, paste, undo, tabs, find, export, quit
    arg: str = ""
    expect: str | None = None


@dataclass(frozen=True, slots=True)
class SoakPlan:
    steps: tuple[Step, ...]
    expected: dict[str, str]  # the narrative of each ref once the session is over
    keystrokes: int  # typed: characters, Enter and Backspace (pastes and shortcuts apart)


def apply_keys(text: str, keys: str) -> str:
    """``text`` after typing ``keys`` at its end: ``\\n`` is Enter, ``\\b`` is Backspace."""
    out = list(text)
    for key in keys:
        if key == "\b":
            if out:
                out.pop()
        else:
            out.append(key)
    return "".join(out)


def _keys(rng: random.Random, count: int, extra: str = "") -> str:
    """About ``count`` keystrokes of sentences and paragraphs, with typing slips put right."""
    keys: list[str] = []
    line = 0
    while len(keys) < count:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
        sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:].rstrip(",;") + ". "
        for char in sentence:
            if char.isalpha() and rng.random() < 0.01:  # a slip, put right with Backspace
                keys += [rng.choice("qxzj"), "\b"]
            keys.append(char)
        line += len(sentence)
        if line > rng.randint(300, 500):
            keys[-1] = "\n"  # the sentence's last space becomes a new paragraph
            line = 0
    if extra:
        keys += list(extra)
    return "".join(keys)


def soak_plan(total_keystrokes: int = 20_000, seed: int = 2013) -> SoakPlan:
    """A long session: five narratives typed in two halves each, zooming in twice after the
    first half and out twice after the second (ten of each), a paste that is undone and one
    that stays, every tab visited, a find, an export, and quitting."""
    rng = random.Random(seed)
    per_half = total_keystrokes // (2 * len(SOAK_REFS)) + 1
    steps: list[Step] = []
    texts: dict[str, str] = {}
    keystrokes = 0

    def type_keys(ref: str, keys: str) -> None:
        nonlocal keystrokes
        texts[ref] = apply_keys(texts.get(ref, ""), keys)
        keystrokes += len(keys)
        steps.append(Step("type", keys, texts[ref]))

    for number, ref in enumerate(SOAK_REFS):
        steps.append(Step("goto", ref, texts.get(ref, "")))
        type_keys(ref, _keys(rng, per_half))
        steps += [Step("zoom-in"), Step("zoom-in")]
        if number == 1:
            pasted = "Pasted by mistake: the wrong paragraph from another return."
            steps.append(Step("paste", pasted, texts[ref] + pasted))
            steps.append(Step("undo", "", texts[ref]))  # takes back the paste, nothing else
            kept = "Pasted from the minutes:\nthe board signed off the plan on 4 June.\n"
            texts[ref] += kept
            steps.append(Step("paste", kept, texts[ref]))
        extra = f" {FIND_WORD} project. " if number == 2 else ""
        type_keys(ref, _keys(rng, per_half, extra))
        steps += [Step("zoom-out"), Step("zoom-out")]
        if number == 2:
            steps.append(Step("tabs"))
        if number == 3:
            steps.append(Step("find", FIND_WORD))
    steps += [Step("export"), Step("quit")]
    return SoakPlan(tuple(steps), dict(texts), keystrokes)


def typist_text(length: int = 2000) -> str:
    """What the kill harness's typist types: words and spaces, the same every time."""
    rng = random.Random(120)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS).strip(",;."))
    return " ".join(words)[:length]


# ---------------------------------------------------------------------------------------
# The child: the app with a user at the keyboard
# ---------------------------------------------------------------------------------------


def _fail(message: str) -> None:
    """End the child at once: a driver error or an unexpected dialog (never the app's exit)."""
    sys.stderr.write(f"app_driver: {message}\n")
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(DRIVER_FAILED)


def _guarded(action: Callable[[], None]) -> Callable[[], None]:
    def run() -> None:
        try:
            action()
        except BaseException:  # a failed check or a driver bug: say so, never hang
            _fail("driver failed:\n" + traceback.format_exc())

    return run


@dataclass
class _Expected:
    kind: type
    act: Callable[[Any], None]
    when: Callable[[Any], bool]
    done: bool = False


class User:
    """Plays the user's part: keys go to the focused widget, as the keyboard's would."""

    def __init__(self, app: QApplication) -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        self._expected: list[_Expected] = []
        self._handling = 0
        self._strange = 0
        self._watch = QTimer()
        self._watch.setInterval(20)
        self._watch.timeout.connect(_guarded(self._look_at_dialogs))
        self._watch.start()

    # -------------------------------------------------------------- dialogs
    def expect(
        self,
        kind: type,
        act: Callable[[Any], None],
        when: Callable[[Any], bool] = lambda _dialog: True,
    ) -> _Expected:
        """Answer the next modal dialog of ``kind`` (for which ``when`` holds) with ``act``."""
        expected = _Expected(kind, act, when)
        self._expected.append(expected)
        return expected

    def cancel(self, expected: _Expected) -> None:
        if expected in self._expected:
            self._expected.remove(expected)

    def _look_at_dialogs(self) -> None:
        from PySide6.QtWidgets import QApplication

        if self._handling:
            return
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            self._strange = 0
            return
        for expected in self._expected:
            if isinstance(modal, expected.kind) and expected.when(modal):
                self._expected.remove(expected)
                self._handling += 1
                try:
                    expected.act(modal)
                finally:
                    self._handling -= 1
                    expected.done = True
                return
        self._strange += 1
        if self._strange > 25:  # half a second: nobody is going to answer it
            text = modal.property("text") or ""
            _fail(f"unexpected dialog {modal.windowTitle()!r}: {text}")

    # -------------------------------------------------------------- keys and waiting
    def focus(self) -> QWidget:
        """The widget keys go to (after a dialog closes, once its window is active again)."""
        from PySide6.QtWidgets import QApplication

        if QApplication.activeWindow() is None:
            # The offscreen platform has no window manager to give the activation back to
            # the main window when a dialog closes: do what the window manager would.
            window = find_main_window()
            if window is not None:
                window.activateWindow()
        self.wait_until(
            lambda: QApplication.focusWidget() or QApplication.activeWindow(), "an active window"
        )
        widget = QApplication.focusWidget() or QApplication.activeWindow()
        assert widget is not None
        return widget

    def key(self, key: Any, modifiers: Any = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(self.focus(), key, modifiers or Qt.KeyboardModifier.NoModifier)

    def ctrl(self, key: Any) -> None:
        from PySide6.QtCore import Qt

        self.key(key, Qt.KeyboardModifier.ControlModifier)

    def type(self, keys: str, burst: int = 24) -> None:
        """Type ``keys`` into the focused widget (``\\n`` Enter, ``\\b`` Backspace), letting
        the event loop run between bursts as it would between a typist's keystrokes."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        run: list[str] = []

        def send_run() -> None:
            if run:
                QTest.keyClicks(self.focus(), "".join(run))
                run.clear()

        for count, key in enumerate(keys, 1):
            if key in "\n\b":
                send_run()
                self.key(Qt.Key.Key_Return if key == "\n" else Qt.Key.Key_Backspace)
            else:
                run.append(key)
            if count % burst == 0:
                send_run()
                self.app.processEvents()
        send_run()
        self.app.processEvents()

    def wait_until(self, condition: Callable[[], object], what: str, timeout: float = 20.0) -> None:
        from PySide6.QtTest import QTest

        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            QTest.qWait(10)

    def click(self, widget: QWidget) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.wait_until(lambda: widget.isVisible() and widget.isEnabled(), "a button to click")
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())

    # -------------------------------------------------------------- what a user does
    def go_to_question(self, ref: str) -> QWidget:
        """Ctrl+G, type the number, Enter; then Ctrl+End to carry on at the end."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        def answer(dialog: QInputDialog) -> None:
            line = dialog.findChild(QLineEdit)
            assert line is not None
            QTest.keyClicks(line, ref)
            QTest.keyClick(line, Qt.Key.Key_Return)

        self.expect(QInputDialog, answer)
        self.ctrl(Qt.Key.Key_G)
        name = f"{ref} narrative"
        self.wait_until(lambda: self.focus().accessibleName() == name, f"the focus on {name}")
        self.ctrl(Qt.Key.Key_End)
        return self.focus()


def find_main_window() -> MainWindow | None:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible() and widget.view is not None:
            return widget
    return None


def answer_recovery(user: User) -> _Expected:
    """If the app offers to recover unsaved work, click "Recover my changes"."""
    from PySide6.QtWidgets import QMessageBox

    def button(box: QMessageBox) -> Any:
        return next((b for b in box.buttons() if b.text() == "Recover my changes"), None)

    def recover(box: QMessageBox) -> None:
        print("recovering", flush=True)
        user.click(button(box))

    return user.expect(QMessageBox, recover, when=lambda box: button(box) is not None)


class _Memory:
    """Peak resident memory, sampled with psutil (and the kernel's own peak where known)."""

    def __init__(self) -> None:
        import psutil
        from PySide6.QtCore import QTimer

        self._process = psutil.Process()
        self.peak = 0
        self._timer = QTimer()
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.sample)
        self._timer.start()

    def sample(self) -> None:
        self.peak = max(self.peak, self._process.memory_info().rss)

    def peak_mb(self) -> float:
        self.sample()
        peak = self.peak
        with contextlib.suppress(ImportError):
            import resource

            peak = max(peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
        return peak / 2**20


def _when_window_shown(user: User, then: Callable[[MainWindow], None]) -> None:
    """Run ``then`` from the app's own event loop once its window shows the return."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def check() -> None:
        window = find_main_window()
        if window is not None and QApplication.activeWindow() is window:
            then(window)
            return
        if window is not None:
            window.activateWindow()
        QTimer.singleShot(20, _guarded(check))

    QTimer.singleShot(0, _guarded(check))


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
    timer.timeout.connect(_guarded(type_one))
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
    memory = _Memory()
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

    _when_window_shown(user, play)
    code = app_main.main([str(options.file), "--as", options.editor])
    report = {
        "exit_code": code,
        "seconds": round(time.monotonic() - started, 2),
        "peak_rss_mb": round(memory.peak_mb(), 1),
        "python": sys.version.split()[0],
    }
    print(SOAK_REPORT + json.dumps(report), flush=True)
    return code


# ---------------------------------------------------------------------------------------
# The parent side
# ---------------------------------------------------------------------------------------


def child_env(data_dir: Path) -> dict[str, str]:
    """The child's environment: offscreen Qt, its own app data folder, this repository."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["STOCKTAKE_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env.pop("STOCKTAKE_BENCH_EXIT_AFTER_SHOWN", None)
    return env


def child_command(mode: str, path: Path, editor: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "tests.ui.app_driver", mode, str(path), "--as", editor, *extra]


@dataclass(frozen=True, slots=True)
class ChildResult:
    code: int
    stdout: str
    stderr: str
    report: dict[str, Any]


def run_child(
    mode: str, path: Path, editor: str, data_dir: Path, *extra: str, timeout: float = 300
) -> ChildResult:
    """Run the app with its driver to the end; the report is what it printed last."""
    result = subprocess.run(
        child_command(mode, path, editor, *extra),
        cwd=REPO,
        env=child_env(data_dir),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    report: dict[str, Any] = {}
    for line in result.stdout.splitlines():
        if line.startswith(SOAK_REPORT):
            report = json.loads(line[len(SOAK_REPORT) :])
    return ChildResult(result.returncode, result.stdout, result.stderr, report)


def crash_signs(stderr: str) -> list[str]:
    """Lines of a child's stderr that mean it crashed or hit an error."""
    signs = ("Fatal Python error", "Traceback", "Segmentation fault", "app_driver:")
    return [line for line in stderr.splitlines() if any(sign in line for sign in signs)]


def _consolidated(db: Path, folder: Path) -> Path:
    """A self-contained copy of a (possibly crashed, WAL-mode) database, as a return file."""
    copy = folder / "working.db"
    for suffix in ("", "-wal", "-journal"):
        source = Path(str(db) + suffix)
        if source.exists():
            shutil.copyfile(source, str(copy) + suffix)
    target = folder / "working.stocktake"
    conn = sqlite3.connect(copy)  # replays the copied WAL, or rolls back the journal
    try:
        conn.execute("VACUUM INTO ?", (str(target),))  # one file, as the app saves returns
    finally:
        conn.close()
    return target


def narratives_of(path: Path) -> dict[str, str]:
    """Every narrative in a return, opened read-only through the core."""
    from stocktake_desktop.document import ReturnDocument

    with ReturnDocument.open(path, "Measurer", read_only=True) as document:
        return {ref: answer.narrative for ref, answer in document.answers().items()}


def working_narratives(db: Path) -> dict[str, str]:
    """Every narrative in a working copy left by a killed process (the copy is untouched)."""
    with tempfile.TemporaryDirectory(prefix="stocktake-working-") as folder:
        return narratives_of(_consolidated(db, Path(folder)))


@dataclass(frozen=True, slots=True)
class KillRound:
    """One kill: how much of what was typed the working copy and the user's file kept."""

    worker: int
    round: int
    ref: str
    typed: int  # characters typed before the kill
    working_chars: int  # of them, in the working copy
    file_chars: int  # of them, in the user's file
    working_loss_s: float  # seconds of typing lost from the working copy
    file_loss_s: float  # and from the user's file
    recovered: bool  # the app offered (and took back) unsaved work when this round started
    needless_offer: bool  # ... though the user's file already held all of it
    longest_gap_s: float  # the longest wait between two keystrokes (the app too busy to type)
    problems: tuple[str, ...] = ()

    @property
    def working_loss(self) -> int:
        return self.typed - self.working_chars

    @property
    def file_loss(self) -> int:
        return self.typed - self.file_chars


@dataclass
class _Typing:
    """A typing child, and what it has printed so far (read as it goes, on its own thread)."""

    child: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)  # when each character was typed
    started: threading.Event = field(default_factory=threading.Event)
    working: Path | None = None

    def read(self) -> None:
        assert self.child.stdout is not None
        for line in self.child.stdout:
            line = line.rstrip("\n")
            self.lines.append(line)
            word, _, rest = line.partition(" ")
            if word == "working":
                self.working = Path(rest)
            elif word == "typed":
                self.times.append(float(rest.split()[1]))
                self.started.set()

    @property
    def recovered(self) -> bool:
        return "recovering" in self.lines

    def longest_gap(self) -> float:
        return max((b - a for a, b in zip(self.times, self.times[1:], strict=False)), default=0)

    def loss(self, saved: str, killed_at: float) -> tuple[int, float]:
        """(characters typed, seconds of typing lost) when ``saved`` is what was kept."""
        typed = max(len(self.times), len(saved))  # the last one may not have been printed
        if len(saved) >= len(self.times):
            return typed, 0.0
        return typed, killed_at - self.times[len(saved)]


def _kill(child: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        if hasattr(signal, "SIGKILL"):
            os.kill(child.pid, signal.SIGKILL)
        else:  # Windows: TerminateProcess, just as sudden
            child.kill()
    child.wait()


_MEASURING = threading.Lock()  # one read-only open at a time: they share the data folder


@dataclass
class _Worker:
    """Types into one return, round after round, killing the app at a random moment."""

    number: int
    folder: Path
    rng: random.Random
    refs: list[str]
    min_s: float
    max_s: float
    interval_ms: int
    results: list[KillRound] = field(default_factory=list)
    error: BaseException | None = None

    @property
    def path(self) -> Path:
        return self.folder / "typing.stocktake"

    def run(self, rounds: int) -> None:
        try:
            previous: tuple[str, str, str] | None = None  # ref, its working copy, its file
            for number in range(rounds):
                result, previous = self.one_round(number, previous)
                self.results.append(result)
        except BaseException as error:  # reported by run_kill_rounds
            self.error = error

    def one_round(
        self, number: int, previous: tuple[str, str, str] | None
    ) -> tuple[KillRound, tuple[str, str, str]]:
        ref = self.refs[number % len(self.refs)]
        logs = self.folder.parent / "logs" / f"worker-{self.number}-round-{number}"
        logs.parent.mkdir(parents=True, exist_ok=True)
        problems: list[str] = []
        with logs.with_suffix(".stderr").open("w", encoding="utf-8") as stderr:
            command = child_command("type", self.path, "Typist", "--ref", ref)
            child = subprocess.Popen(
                [*command, "--interval-ms", str(self.interval_ms)],
                cwd=REPO,
                env=child_env(self.folder.parent / f"appdata-{self.number}"),
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                encoding="utf-8",
            )
            typing = _Typing(child)
            reader = threading.Thread(target=typing.read, daemon=True)
            reader.start()
            deadline = time.monotonic() + 90  # a slow start under load, never an early exit
            while child.poll() is None and time.monotonic() < deadline:
                if typing.started.wait(0.05):
                    break
            if typing.started.is_set():
                kill_at = typing.times[0] + self.rng.uniform(self.min_s, self.max_s)
                while child.poll() is None and time.monotonic() < kill_at:
                    time.sleep(0.005)
            else:
                problems.append("the app never started typing")
            if child.poll() is not None:
                problems.append(f"the app ended by itself, exit code {child.returncode}")
            killed_at = time.monotonic()
            _kill(child)
            reader.join(10)
        logs.with_suffix(".stdout").write_text("\n".join(typing.lines), encoding="utf-8")
        problems += crash_signs(logs.with_suffix(".stderr").read_text(encoding="utf-8"))

        with _MEASURING:
            in_file = narratives_of(self.path)
            working = typing.working
            if working is None or not working.exists():
                problems.append("no working copy was left behind")
                in_working = in_file
            else:
                in_working = working_narratives(working)
        text = typist_text()
        for name, saved in (("user's file", in_file[ref]), ("working copy", in_working[ref])):
            if not text.startswith(saved):
                problems.append(f"the {name} holds text that was not typed: {saved[-40:]!r}")
        if previous is not None and in_file[previous[0]] != previous[1]:
            problems.append(f"{previous[0]}: the work left by the last kill is not in the file")
        typed, working_loss = typing.loss(in_working[ref], killed_at)
        _, file_loss = typing.loss(in_file[ref], killed_at)
        result = KillRound(
            worker=self.number,
            round=number,
            ref=ref,
            typed=typed,
            working_chars=len(in_working[ref]),
            file_chars=len(in_file[ref]),
            working_loss_s=round(working_loss, 3),
            file_loss_s=round(file_loss, 3),
            recovered=typing.recovered,
            needless_offer=typing.recovered and previous is not None and previous[1] == previous[2],
            longest_gap_s=round(typing.longest_gap(), 3),
            problems=tuple(problems),
        )
        return result, (ref, in_working[ref], in_file[ref])


def run_kill_rounds(
    base: Path,
    *,
    workers: int = 3,
    rounds: int = 10,
    seed: int | None = None,
    min_s: float = 2.0,
    max_s: float = 6.0,
    interval_ms: int = 120,
) -> tuple[int, list[KillRound]]:
    """Kill a typing app ``workers * rounds`` times: each worker (in parallel) types into its
    own return, a fresh narrative each round, and is killed ``min_s``-``max_s`` seconds into
    the typing. Returns the seed (to replay a failure) and each round's figures."""
    from stocktake_desktop.document import ReturnDocument
    from stocktake_desktop.template import default_template

    seed = random.randrange(2**32) if seed is None else seed
    refs = [question.ref for question in default_template().questions]
    team = []
    for number in range(workers):
        folder = base / f"worker-{number}"
        folder.mkdir(parents=True, exist_ok=True)
        worker = _Worker(
            number,
            folder,
            random.Random(seed + number),
            refs[number::workers],
            min_s,
            max_s,
            interval_ms,
        )
        ReturnDocument.create(worker.path, "Leicestershire", "Setup").close()
        team.append(worker)
    threads = [threading.Thread(target=w.run, args=(rounds,)) for w in team]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for worker in team:
        if worker.error is not None:
            raise RuntimeError(
                f"kill worker {worker.number} failed (seed {seed})"
            ) from worker.error
    return seed, [result for worker in team for result in worker.results]


def left_beside(base: Path) -> list[Path]:
    """Files the kills left beside the returns (temporaries, journals), the lock apart."""
    return [
        path
        for path in sorted(base.glob("worker-*/*"))
        if path.name not in ("typing.stocktake", "typing.stocktake.lock")
    ]


def summarise(results: list[KillRound]) -> dict[str, float]:
    """Maximum and median losses, in seconds of typing and in characters."""
    columns = {
        "working_s": [r.working_loss_s for r in results],
        "file_s": [r.file_loss_s for r in results],
        "working_chars": [float(r.working_loss) for r in results],
        "file_chars": [float(r.file_loss) for r in results],
        "gap_s": [r.longest_gap_s for r in results],
    }
    figures: dict[str, float] = {}
    for name, values in columns.items():
        figures[f"{name}_max"] = max(values)
        figures[f"{name}_median"] = statistics.median(values)
    return figures


def describe(results: list[KillRound]) -> str:
    """One line per kill, for the test's output and the bench."""
    lines = ["worker round ref   typed working file  lost working   lost file  recovered"]
    for r in results:
        lines.append(
            f"{r.worker:>6} {r.round:>5} {r.ref:<5} {r.typed:>5} {r.working_chars:>7} "
            f"{r.file_chars:>4}  {r.working_loss:>3} ({r.working_loss_s:5.2f} s) "
            f"{r.file_loss:>3} ({r.file_loss_s:5.2f} s)  {'yes' if r.recovered else 'no'}"
            + (" (needlessly)" if r.needless_offer else "")
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(child_main())
