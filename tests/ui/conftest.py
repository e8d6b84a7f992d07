"""UI tests: the dialog seam scripted, windows closed properly (data folder: tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar, overload

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QWidget

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stocktake_desktop.document import ReturnDocument
from ui import dialogs
from ui.look.zoom import base_font
from ui.main_window import MainWindow

DIALOGS = (
    "inform",
    "warn",
    "ask",
    "ask_text",
    "open_file",
    "open_files",
    "save_file",
    "choose_folder",
    "unexpected_error",
)
W = TypeVar("W", bound=QWidget)


@pytest.fixture(autouse=True)
def _reset_font_and_clipboard(qapp: QApplication) -> Iterator[None]:
    yield
    QApplication.setFont(base_font(qapp))
    # Mime data a test put on the clipboard is owned by Python; under the offscreen platform
    # Qt deletes it again when the application is torn down, which crashes the test process.
    QApplication.clipboard().clear()


class ScriptedDialogs:
    """Stands in for ``ui.dialogs``: answers queued per function; anything unexpected fails."""

    def __init__(self) -> None:
        self.answers: dict[str, list[Any]] = {name: [] for name in DIALOGS}
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def queue(self, name: str, *answers: Any) -> None:
        self.answers[name].extend(answers)

    def called(self, name: str) -> list[tuple[Any, ...]]:
        return [args for call, args in self.calls if call == name]

    def make(self, name: str) -> Callable[..., Any]:
        def respond(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args))
            if name in ("inform", "warn"):
                return None
            if not self.answers[name]:
                raise AssertionError(f"unexpected dialog {name}{args[1:]}")
            answer = self.answers[name].pop(0)
            return answer(*args) if callable(answer) else answer

        return respond


@pytest.fixture
def seam(monkeypatch: pytest.MonkeyPatch) -> ScriptedDialogs:
    scripted = ScriptedDialogs()
    for name in DIALOGS:
        monkeypatch.setattr(dialogs, name, scripted.make(name))
    return scripted


@pytest.fixture
def make_return(returns_dir: Path) -> Callable[..., Path]:
    """Create a return on disk (closed), optionally with answers: ref -> (codes, narrative)."""

    def make(
        name: str = "leics.stocktake",
        answers: dict[str, tuple[list[int], str]] | None = None,
        editor: str = "Setup",
    ) -> Path:
        path = returns_dir / name
        with ReturnDocument.create(path, "Leicestershire", editor) as document:
            for ref, (codes, narrative) in (answers or {}).items():
                document.set_codes(ref, codes)
                document.set_narrative(ref, narrative)
        return path

    return make


@pytest.fixture
def start_window(qtbot, qapp: QApplication) -> Iterator[Callable[..., MainWindow]]:
    """``start_window(args)`` runs the app's start-up as ``main.py`` would, without exec()."""
    from ui.app import start

    windows: list[MainWindow] = []

    def launch(args: list[str] | None = None) -> MainWindow:
        window = start(args or [], qapp)
        windows.append(window)
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    yield launch
    for window in windows:
        if window.session is not None:
            window.close_return(show_start=False)
        window.close()


def settle(widget: QWidget, rounds: int = 10) -> None:
    """Let the screen catch up now, as a person's eyes would before a click: pending events,
    then the layouts they start (new widgets, text that wraps again), until ``widget`` stops
    moving. Never a fixed wait, so a busy machine cannot make it too short."""
    QApplication.processEvents()
    for done in range(rounds):
        before = widget.geometry()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if done >= 2 and widget.geometry() == before:  # a new page takes a few rounds
            return


def click(qtbot, widget) -> None:
    """Click a widget as a person would: once the screen has caught up (layouts done), on the
    box of a check box or radio button (its middle may be empty space past the text)."""
    qtbot.waitUntil(lambda: widget.isVisible() and widget.height() > 0, timeout=5000)
    settle(widget)
    position = widget.rect().center()
    if isinstance(widget, QCheckBox | QRadioButton):
        position = QPoint(min(8, widget.width() // 2), widget.height() // 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=position)


@overload
def named(root: QWidget, name: str) -> QWidget: ...
@overload
def named(root: QWidget, name: str, kind: type[W]) -> W: ...
def named(root: QWidget, name: str, kind: type[QWidget] = QWidget) -> QWidget:
    """The one widget under ``root`` whose accessible name is ``name`` (and of ``kind``)."""
    found = [w for w in root.findChildren(QWidget) if w.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} widgets named {name!r}"
    assert isinstance(found[0], kind), f"{name!r} is a {type(found[0]).__name__}"
    return found[0]


def focused() -> QWidget:
    """The widget with the keyboard focus (there must be one)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget
