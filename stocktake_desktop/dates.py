"""Dates as people in Britain write them: 22 November 2026.

:func:`parse_date` reads a date as someone in Britain types it (day first: ``28/06/2013``,
``28/6/13``, ``28-06-2013``, ``28.06.2013``, ``28 June 2013``, ``28 Jun 2013``, ``28th June
2013``, ``Friday 28 June 2013``) or as ISO 8601 (``2013-06-28``); :func:`date_problem` says in
words why a text is not such a date. Years run from 1900 to 2099 (what a workbook can hold);
a two-digit year is 2000–2068 for 00–68 and 1969–1999 for 69–99, as ``strptime``'s ``%y``.
Month-day-year orders (``06/28/2013``) are never guessed: a month cannot be 28.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

MIN_YEAR = 1900
MAX_YEAR = 2099
EXAMPLES = "28/06/2013 or 28 June 2013"

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # not calendar.month_name: that follows the locale, and the return is in English
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")

_YEAR = r"(\d{4}|\d{2})"
_ISO = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2}) ?([-/. ]) ?(\d{1,2}) ?\2 ?" + _YEAR)
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[-/. ]*([a-z]+)\.?[-/. ]*" + _YEAR)
_MONTH_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)? (\d{4})")
_NO_YEAR = re.compile(r"\d{1,2}(?:st|nd|rd|th)?(?: ?[-/.] ?\d{1,2}|[-/. ]*[a-z]{3,}\.?)")


def friendly_date(value: date | str) -> str:
    """``2026-11-22`` -> ``22 November 2026``; an unparseable string comes back as it is."""
    if isinstance(value, str):
        try:
            return friendly_date(date.fromisoformat(value[:10])) if value else ""
        except ValueError:
            return value
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


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


def parse_date(text: str) -> date | None:
    """The date ``text`` names, or None when it is empty or not a date (see the module)."""
    reading = _read(text)
    return reading if isinstance(reading, date) else None


def date_problem(text: str) -> str | None:
    """Why ``text`` is not a date, as a sentence; None when it is one or is empty."""
    if not text.strip():
        return None
    reading = _read(text)
    return None if isinstance(reading, date) else reading


# ---------------------------------------------------------------------------------- reading
def _read(text: str) -> date | str:
    """The date, or a sentence saying why there is none."""
    cleaned = " ".join(text.translate(_DASHES).replace(",", " ").casefold().split()).rstrip(".")
    cleaned, weekday = _strip_weekday(cleaned)
    parts = _parts(cleaned)
    if parts is None:
        if _NO_YEAR.fullmatch(cleaned):
            return f"Add the year, as in {EXAMPLES}."
        return f"Type a date such as {EXAMPLES}."
    year, month, day = parts
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"The year must be between {MIN_YEAR} and {MAX_YEAR}."
    if not 1 <= month <= 12:
        return f"There is no month {month}: type the day first, as in {EXAMPLES}."
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"There is no {day} {_MONTHS[month - 1]} {year}: that month has {last} days."
    value = date(year, month, day)
    if weekday is not None and weekday != value.weekday():
        return (
            f"{friendly_date(value)} is a {_WEEKDAYS[value.weekday()]}, not a {_WEEKDAYS[weekday]}."
        )
    return value


def _strip_weekday(text: str) -> tuple[str, int | None]:
    """``friday 28 june 2013`` -> (``28 june 2013``, 4); text without a weekday is kept."""
    match = re.match(r"([a-z]+)\.? (?=\d)", text)
    if match:
        weekday = _name_index(match.group(1), _WEEKDAYS)
        if weekday is not None:
            return text[match.end() :], weekday
    return text, None


def _parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) as written, not yet checked; None when the shape is unknown."""
    if match := _ISO.fullmatch(text):
        return int(match[1]), int(match[3]), int(match[4])
    if match := _NUMERIC.fullmatch(text):
        return _year(match[4]), int(match[3]), int(match[1])
    if match := _DAY_MONTH.fullmatch(text):
        month = _name_index(match[2], _MONTHS)
        return None if month is None else (_year(match[3]), month + 1, int(match[1]))
    if match := _MONTH_DAY.fullmatch(text):
        month = _name_index(match[1], _MONTHS)
        return None if month is None else (int(match[3]), month + 1, int(match[2]))
    return None


def _name_index(word: str, names: tuple[str, ...]) -> int | None:
    """The index of the name ``word`` starts (at least three letters: ``jun``, ``sept``)."""
    if len(word) < 3:
        return None
    found = [index for index, name in enumerate(names) if name.casefold().startswith(word)]
    return found[0] if len(found) == 1 else None


def _year(digits: str) -> int:
    if len(digits) == 4:
        return int(digits)
    two = int(digits)
    return 2000 + two if two < 69 else 1900 + two
