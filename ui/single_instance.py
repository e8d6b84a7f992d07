"""One running app per user and data folder: a second start hands its return to the first.

``ui/launch.py`` calls :func:`claim` before the window's modules are imported (this module
imports Qt only when it is used, so that the entry point can decide what to import first):

- the first start takes the instance lock, ``instance.lock`` in the data folder (a
  :class:`QLockFile`; a lock left by a crashed app names a process that is gone, and is taken
  over), and once its application exists listens on a local server (:meth:`Instance.listen`);
- a later start finds the lock held, connects to that server, sends the absolute path of its
  return (or none: "come to the front") and exits 0. The running app raises its window and opens
  the return as File › Open does (:meth:`Instance.serve`).

On macOS the system itself sends a double-clicked return to the running app, as a file-open
event (``ui/app.py``'s ``Application``), which goes to :meth:`Instance.take` too. The server's
name comes from the user and the data folder, so two users, or two data folders
(``STOCKTAKE_DATA_DIR``), never meet.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from stocktake_desktop import paths

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    from .main_window import MainWindow

LOCK_NAME = "instance.lock"
WAIT_SECONDS = 15.0  # how long a second start waits for the running app to answer
RETRY_SECONDS = 0.05
MAX_REQUEST = 64 * 1024
ACK = b"ok\n"

_log = logging.getLogger("stocktake_desktop.ui")


def server_name() -> str:
    """This user's and this data folder's server: a short name (the system's temporary folder,
    or a named pipe on Windows), or a path in the user's private runtime folder on Linux."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    folder = paths.data_dir().resolve()
    key = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:20]
    name = f"stocktake-desktop-{key}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform.startswith("linux") and runtime and Path(runtime).is_dir():
        return str(Path(runtime) / name)  # private to the user (mode 0700), unlike /tmp
    return name


def request_for(files: list[Path]) -> bytes:
    """What a second start sends: one line of JSON with the absolute paths."""
    absolute = [os.path.normpath(Path(f).absolute()) for f in files]  # without "..", as typed
    return json.dumps({"open": absolute}).encode() + b"\n"


def lock_left() -> bool:
    """Whether the instance lock's file is in the data folder: an app is running, or one that
    crashed left it (:func:`claim` tells which). False when the folder cannot be made."""
    try:
        return (paths.data_dir() / LOCK_NAME).exists()
    except OSError:
        return False


def claim(files: list[Path], wait: float = WAIT_SECONDS) -> Instance | None:
    """None if a running app took ``files`` (this start should exit 0); otherwise this start
    runs the app, as the instance other starts hand over to when it holds the lock."""
    from PySide6.QtCore import QLockFile

    try:
        lock = QLockFile(str(paths.data_dir() / LOCK_NAME))
    except OSError:  # the data folder cannot be made: the app says so once it starts
        return Instance(None)
    lock.setStaleLockTime(0)  # held for the whole session; stale only if its process is gone
    request = request_for(files)
    deadline = time.monotonic() + wait
    while True:
        if lock.tryLock(0):
            return Instance(lock)
        if lock.error() != QLockFile.LockError.LockFailedError:
            _log.warning("Instance lock %s cannot be taken (%s)", lock.fileName(), lock.error())
            return Instance(None)
        _allow_to_come_forward(lock)
        if hand_over(request, deadline):
            _log.info("Handed %s to the running app", files[0] if files else "nothing")
            return None
        if time.monotonic() >= deadline:  # someone holds the lock but nobody answers
            _log.warning("The running app did not answer in %.0f s: starting another", wait)
            return Instance(None)
        time.sleep(RETRY_SECONDS)  # the running app may be starting: it listens in a moment


