"""Exporting runs off the UI thread: the window keeps working and the dialog shows progress."""

from __future__ import annotations

import threading
import time
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export import bundle
from ui.pages.export_dialog import ExportDialog
from ui.session import EXPORT_STEPS

from .conftest import ScriptedDialogs, click

LONG = 30_000


def _long_return(path: Path) -> Path:
    """Every one of the 61 narratives 30,000 characters long (the programme's worst case)."""
    words = "The partnership reviewed every placement and agreed a plan with each family. "
    text = (words * (LONG // len(words) + 1))[:LONG]
    with ReturnDocument.create(path, "Leicestershire", "Setup") as document, document.batch():
        for question in document.template.questions:
            document.set_narrative(question.ref, text)
    return path


@pytest.mark.timeout(300)
def test_export_runs_in_a_worker_thread_with_progress_and_a_responsive_window(
    start_window, returns_dir: Path, tmp_path: Path, qtbot, seam: ScriptedDialogs, monkeypatch
) -> None:
    path = _long_return(returns_dir / "long.stocktake")
    window = start_window([str(path), "--as", "Alice"])
    session = window.session
    out = tmp_path / "out"
    out.mkdir()
    threads: list[threading.Thread] = []
    real_export = bundle.export_bundle

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real_export(*args, **kwargs)

    monkeypatch.setattr(bundle, "export_bundle", recording)
    dialog = ExportDialog(window, session)
    qtbot.addWidget(dialog)
    dialog.show()
    seam.queue("choose_folder", out)
    click(qtbot, dialog.change_folder)

    ticks: list[float] = []
    seen: list[tuple[int, str, bool]] = []
    timer = QTimer()
    timer.setInterval(20)

    def tick() -> None:
        ticks.append(time.perf_counter())
        if dialog.running:
            seen.append(
                (dialog.progress.value(), dialog.progress_text.text(), dialog.progress.isVisible())
            )

    timer.timeout.connect(tick)
    timer.start()
    click(qtbot, dialog.export_button)
    assert dialog.running and session.exporting
    assert not dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=240_000)
    timer.stop()

    assert threads and threads[0] is not threading.main_thread()
    assert len(seen) >= 3, "the event loop stopped while exporting"
    assert all(visible for _value, _text, visible in seen)
    assert {text for _value, text, _visible in seen} >= {"Writing the PDF…"}
    values = [value for value, _text, _visible in seen]
    assert values == sorted(values) and 0 < max(values) <= EXPORT_STEPS
    gaps = [later - earlier for earlier, later in pairwise(ticks)]
    print(f"longest pause of the UI thread while exporting: {max(gaps) * 1000:.0f} ms")
    assert dialog.pages.currentIndex() == 1 and dialog.done_heading.text() == "Draft exported"
    assert len(list(out.glob("*.zip"))) == 1
    assert not session.exporting
    # the export was recorded in the return, and the file has it after the next save
    assert session.save_now()
    with ReturnDocument.open(path, "Reader", read_only=True) as copy:
        assert [s.final for s in copy.submissions()] == [False]


def test_edits_wait_for_the_export_and_are_written_after_it(
    start_window, make_return, tmp_path: Path, qtbot
) -> None:
    """While the worker uses the document, a view's write is held back, then written."""
    from stocktake_desktop.export.bundle import ExportOptions

    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    session = window.session
    out = tmp_path / "out"
    out.mkdir()
    job = session.export(ExportOptions(out_dir=out))
    done: list[object] = []
    job.finished.connect(done.append)
    assert session.set_narrative("2.1", "Typed while exporting") is False  # held back
    assert session.document.answer("2.1").narrative == ""
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    qtbot.waitUntil(lambda: not session.has_dirty_writes)
    assert session.document.answer("2.1").narrative == "Typed while exporting"
