"""Starting up: the command line, the start page's lists, preferences, and what gets imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from stocktake_desktop.settings import load_preferences
from tests.ui.conftest import ScriptedDialogs, click

ROOT = Path(__file__).resolve().parents[2]


def test_starting_with_a_file_shows_it_without_export_libraries(make_return) -> None:
    path = make_return()
    probe = (
        "import atexit, runpy, sys\n"
        "atexit.register(lambda: print('LOADED', sorted(m for m in ('openpyxl', 'reportlab',"
        " 'jinja2') if m in sys.modules)))\n"
        "sys.argv = ['main.py', sys.argv[1], '--as', 'Probe']\n"
        "runpy.run_path('main.py', run_name='__main__')\n"
    )
    env = {**os.environ, "STOCKTAKE_BENCH_EXIT_AFTER_SHOWN": "1", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", probe, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "window shown after" in result.stdout, result.stderr
    assert "LOADED []" in result.stdout


def test_recent_returns_on_the_start_page(
    start_window, make_return, qtbot, seam: ScriptedDialogs
) -> None:
    first = make_return("first.stocktake", answers={"1.1": ([1], "Done")})
    second = make_return("second.stocktake")
    window = start_window([str(first), "--as", "Alice"])
    window.open_path(second)
    window.close_return()  # back to the start page
    page = window.start_page
    assert page is not None and page.isVisible()
    texts = [page.recent.item(i).text() for i in range(page.recent.count())]
    assert texts[0].startswith("Leicestershire — second.stocktake\nLast edited ")
    assert texts[0].endswith("; 0 of 61 questions answered")
    assert texts[1].endswith("; 1 of 61 questions answered")
    # keyboard: down to the first return, Enter opens it
    page.recent.setFocus()
    qtbot.keyClick(page.recent, Qt.Key.Key_Down)
    qtbot.keyClick(page.recent, Qt.Key.Key_Return)
    assert window.session is not None and window.session.document.path == first
    window.close_return()
    # a file that has gone is shown as such, and can be taken off the list
    second.unlink()
    window.show_start_page()
    assert page.recent.item(1).text().endswith("; file not found")
    page.recent.setCurrentRow(1)
    click(qtbot, page.forget_button)
    assert page.recent.count() == 1
    assert [Path(r.path).name for r in load_preferences().recent] == ["first.stocktake"]


def test_opening_a_file_that_is_not_a_return_explains_why(
    start_window, tmp_path: Path, seam: ScriptedDialogs
) -> None:
    bogus = tmp_path / "notes.stocktake"
    bogus.write_text("just some notes", encoding="utf-8")
    window = start_window([str(bogus), "--as", "Alice"])
    assert window.session is None and window.start_page.isVisible()
    title, text = seam.called("warn")[0][1:3]
    assert title == "Cannot open the return"
    assert "is not a Stocktake return" in text


def test_open_dialog_and_default_folder(
    start_window, make_return, tmp_path: Path, qtbot, seam: ScriptedDialogs
) -> None:
    path = make_return()
    seam.queue("ask_text", "Alice")
    window = start_window([])
    folder = tmp_path / "Returns folder"
    folder.mkdir()
    seam.queue("choose_folder", folder)
    window.choose_default_folder()
    assert window.start_page.folder_label.text() == str(folder)
    assert load_preferences().default_folder == str(folder)
    seam.queue("open_file", path)
    click(qtbot, window.start_page.open_button)
    assert window.session is not None and window.session.document.path == path


def test_window_geometry_and_full_screen(start_window, make_return, qtbot) -> None:
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    window.resize(640, 480)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    window.resize(640, 480)
    window.close()
    assert load_preferences().window_geometry
    window = start_window([str(path), "--as", "Alice"])
    assert window.size().toTuple() == (640, 480)


def test_the_first_window_fits_a_small_laptop_screen() -> None:
    from PySide6.QtCore import QSize

    from ui.main_window import default_window_size

    assert default_window_size(QSize(1366, 728)) == QSize(1229, 655)
    assert default_window_size(QSize(2560, 1400)) == QSize(1280, 860)


def test_the_window_has_the_app_icon(start_window, make_return) -> None:
    from PySide6.QtWidgets import QApplication

    window = start_window([str(make_return()), "--as", "Alice"])
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    assert not window.windowIcon().pixmap(16, 16).isNull()


def test_what_waits_for_the_window_is_done_once_it_is_on_screen(make_return, qtbot, qapp) -> None:
    """The backup of the file as opened and the recent list are written just after the first
    paint, not before it."""
    from stocktake_desktop.document.backups import list_backups
    from stocktake_desktop.document.working import WorkingCopy
    from stocktake_desktop.paths import backups_dir
    from ui.app import start

    path = make_return("late.stocktake")
    folder = backups_dir() / WorkingCopy(path).db.stem
    kept = len(list_backups(folder))
    window = start([str(path), "--as", "Alice"], qapp)  # shown, not yet painted
    qtbot.addWidget(window)
    assert len(list_backups(folder)) == kept
    assert path.name not in [Path(r.path).name for r in load_preferences().recent]
    qtbot.waitUntil(lambda: len(list_backups(folder)) == kept + 1)
    qtbot.waitUntil(
        lambda: [Path(r.path).name for r in load_preferences().recent][:1] == [path.name]
    )
    window.close_return(show_start=False)
