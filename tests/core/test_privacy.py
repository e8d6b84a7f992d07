"""The personal-data scan: NHS numbers (Modulus 11), dates of birth, private email addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.privacy import (
    find_dates_of_birth,
    find_nhs_numbers,
    find_private_emails,
    nhs_number_is_valid,
    personal_data_items,
)
from stocktake_desktop.readiness import Severity, check_readiness


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "4010232137", "401 023 2137"])
def test_valid_nhs_numbers(number: str) -> None:
    assert nhs_number_is_valid(number)
    assert find_nhs_numbers(f"Patient {number}, reviewed.") == [number.replace(" ", "")]


@pytest.mark.parametrize(
    "number",
    [
        "9434765918",  # wrong check digit
        "9434765910",
        "4010232138",
        "1234567890",  # check digit would be 10: never valid
        "943476591",  # nine digits
    ],
)
def test_invalid_nhs_numbers(number: str) -> None:
    assert not nhs_number_is_valid(number)
    assert find_nhs_numbers(f"Number {number} here") == []


@pytest.mark.parametrize(
    "text",
    [
        "Call 01709 302839 for details",  # an 11-digit phone number
        "ref 94347659190",  # eleven digits
        "0000000000 placeholder",  # all one digit passes the check but is not a number
        "budget £9,434,765,919",
        "v9434765919",
        "2013/9434765919",
    ],
)
def test_numbers_that_are_not_nhs_numbers(text: str) -> None:
    assert find_nhs_numbers(text) == []


def test_nhs_number_spacing_must_be_consistent() -> None:
    assert find_nhs_numbers("943-476-5919.") == ["9434765919"]
    assert find_nhs_numbers("943 476-5919") == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Mr A, DOB 01/02/1980, placed out of area", "DOB"),
        ("d.o.b. 1.2.80", "d.o.b."),
        ("She was born on 3 March 1975 in Leicester", "born on"),
        ("born 3rd March 1975", "born"),
        ("Date of birth: 12th of June 1990", "Date of birth"),
        ("date of birth - March 3, 1975", "date of birth"),
        ("birthdate 1980-02-01", "birthdate"),
    ],
)
def test_dates_of_birth(text: str, cue: str) -> None:
    assert find_dates_of_birth(text) == [cue]


@pytest.mark.parametrize(
    "text",
    [
        "The board met on 3 March 2013",
        "Born out of the 2012 review, the group...",
        "the service was born in the 1990s",
        "DOB field is recorded on the register",
    ],
)
def test_not_dates_of_birth(text: str) -> None:
    assert find_dates_of_birth(text) == []


def test_private_emails_only() -> None:
    text = (
        "Contact jo.bloggs@gmail.com or Someone@Hotmail.co.uk; also a@btinternet.com. "
        "Work addresses are fine: john.williams@rotherham.gov.uk, x.y@nhs.net, "
        "a.b@leicspart.nhs.uk, Sarah.Brown@local.gov.uk, info@mencap.org.uk"
    )
    assert find_private_emails(text) == ["gmail.com", "hotmail.co.uk", "btinternet.com"]
    assert find_private_emails("someone@gmail.com.evil.example") == []


def test_items_name_the_question_and_field_without_echoing_the_data(tmp_path: Path) -> None:
    path = tmp_path / "p.stocktake"
    evidence = tmp_path / "Care plan 943 476 5919.pdf"
    evidence.write_bytes(b"x")
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("4.1", "Mr X (NHS 943 476 5919), DOB 01/02/1980, x@gmail.com")
        document.set_support_required("6.9", "Contact his mother at mum1960@yahoo.co.uk")
        document.set_narrative("1.1", "Nothing personal here: 01709 302839, a@rotherham.gov.uk")
        document.add_evidence("2.2", evidence)
        items = personal_data_items(document)
    assert [(item.ref, item.kind, item.severity) for item in items] == [
        ("2.2", "personal_data", Severity.WARNING),
        ("4.1", "personal_data", Severity.WARNING),
        ("6.9", "personal_data", Severity.WARNING),
    ]
    assert items[0].message.startswith("the evidence file name “Care plan 943 476 5919.pdf”")
    assert items[1].message == (
        "the assessment contains what looks like an NHS number (ending 5919), "
        "a date of birth (after “DOB”) and a personal email address (at gmail.com); "
        "please remove personal details before sending"
    )
    assert "943 476" not in items[1].message and "x@gmail" not in items[1].message
    assert items[2].message.startswith(
        "the support required contains what looks like a personal email address (at yahoo.co.uk)"
    )


def test_readiness_runs_the_scan_without_any_import(tmp_path: Path) -> None:
    path = tmp_path / "p.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("3.1", "NHS number 4010232137")
        found = [item for item in check_readiness(document) if item.kind == "personal_data"]
    assert [item.ref for item in found] == ["3.1"]
