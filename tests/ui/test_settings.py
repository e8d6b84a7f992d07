"""Preferences (stocktake_desktop/settings.py): kept under the data folder, robust to damage."""

from __future__ import annotations

from pathlib import Path

from stocktake_desktop.recent import MAX_RECENT, RecentReturn
from stocktake_desktop.settings import (
    Preferences,
    load_preferences,
    save_preferences,
    settings_file,
)


def test_preferences_round_trip_under_the_data_folder(data_dir: Path) -> None:
    prefs = Preferences(contributor="Alice", zoom=1.5, window_geometry="AdnQyw==")
    prefs.remember(RecentReturn(path="/tmp/a.stocktake", locality="Rutland", answered=3, total=61))
    assert save_preferences(prefs)
    assert settings_file().is_relative_to(data_dir)
    loaded = load_preferences()
    assert loaded == prefs


def test_damaged_or_odd_preferences_give_defaults() -> None:
    settings_file().write_text("{not json", encoding="utf-8")
    assert load_preferences() == Preferences()
    settings_file().write_text(
        '{"contributor": 7, "zoom": 99, "recent": [{"path": ""}, {"path": "/x.stocktake",'
        ' "answered": "lots"}, 5]}',
        encoding="utf-8",
    )
    prefs = load_preferences()
    assert prefs.contributor == "" and prefs.zoom == 3.0
    assert [(r.path, r.answered) for r in prefs.recent] == [("/x.stocktake", 0)]


def test_recent_list_is_most_recent_first_without_duplicates(tmp_path: Path) -> None:
    prefs = Preferences()
    for index in range(MAX_RECENT + 3):
        prefs.remember(RecentReturn(path=str(tmp_path / f"r{index}.stocktake")))
    prefs.remember(RecentReturn(path=str(tmp_path / "r5.stocktake"), locality="again"))
    assert len(prefs.recent) == MAX_RECENT
    assert prefs.recent[0].locality == "again"
    assert [r.path for r in prefs.recent].count(str(tmp_path / "r5.stocktake")) == 1
    prefs.forget(tmp_path / "r5.stocktake")
    assert prefs.recent_entry(tmp_path / "r5.stocktake") is None


def test_folder_for_new_returns_falls_back_when_gone(tmp_path: Path) -> None:
    prefs = Preferences(default_folder=str(tmp_path))
    assert prefs.folder_for_new_returns() == tmp_path
    prefs.default_folder = str(tmp_path / "gone")
    assert prefs.folder_for_new_returns() != tmp_path / "gone"
