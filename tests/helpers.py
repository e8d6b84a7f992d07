"""Builders shared by tests (import from here, never from another test module)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from stocktake_desktop.document import changelog


def step_clock(
    monkeypatch: pytest.MonkeyPatch, start: str = "2026-11-22T09:00:00+00:00"
) -> Callable[[float], None]:
    """Replace the change log's clock; the function returned moves it on by some seconds."""
    moment = [datetime.fromisoformat(start)]
    monkeypatch.setattr(changelog, "now", lambda: moment[0])

    def advance(seconds: float) -> None:
        moment[0] += timedelta(seconds=seconds)

    return advance
