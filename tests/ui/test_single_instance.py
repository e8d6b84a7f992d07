"""One app per user: a second start hands its return to the running window and exits 0.

The running app is a child process (``tests/ui/instance_child.py``: the real app, as
``main.py FILE --as NAME`` starts it, reporting its window's state); the second start is
``python main.py FILE`` itself. Every wait is for a condition, never a fixed time.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication, QDialog

from stocktake_desktop.document.lock import lock_path_for, read_holder
from tests.ui.driver_children import REPO, child_env, crash_signs
from tests.ui.instance_child import STATE
from ui import single_instance
from ui.main_window import MainWindow
from ui.single_instance import ACK, LOCK_NAME, claim, request_for, server_name

State = dict[str, Any]


class RunningApp:
    """The first start: the app in a child process, and what it has reported so far."""

    def __init__(self, data_dir: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.instance_child", *args, "--as", "Alice"],
            cwd=REPO,
            env=child_env(data_dir),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.state: State = {}
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(STATE):
                with self._changed:
                    self.state = json.loads(line[len(STATE) :])
                    self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, condition: Callable[[State], bool], what: str, timeout: float = 60) -> State:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition(self.state):
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise AssertionError(f"waiting for {what}; last state {self.state}")
                self._changed.wait(min(left, 0.5))
            return dict(self.state)

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def quit(self) -> tuple[int, str]:
        self.send("quit")
        code = self.process.wait(60)
        assert self.process.stderr is not None
        return code, self.process.stderr.read()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(60)


@pytest.fixture
def running(data_dir: Path) -> Iterator[Callable[..., RunningApp]]:
    apps: list[RunningApp] = []

    def start(*args: str) -> RunningApp:
        app = RunningApp(data_dir, *args)
        apps.append(app)
        return app

    yield start
    for app in apps:
        if app.process.poll() is None:
            app.kill()


def second_start(data_dir: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """``python main.py ARGS`` as a double-click starts it; and how long it took."""
    began = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        env=child_env(data_dir),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    return result, time.perf_counter() - began


def log_lines(data_dir: Path) -> list[str]:
    return (data_dir / "logs" / "stocktake-desktop.log").read_text(encoding="utf-8").splitlines()


def holder_pid(path: Path) -> object:
    holder = read_holder(lock_path_for(path))
    return holder.get("pid") if holder else None


def test_a_second_start_hands_its_return_to_the_running_window(
    make_return, running, data_dir: Path
) -> None:
    first, second = make_return("first.stocktake"), make_return("second.stocktake")
    app = running(str(first))
    state = app.wait_for(lambda s: s.get("open") == str(first), "the first return open")
    pid = state["pid"]
    app.send("minimise")
    app.wait_for(lambda s: s.get("minimised"), "the window minimised")

    # a double-click on the second return, by its relative path from its folder
    relative = os.path.relpath(second, REPO)
    result, seconds = second_start(data_dir, relative)
    print(f"\nsecond start handed over and exited in {seconds:.3f} s")
    assert result.returncode == 0, result.stderr
    assert not crash_signs(result.stderr)
    state = app.wait_for(
        lambda s: s.get("open") == str(second) and s["active"] and not s["minimised"],
        "the second return open in the running window, which comes forward",
    )
    assert holder_pid(second) == pid  # the running app is the one editing it
    assert holder_pid(first) is None  # and it closed the first, as File › Open does
    assert any("Handed" in line and "second.stocktake" in line for line in log_lines(data_dir))

    # a start without a file brings the running window forward, and changes nothing else
    app.send("other")
    app.wait_for(lambda s: not s["active"], "another window active")
    result, _ = second_start(data_dir)
    assert result.returncode == 0, result.stderr
    app.wait_for(lambda s: s["active"], "the running window active again")
    assert app.state["open"] == str(second)

    code, stderr = app.quit()
    assert code == 0
    assert not crash_signs(stderr)
    assert not (data_dir / LOCK_NAME).exists()  # released: the next start runs the app


def test_an_app_that_crashed_does_not_stop_the_next_start(
    make_return, running, data_dir: Path, qtbot
) -> None:
    first, second = make_return("first.stocktake"), make_return("second.stocktake")
    crashed = running(str(first))
    crashed.wait_for(lambda s: s.get("open") == str(first), "the first return open")
    name = server_name()
    socket_file = Path(name if Path(name).is_absolute() else QDir.tempPath() + "/" + name)
    if sys.platform != "win32":  # named pipes go with the process; a socket file stays
        qtbot.waitUntil(socket_file.exists, timeout=30_000)  # it listens once it has painted
    crashed.kill()  # as a crash would: its lock and its server's name are left behind
    assert (data_dir / LOCK_NAME).exists()
    if sys.platform != "win32":
        assert socket_file.exists()

    app = running(str(first))
    app.wait_for(lambda s: s.get("open") == str(first), "the first return open again")
    result, _ = second_start(data_dir, str(second))
    assert result.returncode == 0, result.stderr
    app.wait_for(lambda s: s.get("open") == str(second), "the second return handed over")
    code, stderr = app.quit()
    assert code == 0, stderr


def test_a_return_the_system_sends_the_running_app_opens_in_its_window(
    make_return, running
) -> None:
    """macOS sends a return double-clicked while the app runs as a file-open event."""
    first, second = make_return("first.stocktake"), make_return("second.stocktake")
    app = running(str(first))
    app.wait_for(lambda s: s.get("open") == str(first), "the first return open")
    app.send("other")
    app.wait_for(lambda s: not s["active"], "another window active")
    app.send(f"file-open {second}")
    app.wait_for(lambda s: s.get("open") == str(second) and s["active"], "the second open")
    code, stderr = app.quit()
    assert code == 0, stderr


# ---------------------------------------------------------------------------------------
# The running app's side, in this process
# ---------------------------------------------------------------------------------------


@pytest.fixture
def serving(start_window, seam) -> Iterator[Any]:
    """A window on the start page, answering other starts as the running app does."""
    instance = claim([])
    assert instance is not None and instance.primary
    assert instance.listen()
    window = start_window(["--as", "Alice"])
    instance.serve(window)
    yield window
    instance.release()


def _ask(qtbot, request: bytes) -> bytes:
    """Send ``request`` as another start would, without blocking this process's event loop."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.ConnectedState)
    socket.write(request)
    reply = bytearray()

    def answered() -> bool:
        reply.extend(socket.readAll().data())
        return b"\n" in reply or socket.state() == QLocalSocket.LocalSocketState.UnconnectedState

    qtbot.waitUntil(answered)
    with contextlib.suppress(RuntimeError):
        socket.abort()
    return bytes(reply)


