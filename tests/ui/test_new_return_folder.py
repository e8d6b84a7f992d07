"""A new return's save dialog opens in the folder the start page says new returns are saved
in, even on an account with no Documents folder yet (it is made); if it cannot be made, the
dialog and the start page both use the home folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
import pytest

from tests.ui.conftest import ScriptedDialogs, click, named


def _saved_as(target: Path, seen: list[tuple[Path, bool]]) -> Any:
    """A save dialog's answer that notes the folder it opened in and whether that exists."""

    def answer(*args: Any) -> Path:
        folder = Path(args[2]).parent
        seen.append((folder, folder.is_dir()))
        return target

    return answer


def _create(qtbot, window, seam: ScriptedDialogs, target: Path) -> tuple[Path, bool]:
    page = window.start_page
    qtbot.keyClicks(page.locality, "Leicestershire")
    seen: list[tuple[Path, bool]] = []
    seam.queue("save_file", _saved_as(target, seen))
    click(qtbot, page.create_button)
    assert window.session is not None and window.session.document.path == target
    (opened_in,) = seen
    return opened_in


def test_the_save_dialog_opens_in_the_documents_folder_shown_made_if_missing(
    start_window, seam: ScriptedDialogs, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "home" / "Documents"  # a fresh account: no Documents folder yet
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    seam.queue("ask_text", "Alice")
    window = start_window([])
    shown = Path(window.start_page.folder_label.text())
    assert shown == documents
    target = tmp_path / "chosen" / "Leicestershire stocktake.stocktake"
    target.parent.mkdir()
    folder, existed = _create(qtbot, window, seam, target)
    assert folder == shown and existed
    # Change folder… opens there too
    window.close_return()
    seam.queue("choose_folder", None)
    click(qtbot, named(window.start_page, "Change the default folder for new returns"))
    assert seam.called("choose_folder")[-1][2] == documents


def test_a_documents_folder_that_cannot_be_made_gives_the_home_folder_everywhere(
    start_window, seam: ScriptedDialogs, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(blocked / "Documents"))
    seam.queue("ask_text", "Alice")
    window = start_window([])
    target = tmp_path / "Leicestershire stocktake.stocktake"
    folder, existed = _create(qtbot, window, seam, target)
    assert folder == home and existed
    window.close_return()
    assert Path(window.start_page.folder_label.text()) == home
    assert not seam.called("warn")


def test_open_on_a_fresh_account_opens_in_the_documents_folder(
    start_window, seam: ScriptedDialogs, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "home" / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    seam.queue("ask_text", "Alice")
    window = start_window([])
    seen: list[tuple[Path, bool]] = []
    seam.queue("open_file", lambda *args: seen.append((args[2], Path(args[2]).is_dir())))
    click(qtbot, named(window.start_page, "Open a return file"))
    assert seen == [(documents, True)]  # then cancelled
    assert window.session is None
