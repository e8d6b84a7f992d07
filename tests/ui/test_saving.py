"""Saving while the window is open, failures and recovery, locks, and the export hand-off."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stocktake_desktop.document import ReturnDocument, StorageError
from tests.ui.conftest import ScriptedDialogs, click

ROOT = Path(__file__).resolve().parents[2]


def _crash_while_editing(path: Path, ref: str, narrative: str) -> Path:
    """Create a return in a child process, type ``narrative`` at ``ref``, crash before saving."""
    crash = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from stocktake_desktop.document import ReturnDocument\n"
        "d = ReturnDocument.create(Path(sys.argv[1]), 'Rutland', 'Crash Person')\n"
        "d.set_narrative(sys.argv[2], sys.argv[3])\n"
        "os._exit(1)\n"
    )
    subprocess.run(
        [sys.executable, "-c", crash, str(path), ref, narrative], cwd=ROOT, check=False, timeout=30
    )
    return path


def test_changes_reach_the_file_within_two_seconds_with_the_window_open(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    card = window.view.show_question("4.5")
    qtbot.keyClicks(card.narrative, "Saved while open")
    qtbot.waitUntil(lambda: window.status.save_label.text().startswith("Saved "), timeout=2000)
    assert re.fullmatch(r"Saved \d\d:\d\d:\d\d", window.status.save_label.text())
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        assert document.answer("4.5").narrative == "Saved while open"


def test_a_failing_save_shows_a_banner_keeps_the_work_and_recovers(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    document = window.session.document
    real_publish = document.publish

    def full_disk() -> None:
        raise StorageError(f"Could not save {path.name}: No space left on device")

    document.publish = full_disk  # type: ignore[method-assign]
    card = window.view.show_question("2.2")
    qtbot.keyClicks(card.narrative, "Typed while the disk is full")
    banner = window.view.save_banner
    qtbot.waitUntil(banner.isVisible, timeout=3000)
    expected = (
        f"Could not save {path.name}: No space left on device — your work is kept and will be "
        "saved when possible"
    )
    assert window.status.save_label.text() == expected
    assert "Not saved yet." in banner.text
    assert card.narrative.toPlainText() == "Typed while the disk is full"

    document.publish = real_publish  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=6000)
    assert window.status.save_label.text().startswith("Saved ")
    with ReturnDocument.open(path, "Reader", read_only=True) as copy:
        assert copy.answer("2.2").narrative == "Typed while the disk is full"


def test_a_change_that_cannot_be_recorded_is_retried(
    start_window, make_return, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.session.RETRY_MS", 100)
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    document = window.session.document
    real = document.set_narrative

    def refuse(ref: str, text: str) -> None:
        raise StorageError("Could not record the change: the disk is full")

    document.set_narrative = refuse  # type: ignore[method-assign]
    card = window.view.show_question("2.3")
    qtbot.keyClicks(card.narrative, "Kept in the window")
    banner = window.view.save_banner
    qtbot.waitUntil(banner.isVisible, timeout=2000)
    assert "the disk is full" in banner.text
    assert card.narrative.toPlainText() == "Kept in the window"
    qtbot.keyClicks(card.narrative, " and more")
    document.set_narrative = real  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=3000)
    assert document.answer("2.3").narrative == "Kept in the window and more"


def test_unsaved_work_from_a_crash_is_offered_on_the_start_page(
    start_window, returns_dir: Path, qtbot, seam: ScriptedDialogs
) -> None:
    _crash_while_editing(returns_dir / "crashed.stocktake", "1.1", "Words typed before the crash")
    seam.queue("ask_text", "Alice")
    window = start_window([])
    page = window.start_page
    assert page.recover_box.isVisible()
    assert len(page.recover_buttons) == 1
    assert (
        "Rutland"
        in page.recover_buttons[0].parentWidget().findChildren(type(page.no_recent))[0].text()
    )
    click(qtbot, page.recover_buttons[0])
    assert window.view is not None
    assert window.view.card("1.1").narrative.toPlainText() == "Words typed before the crash"
    assert not seam.called("ask")


def test_opening_a_return_with_unsaved_work_offers_to_recover_it(
    start_window, returns_dir: Path, seam: ScriptedDialogs
) -> None:
    path = _crash_while_editing(returns_dir / "crashed.stocktake", "2.1", "Not yet in the file")
    seam.queue("ask", True)  # "Recover my changes"
    window = start_window([str(path), "--as", "Alice"])
    assert "1 change that did not reach the file" in seam.called("ask")[0][2]
    assert window.view.card("2.1").narrative.toPlainText() == "Not yet in the file"


def test_a_return_held_by_another_process_opens_read_only_with_a_banner(
    start_window,
    make_return,
    qtbot,
    seam: ScriptedDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("ui.pages.return_view.LOCK_CHECK_MS", 100)
    path = make_return()
    hold = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from stocktake_desktop.document import ReturnDocument\n"
        "d = ReturnDocument.open(Path(sys.argv[1]), 'Other Person')\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    env = {**__import__("os").environ, "STOCKTAKE_DATA_DIR": str(tmp_path / "other")}
    child = subprocess.Popen(
        [sys.executable, "-c", hold, str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        seam.queue("ask", True)  # "Open read-only"
        window = start_window([str(path), "--as", "Alice"])
        assert "is being edited by Other Person" in seam.called("ask")[0][2]
        banner = window.view.read_only_banner
        assert banner.isVisible()
        assert "This return is being edited by Other Person on" in banner.text
        card = window.view.show_question("1.1")
        assert card.narrative.isReadOnly()
        assert not card.chooser.buttons[0].isEnabled()
        assert window.status.save_label.text() == "Read-only: changes cannot be made"
        assert window.windowTitle().endswith("(read-only) — Stocktake Desktop")
    finally:
        child.kill()
        child.wait()
    # once they have gone, the banner offers to open it for editing
    qtbot.waitUntil(lambda: "no longer being edited" in banner.text, timeout=3000)
    click(qtbot, banner._button)
    qtbot.waitUntil(lambda: window.session is not None and not window.session.read_only)
    assert not window.view.read_only_banner.isVisible()


def test_a_lock_from_another_computer_is_named_in_the_banner(
    start_window, make_return, seam: ScriptedDialogs
) -> None:
    path = make_return()
    lock = path.with_name(path.name + ".lock")
    lock.write_text(
        json.dumps(
            {
                "name": "Dana",
                "machine": "council-pc-17",
                "pid": 4242,
                "started": 1.0,
                "since": "2026-11-22T09:15:00+00:00",
            }
        ),
        encoding="utf-8",
    )
    seam.queue("ask", False, True)  # not taking over the lock; open read-only
    window = start_window([str(path), "--as", "Alice"])
    assert "Dana on council-pc-17" in window.view.read_only_banner.text
    seam.queue("ask", False, False)
    window.close_return()
    assert window.open_path(path) is False  # declined: back to the start page
    assert window.start_page is not None and window.start_page.isVisible()


def test_export_for_submission_is_handed_the_open_return(
    start_window, make_return, qtbot, monkeypatch: pytest.MonkeyPatch, seam: ScriptedDialogs
) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    calls = []
    fake = types.ModuleType("ui.pages.export_dialog")
    fake.run_export = lambda parent, session: calls.append((parent, session))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ui.pages.export_dialog", fake)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert calls == [(window, window.session)]  # the open return's session: the export seam
    # without the export module the user is told, nothing breaks
    monkeypatch.setitem(sys.modules, "ui.pages.export_dialog", None)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "not available" in seam.called("inform")[-1][2]


def test_work_a_failed_save_left_is_offered_back_in_the_same_run(
    start_window, make_return, qtbot, seam: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 'will offer to recover them' promise holds without restarting the app."""
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    card = window.view.show_question("2.1")

    def drive_gone(self: ReturnDocument) -> None:
        raise StorageError(f"Could not save {path.name}: the network drive is not available")

    with monkeypatch.context() as patch:
        patch.setattr(ReturnDocument, "publish", drive_gone)
        qtbot.keyClicks(card.narrative, "Typed while the drive was away")
        qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.session is None)
    [warning] = seam.called("warn")
    assert "will offer to recover them" in warning[2]
    page = window.start_page
    qtbot.waitUntil(page.recover_box.isVisible)
    assert len(page.recover_buttons) == 1
    click(qtbot, page.recover_buttons[0])
    assert window.view is not None
    assert window.view.card("2.1").narrative.toPlainText() == "Typed while the drive was away"
    with ReturnDocument.open(path, "Reader", read_only=True) as saved:
        assert saved.answer("2.1").narrative == "Typed while the drive was away"


def test_after_a_crash_the_recent_list_shows_the_work_to_recover(
    start_window, returns_dir: Path, seam: ScriptedDialogs
) -> None:
    from stocktake_desktop.recent import RecentReturn
    from stocktake_desktop.settings import load_preferences, save_preferences

    path = _crash_while_editing(returns_dir / "crashed.stocktake", "3.1", "Typed, then a crash")
    prefs = load_preferences()  # as remembered when it was opened: nothing answered yet
    prefs.remember(RecentReturn(str(path), "Rutland", answered=0, total=61))
    save_preferences(prefs)
    seam.queue("ask_text", "Alice")
    window = start_window([])
    text = window.start_page.recent.item(0).text()
    assert "1 of 61 questions answered" in text
    assert "unsaved work to recover" in text.lower()
