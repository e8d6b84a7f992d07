"""The user at the keyboard of the driven app (``tests/ui/app_driver.py``, in the child): real
key and mouse events through ``QTest``, the dialogs it expects answered, anything else an
error that ends the child with exit code 3."""

from __future__ import annotations

import contextlib
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Qt is imported by the child only
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.main_window import MainWindow

DRIVER_FAILED = 3


def _fail(message: str) -> None:
    """End the child at once: a driver error or an unexpected dialog (never the app's exit)."""
    sys.stderr.write(f"app_driver: {message}\n")
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(DRIVER_FAILED)


def guarded(action: Callable[[], None]) -> Callable[[], None]:
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
        self._watch.timeout.connect(guarded(self._look_at_dialogs))
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


class Memory:
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


def when_window_shown(user: User, then: Callable[[MainWindow], None]) -> None:
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
        QTimer.singleShot(20, guarded(check))

    QTimer.singleShot(0, guarded(check))
