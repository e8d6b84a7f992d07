"""Dates as people in Britain write them: 22 November 2026."""

from __future__ import annotations

from datetime import date, datetime


def friendly_date(value: date | str) -> str:
    """``2026-11-22`` -> ``22 November 2026``; an unparseable string comes back as it is."""
    if isinstance(value, str):
        try:
            return friendly_date(date.fromisoformat(value[:10])) if value else ""
        except ValueError:
            return value
    return f"{value.day} {value:%B %Y}"


def friendly_datetime(value: datetime | str) -> str:
    """``2026-11-22T14:02:31+00:00`` -> ``22 November 2026 at 14:02`` (local time)."""
    if isinstance(value, str):
        try:
            return friendly_datetime(datetime.fromisoformat(value)) if value else ""
        except ValueError:
            return value
    if value.tzinfo is not None:
        value = value.astimezone()
    return f"{friendly_date(value.date())} at {value:%H:%M}"
