"""Recent returns as the start page lists them, without opening each file (no Qt here)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from stocktake_desktop.document import ReturnDocument, unsaved_work_for
from stocktake_desktop.document.connections import connect

MAX_RECENT = 10


@dataclass
class RecentReturn:
    """What the start page shows about a return: recorded when it was last open."""

    path: str
    locality: str = ""
    answered: int = 0
    total: int = 0
    last_edited: str = ""  # ISO date-time of the last change
    unsaved: bool = False  # work a session left that never reached the file (not stored)

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


def latest_state(entry: RecentReturn) -> RecentReturn:
    """``entry`` as the data says now: the unsaved work a crash left, else the file itself
    (the entry is only written when a return is opened or closed, so after a crash it is old)."""
    work = unsaved_work_for(Path(entry.path))
    source = work.working if work is not None else Path(entry.path)
    try:
        # The user's file is never written in place (only replaced), so it can be read as
        # immutable, leaving nothing beside it; a working copy may have a write-ahead log.
        options = "?mode=ro" if work is not None else "?mode=ro&immutable=1"
        conn = connect(source.as_uri() + options, uri=True)
        try:
            narratives = conn.execute("SELECT narrative FROM answer").fetchall()
            last = conn.execute("SELECT at FROM change_log ORDER BY id DESC LIMIT 1").fetchone()
            locality = conn.execute("SELECT value FROM meta WHERE key = 'locality'").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, ValueError, OSError):
        return entry
    return replace(
        entry,
        locality=str(locality[0]) if locality else entry.locality,
        answered=sum(1 for (text,) in narratives if isinstance(text, str) and text.strip()),
        last_edited=str(last[0]) if last else entry.last_edited,
        unsaved=work is not None,
    )
