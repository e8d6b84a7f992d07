"""The app's data folder: Local AppData on Windows, and a clear message when it cannot be written.

Folder redirection can put Roaming AppData on a network share, where SQLite's write-ahead log
fails; the working copies must live in the local one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest
from PySide6.QtWidgets import QApplication

from stocktake_desktop import paths
from tests.ui.conftest import ScriptedDialogs
from ui import launch
from ui.main_window import MainWindow


def test_on_windows_the_data_folder_is_in_local_appdata(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    known = {"CSIDL_LOCAL_APPDATA": tmp_path / "Local", "CSIDL_APPDATA": tmp_path / "Roaming"}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda name: str(known[name]))
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.data_dir() == tmp_path / "Local" / "StocktakeDesktop"
    assert paths.working_dir() == tmp_path / "Local" / "StocktakeDesktop" / "working"


def test_the_app_says_so_when_it_cannot_write_its_data_folder(
    seam: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp: QApplication
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    folder = blocker / "StocktakeDesktop"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app sets its own
    assert launch.main([]) == 1  # the entry point, as a double-click starts it
    [(_parent, title, text)] = seam.called("warn")
    assert title == "Cannot write to the app's data folder"
    assert text.startswith(f"Stocktake Desktop cannot write to its data folder, {folder} (")
    assert "working copies" in text and "network drive" in text and paths.DATA_DIR_ENV in text
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert not any(w.isVisible() for w in windows)  # no window that could not save anything
