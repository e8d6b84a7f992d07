"""The user's preferences, kept as a small JSON file in the settings folder (no Qt here).

Contributor name, default folder for new returns, zoom, recent returns, the window geometry
(a base64 string the views produce and restore) and whether the presenter view is in high
contrast. A missing or damaged file gives the defaults; saving is atomic, so a crash never
leaves half a file behind.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from stocktake_desktop import paths
from stocktake_desktop.document.files import read_json_object, write_atomically
from stocktake_desktop.recent import MAX_RECENT, RecentReturn

SETTINGS_FILE = "preferences.json"
MIN_ZOOM = 0.5
MAX_ZOOM = 3.0


@dataclass
class Preferences:
    """Everything the app remembers between sessions."""

    contributor: str = ""
    default_folder: str = ""
    zoom: float = 1.0
    recent: list[RecentReturn] = field(default_factory=list)
    window_geometry: str = ""
    presenter_high_contrast: bool = False

    def remember(self, entry: RecentReturn) -> None:
        """Put ``entry`` first in the recent list (replacing any entry for the same file)."""
        self.forget(entry.path)
        self.recent.insert(0, entry)
        del self.recent[MAX_RECENT:]

    def forget(self, path: str | Path) -> None:
        key = _key(path)
        self.recent = [item for item in self.recent if _key(item.path) != key]

    def recent_entry(self, path: str | Path) -> RecentReturn | None:
        key = _key(path)
        return next((item for item in self.recent if _key(item.path) == key), None)

    def folder_for_new_returns(self) -> Path:
        folder = Path(self.default_folder) if self.default_folder else None
        if folder is not None and folder.is_dir():
            return folder
        return paths.documents_dir()


def settings_file() -> Path:
    return paths.settings_dir() / SETTINGS_FILE


def load_preferences() -> Preferences:
    """The saved preferences, or the defaults when there are none or they cannot be read."""
    data = read_json_object(settings_file()) or {}
    prefs = Preferences()
    contributor, folder, geometry = (
        data.get("contributor"),
        data.get("default_folder"),
        data.get("window_geometry"),
    )
    if isinstance(contributor, str):
        prefs.contributor = contributor
    if isinstance(folder, str):
        prefs.default_folder = folder
    zoom = data.get("zoom")
    if isinstance(zoom, int | float) and not isinstance(zoom, bool):
        prefs.zoom = min(MAX_ZOOM, max(MIN_ZOOM, float(zoom)))
    if isinstance(geometry, str):
        prefs.window_geometry = geometry
    high_contrast = data.get("presenter_high_contrast")
    if isinstance(high_contrast, bool):
        prefs.presenter_high_contrast = high_contrast
    recent = data.get("recent")
    if isinstance(recent, list):
        for item in recent[:MAX_RECENT]:
            entry = RecentReturn.from_dict(item) if isinstance(item, dict) else None
            if entry is not None:
                prefs.recent.append(entry)
    return prefs


def save_preferences(prefs: Preferences) -> bool:
    """Write the preferences; False (and nothing raised) when the settings folder is unusable."""
    data = asdict(prefs)
    try:
        write_atomically(
            settings_file(), json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        )
    except OSError:
        return False
    return True


def _key(path: str | Path) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(Path(path).absolute())
