"""Recent returns as the start page lists them, without opening each file (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stocktake_desktop.document import ReturnDocument

MAX_RECENT = 10


@dataclass
class RecentReturn:
    """What the start page shows about a return: recorded when it was last open."""

    path: str
    locality: str = ""
    answered: int = 0
    total: int = 0
    last_edited: str = ""  # ISO date-time of the last change

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    @property
    def exists(self) -> bool:
        return Path(self.path).is_file()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RecentReturn | None:
        path = data.get("path")
        if not isinstance(path, str) or not path:
            return None

        def number(key: str) -> int:
            value = data.get(key)
            return value if isinstance(value, int) and not isinstance(value, bool) else 0

        def text(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""

        return cls(
            path=path,
            locality=text("locality"),
            answered=number("answered"),
            total=number("total"),
            last_edited=text("last_edited"),
        )


def recent_entry(document: ReturnDocument) -> RecentReturn:
    """A recent-list entry describing ``document`` as it is now."""
    summary = document.summary()
    return RecentReturn(
        path=str(Path(document.path).absolute()),
        locality=summary.locality,
        answered=summary.answered,
        total=summary.total,
        last_edited=summary.last_change_at,
    )