def hand_over(request: bytes, deadline: float) -> bool:
    """Send ``request`` to the running app; True once it has said it has it."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(_ms_left(deadline)):
        return False
    socket.write(request)
    reply = b""
    while socket.state() == QLocalSocket.LocalSocketState.ConnectedState and b"\n" not in reply:
        if not socket.waitForReadyRead(_ms_left(deadline)):
            break
        reply += socket.readAll().data()
    reply += socket.readAll().data()
    socket.abort()
    return reply == ACK


def _ms_left(deadline: float) -> int:
    return max(1, int((deadline - time.monotonic()) * 1000))


def _allow_to_come_forward(lock: QLockFile) -> None:
    """On Windows only the program the user is using may bring a window to the front: let the
    running app (named in the lock) do so for the window it is asked to show."""
    if sys.platform == "win32":
        import ctypes

        pid = lock.getLockInfo()[0]
        if pid > 0:
            ctypes.windll.user32.AllowSetForegroundWindow(pid)


class Instance:
    """The running app's side: the lock it holds, its server, and what it was asked to open."""

    def __init__(self, lock: QLockFile | None) -> None:
        self._lock = lock
        self._server: QLocalServer | None = None
        self._delivery: _Delivery | None = None
        self._waiting: list[list[str]] = []  # requests that came before the window

    @property
    def primary(self) -> bool:
        """Whether this is the app other starts hand over to."""
        return self._lock is not None

    def listen(self) -> bool:
        """Start answering other starts (once the application exists). A server left by an app
        that crashed is removed first: holding the lock proves nobody else is using it."""
        if self._lock is None or self._server is not None:
            return False
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer

        name = server_name()
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            if server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
                _log.info("Removed the server a previous session left (%s)", name)
                QLocalServer.removeServer(name)
            if not server.listen(name):
                _log.warning("Cannot listen for other starts: %s", server.errorString())
                return False
        server.newConnection.connect(lambda: self._accept(server))
        self._server = server
        return True

    def serve(self, window: MainWindow) -> None:
        """Send every request, from now on and those that came before, to ``window``."""
        self._delivery = _Delivery(window)
        for files in self._waiting:
            self._delivery.request(files)
        self._waiting.clear()

    def take(self, files: list[str]) -> None:
        """Bring the window forward and open the last of ``files`` (the returns the system asks
        the running app to open on macOS come here too)."""
        from PySide6.QtCore import QTimer

        delivery = self._delivery
        if delivery is None:
            self._waiting.append(files)
        else:
            QTimer.singleShot(0, lambda: delivery.request(files))

    def stop_listening(self) -> None:
        """Turn later starts away (they wait, then start the app themselves once the lock is
        free): the window is closing."""
        self._delivery = None
        if self._server is not None:
            self._server.close()
            self._server = None

    def release(self) -> None:
        self.stop_listening()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    # -------------------------------------------------------------- receiving
    def _accept(self, server: QLocalServer) -> None:
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket, buffer)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += socket.readAll().data()
        if b"\n" not in buffer:
            if len(buffer) > MAX_REQUEST:
                _log.warning("Ignored an oversized request from another start")
                socket.abort()
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        buffer.clear()
        files = _files_in(line)
        if files is None:
            _log.warning("Ignored a request another start sent that could not be read")
            socket.abort()
            return
        if self._delivery is not None and not self._delivery.window.isVisible():
            socket.abort()  # the window is closing: that start waits and runs the app itself
            return
        socket.write(ACK)
        socket.flush()
        socket.disconnectFromServer()
        _log.info("Another start asked to open %s", files[-1] if files else "nothing")
        self.take(files)


def _files_in(line: bytes) -> list[str] | None:
    """The paths in a request, or None if it is not one."""
    with contextlib.suppress(ValueError):
        data = json.loads(line.decode("utf-8"))
        files = data.get("open") if isinstance(data, dict) else None
        if isinstance(files, list) and all(isinstance(f, str) and f for f in files):
            return files
    return None


class _Delivery:
    """Brings the window forward and opens the newest requested return as File › Open would,
    once no dialog is in the way (a question the user is answering is never pulled away)."""

    RETRY_MS = 200

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.pending: Path | None = None
        self.retrying = False

    def request(self, files: list[str]) -> None:
        if files:
            self.pending = Path(files[-1])
        bring_forward(self.window)
        if not self.retrying:
            self.open_pending()

    def open_pending(self) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.retrying = False
        if self.pending is None:
            return
        if QApplication.activeModalWidget() is not None:
            self.retrying = True
            QTimer.singleShot(self.RETRY_MS, self.open_pending)
            return
        path, self.pending = self.pending, None
        self.window.open_path(path)


def bring_forward(window: MainWindow) -> None:
    """Show ``window`` (restored if minimised), above the others and active; a dialog it has
    open comes forward with it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.raise_()
        modal.activateWindow()