def _open_path(window: MainWindow) -> Path:
    """The path of the return open in ``window`` (looked up afresh: mypy would keep the
    session None after the check that there was none before the request)."""
    session = window.session
    assert session is not None
    return session.document.path


def test_a_request_that_is_not_one_is_refused_and_the_next_is_served(
    serving, make_return, qtbot
) -> None:
    path = make_return()
    assert _ask(qtbot, b"GET / HTTP/1.0\n") == b""  # refused: no answer, nothing opened
    assert _ask(qtbot, b'{"open": [42]}\n') == b""
    assert serving.session is None
    assert _ask(qtbot, request_for([path])) == ACK
    qtbot.waitUntil(lambda: serving.session is not None)
    assert _open_path(serving) == path


def test_a_return_waits_while_a_dialog_is_open(serving, make_return, qtbot) -> None:
    path = make_return()
    dialog = QDialog(serving)
    dialog.setModal(True)
    dialog.open()  # the user is answering a question
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    assert _ask(qtbot, request_for([path])) == ACK
    for _ in range(5):  # the request is taken up (and held back) by the events after it
        QApplication.processEvents()
    assert serving.session is None and dialog.isVisible()
    dialog.accept()
    qtbot.waitUntil(lambda: serving.session is not None)
    assert _open_path(serving) == path


def test_the_server_name_is_the_users_and_the_data_folders(monkeypatch, tmp_path: Path) -> None:
    mine = server_name()
    monkeypatch.setattr(single_instance.getpass, "getuser", lambda: "someone-else")
    theirs = server_name()
    monkeypatch.setenv("STOCKTAKE_DATA_DIR", str(tmp_path / "another"))
    assert len({mine, theirs, server_name()}) == 3
