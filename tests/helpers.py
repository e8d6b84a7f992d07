"""Builders shared by tests (import from here, never from another test module)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from stocktake_desktop.document import ReturnDocument, changelog


def step_clock(
    monkeypatch: pytest.MonkeyPatch, start: str = "2026-11-22T09:00:00+00:00"
) -> Callable[[float], None]:
    """Replace the change log's clock; the function returned moves it on by some seconds."""
    moment = [datetime.fromisoformat(start)]
    monkeypatch.setattr(changelog, "now", lambda: moment[0])

    def advance(seconds: float) -> None:
        moment[0] += timedelta(seconds=seconds)

    return advance


def finish_seed(document: ReturnDocument) -> None:
    """Complete the seed return (its 3.5 has no code), then its signatories confirm it as it
    is now (a change after a sign-off makes it lapse)."""
    document.set_codes("3.5", [2])
    confirm_sign_offs(document)


def confirm_sign_offs(document: ReturnDocument) -> None:
    """Every signatory confirms the return as it is now (dated today)."""
    for role in document.template.sign_off_roles:
        document.confirm_sign_off(role.key)
