"""Reading typed dates (day first, as in Britain, or ISO) and saying why a text is not one."""

from __future__ import annotations

import locale
from datetime import date

import pytest

from stocktake_desktop.dates import date_problem, friendly_date, parse_date

JUNE_28 = date(2013, 6, 28)


@pytest.mark.parametrize(
    "text",
    [
        "28/06/2013",
        "28/6/2013",
        "28/6/13",
        "28/06/13",
        "28-06-2013",
        "28.06.2013",
        "28 06 2013",
        "28 / 06 / 2013",
        "28–06–2013",  # an en dash, as Word types it
        "28 June 2013",
        "28 june 2013",
        "28 JUNE 2013",
        "28 Jun 2013",
        "28 Jun. 2013",
        "28-Jun-2013",
        "28-jun-13",
        "28jun13",
        "28th June 2013",
        "28 June, 2013",
        "Friday 28 June 2013",
        "Fri 28 Jun 2013",
        "Friday, 28/06/2013",
        "June 28 2013",
        "June 28, 2013",
        "2013-06-28",
        "2013/06/28",
        "2013-6-28",
        "  28 June 2013  ",
        "28\u00a0June\u00a02013",  # non-breaking spaces, as pasted from a document
        "28 June 2013.",
        "٢٨/٠٦/٢٠١٣",  # Arabic-Indic digits are digits too
    ],
)
def test_british_and_iso_dates_are_read(text: str) -> None:
    assert parse_date(text) == JUNE_28
    assert date_problem(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/2/2013", date(2013, 2, 1)),  # day first: 1 February, never 2 January
        ("5 July 2013", date(2013, 7, 5)),
        ("5 Sept 2013", date(2013, 9, 5)),
        ("5 Sep 2013", date(2013, 9, 5)),
        ("29/02/2012", date(2012, 2, 29)),
        ("1st March 2013", date(2013, 3, 1)),
        ("2nd March 2013", date(2013, 3, 2)),
        ("3rd March 2013", date(2013, 3, 3)),
        ("31 December 2099", date(2099, 12, 31)),
        ("1 January 1900", date(1900, 1, 1)),
        ("1/1/00", date(2000, 1, 1)),
        ("1/1/68", date(2068, 1, 1)),
        ("1/1/69", date(1969, 1, 1)),
        ("1/1/99", date(1999, 1, 1)),
    ],
)
def test_other_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("31/02/2013", "There is no 31 February 2013: that month has 28 days."),
        ("29/02/2013", "There is no 29 February 2013: that month has 28 days."),
        ("31 April 2013", "There is no 31 April 2013: that month has 30 days."),
        ("0/06/2013", "There is no 0 June 2013: that month has 30 days."),
        ("06/28/2013", "There is no month 28: type the day first, as in"),  # American order
        ("28/13/2013", "There is no month 13"),
        ("2013-13-01", "There is no month 13"),
        ("28/06/1850", "The year must be between 1900 and 2099."),
        ("28 June 2113", "The year must be between 1900 and 2099."),
        ("Monday 28 June 2013", "28 June 2013 is a Friday, not a Monday."),
        ("28 June", "Add the year, as in 28/06/2013 or 28 June 2013."),
        ("28/06", "Add the year"),
        ("hello", "Type a date such as 28/06/2013 or 28 June 2013."),
        ("No date8/06/2013", "Type a date such as"),  # what the old field produced
        ("28/06/201", "Type a date such as"),  # a three-digit year
        ("28 Ju 2013", "Type a date such as"),  # too short to name a month
        ("28 Juno 2013", "Type a date such as"),
        ("28/06-2013", "Type a date such as"),  # mixed separators
        ("20130628", "Type a date such as"),  # all digits: not guessed
        ("2013-06-28T10:00", "Type a date such as"),
        ("28/06/2013 and 29/06/2013", "Type a date such as"),
    ],
)
def test_texts_that_are_not_dates_say_why(text: str, problem: str) -> None:
    assert parse_date(text) is None
    found = date_problem(text)
    assert found is not None and found.startswith(problem)


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_an_empty_text_is_no_date_and_no_problem(text: str) -> None:
    assert parse_date(text) is None
    assert date_problem(text) is None


def test_every_day_of_a_year_round_trips_through_its_friendly_and_numeric_forms() -> None:
    day = date(2012, 1, 1)  # a leap year
    while day.year == 2012:
        assert parse_date(friendly_date(day)) == day
        assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
        assert parse_date(f"{day:%d/%m/%y}") == day
        assert parse_date(day.isoformat()) == day
        day = date.fromordinal(day.toordinal() + 1)


def test_friendly_dates_are_english_whatever_the_locale() -> None:
    saved = locale.setlocale(locale.LC_TIME)
    try:
        for name in ("fr_FR.UTF-8", "de_DE.UTF-8"):
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            assert friendly_date(JUNE_28) == "28 June 2013"
            assert parse_date("28 June 2013") == JUNE_28
    finally:
        locale.setlocale(locale.LC_TIME, saved)
    assert friendly_date("2013-06-28") == "28 June 2013"
    assert friendly_date("") == ""
    assert friendly_date("not a date") == "not a date"
