"""Starting the app: ``python main.py [FILE] [--as NAME]``.

With ``STOCKTAKE_BENCH_EXIT_AFTER_SHOWN=1`` the app prints how long after the process started
(or after ``STOCKTAKE_BENCH_T0``, a ``time.time()`` the launcher sets) the window first painted,
then closes (used by ``bench/bench_startup.py``).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from stocktake_desktop import APP_ID, APP_NAME, __version__
from stocktake_desktop.resource_files import icons_dir
from stocktake_desktop.settings import load_preferences

from .first_paint import after_next_paint
from .launch import parse_args
from .look.style import install as install_style
from .look.zoom import Zoom
from .main_window import MainWindow
from .single_instance import Instance

BENCH_ENV = "STOCKTAKE_BENCH_EXIT_AFTER_SHOWN"
BENCH_T0_ENV = "STOCKTAKE_BENCH_T0"
LISTEN_BY_MS = 300  # the single-instance server, at the latest, while a start-up question waits

_log = logging.getLogger("stocktake_desktop.ui")


class Application(QApplication):
    """The app. On macOS the system sends it a return double-clicked while it runs, as a
    file-open event (only events for the application object itself come here)."""

    file_open_requested = Signal(str)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file():
            self.file_open_requested.emit(event.file())
            return True
        return super().event(event)


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = Application(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def start(args: list[str], app: QApplication | None = None) -> MainWindow:
    """Make and show the main window for ``args`` (also used by the tests)."""
    options = parse_args(args)
    app = app or application()
    install_style(app)  # zoomed choices and a strong focus frame (once per application)
    app.setWindowIcon(QIcon(str(icons_dir() / "stocktake-desktop.png")))
    prefs = load_preferences()
    zoom = Zoom(app, prefs.zoom)
    window = MainWindow(prefs, zoom, contributor=options.editor or prefs.contributor)
    if options.file is not None:
        window.open_path(options.file)  # before showing: the window appears with the return
    window.show()
    if options.file is None:
        window.show_start_page()
        if not window.contributor:
            QTimer.singleShot(0, window.ensure_contributor)
    return window


class _FirstPaint(QObject):
    """Reports the time from process start to the window's first paint, then closes it. The
    time is taken when the last part of the window (the status bar) is painted, before the
    work that waits for the first paint (``ui/first_paint.py``) runs."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._shown: tuple[float, float] | None = None
        # everything is painted in one pass, so watching the status bar is enough
        window.statusBar().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._shown is None:
            self._shown = (time.time(), time.process_time())
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        assert self._shown is not None
        shown, cpu = self._shown
        started = os.environ.get(BENCH_T0_ENV)
        if started:
            elapsed = shown - float(started)
        else:
            import psutil

            elapsed = shown - psutil.Process(os.getpid()).create_time()
        print(f"window shown after {elapsed:.3f} s ({cpu:.3f} s CPU)", flush=True)
        self._window.close()
        QApplication.quit()


def error_details(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    """What "Copy details" copies: the traceback, the versions and where the log is."""
    import platform
    import traceback

    import PySide6
    from PySide6.QtCore import qVersion

    from stocktake_desktop.logs import log_file

    lines = traceback.format_exception(kind, error, trace)
    return "\n".join(
        [
            f"{APP_NAME} {__version__}",
            f"Python {platform.python_version()} on {platform.platform()}",
            f"PySide6 {PySide6.__version__}, Qt {qVersion()}",
            f"Log file: {log_file()}",
            "",
            "".join(lines).rstrip(),
        ]
    )


def _report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Last resort for a bug: log it, tell the user once, keep going (work is saved as it goes)."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    from stocktake_desktop.logs import log_file

    from . import dialogs

    _log.error("Unexpected error", exc_info=(kind, error, trace))
    summary = (
        f"{APP_NAME} hit an unexpected problem ({kind.__name__}: {error}).\n\n"
        "Your work is safe: every change is saved within a second or two, and the working "
        "copy keeps it. If it happens again, please report it with what you were doing and "
        f"the details (“Copy details”).\n\nThe log is in {log_file()}"
    )
    global _reporting
    if _reporting:  # an error while the dialog is up: logged, but one dialog is enough
        return
    _reporting = True
    try:
        dialogs.unexpected_error(
            QApplication.activeWindow(), summary, error_details(kind, error, trace)
        )
    finally:
        _reporting = False


_reporting = False


def data_folder_problem() -> str | None:
    """What to tell the user if the app cannot write its data folder (None if it can): the
    private working copies of open returns live there, so without it nothing can be saved."""
    from stocktake_desktop import paths

    try:
        folder = paths.working_dir()
    except OSError as error:
        return paths.cannot_write(error.filename or "", error)
    probe = folder / f".write-test.{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        return paths.cannot_write(folder, error)
    return None


def settle_memory() -> None:
    """Once the window is up: collect what start-up left, keep the survivors (modules, classes,
    the open return's objects) out of later collections, and turn the collector back on (the
    entry point turns it off while the window is made)."""
    gc.collect()
    gc.freeze()
    gc.enable()


def run_gui(args: list[str], instance: Instance | None = None) -> int:
    """Run the app until its window closes; returns the exit code. ``instance`` (from
    :func:`ui.single_instance.claim`) answers later starts while the window is open."""
    sys.excepthook = _report_unexpected
    instance = instance or Instance(None)
    app = application()
    problem = data_folder_problem()
    if problem is not None:
        from . import dialogs

        _log.error("Data folder not writable: %s", problem)
        dialogs.warn(None, "Cannot write to the app's data folder", problem)
        instance.release()
        return 1
    if isinstance(app, Application):
        app.file_open_requested.connect(lambda path: instance.take([path]))
    # A later start waits for the server (up to 15 s). It comes up once the window is on
    # screen, or sooner if start-up asks a question first (recovering work, a lock).
    QTimer.singleShot(LISTEN_BY_MS, instance.listen)
    window = start(args, app)
    instance.serve(window)
    after_next_paint(window.statusBar(), instance.listen)
    after_next_paint(window.statusBar(), settle_memory)
    if os.environ.get(BENCH_ENV) == "1":
        _FirstPaint(window)
    code = app.exec()
    instance.stop_listening()
    window.close_return(show_start=False)
    instance.release()
    return code
