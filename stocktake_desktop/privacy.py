"""The personal-data scan: a return is about services, never about named people.

Finds what looks like an NHS number (ten digits, spaced 3-3-4 or not, passing the Modulus 11
check), a date of birth ("DOB 01/02/1980", "born on 3 March 1975", "date of birth: ...") or a
private person's email address (gmail, hotmail, btinternet...; work addresses at councils and
the NHS are fine). Each finding is a warning naming the question; it never echoes the data in
full. :func:`readiness.check_readiness` runs the scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.fields import FREE_TEXT_FIELDS
from stocktake_desktop.readiness import ReadinessItem, Severity

KIND = "personal_data"

_NHS_NUMBER = re.compile(r"(?<![\w/.-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w/]|[.-]\d)")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"  # 01/02/1980, 1.2.80, 01-02-1980
    r"|\d{4}-\d{1,2}-\d{1,2}"  # 1980-02-01
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{2,4}}"  # 3rd March 1975
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}"  # March 3, 1975
    rf"|{_MONTHS}\.?\s+\d{{4}})"  # March 1975
)
_DATE_OF_BIRTH = re.compile(
    r"\b(?P<cue>d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s*date|born(?:\s+(?:on|in))?)"
    rf"\s*(?:[:=-]|is|was)?\s*(?:the\s+)?{_DATE}",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+'-]+@(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?![\w-])", re.IGNORECASE
)
#: Email providers used by private individuals (an address there is someone's own).
PRIVATE_EMAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk", "outlook.com",
        "outlook.co.uk", "live.com", "live.co.uk", "msn.com", "yahoo.com", "yahoo.co.uk",
        "ymail.com", "rocketmail.com", "icloud.com", "me.com", "mac.com", "btinternet.com",
        "btopenworld.com", "aol.com", "aol.co.uk", "sky.com", "talktalk.net",
        "tiscali.co.uk", "virginmedia.com", "virgin.net", "blueyonder.co.uk", "ntlworld.com",
        "plus.com", "fsmail.net", "orange.net", "wanadoo.co.uk", "protonmail.com", "proton.me",
        "pm.me", "gmx.com", "gmx.co.uk", "mail.com", "zoho.com", "tutanota.com",
        "hotmail.fr", "yahoo.fr", "o2.co.uk", "lineone.net", "freeserve.co.uk",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of what looks like personal data, described without repeating it in full."""

    category: str
    shown_as: str


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS Modulus 11 check on a ten-digit string (spaces and hyphens ignored)."""
    digits = re.sub(r"[ -]", "", digits)
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def find_nhs_numbers(text: str) -> list[str]:
    """Every ten-digit run that passes the Modulus 11 check (not 0000000000 and the like)."""
    found = []
    for match in _NHS_NUMBER.finditer(text):
        digits = match[1] + match[3] + match[4]
        if len(set(digits)) > 1 and nhs_number_is_valid(digits):
            found.append(digits)
    return found


def find_dates_of_birth(text: str) -> list[str]:
    """The cue of each date of birth found ("DOB", "born on", ...)."""
    return [" ".join(match["cue"].split()) for match in _DATE_OF_BIRTH.finditer(text)]


def find_private_emails(text: str) -> list[str]:
    """The domain of each email address at a provider private individuals use."""
    found = []
    for match in _EMAIL.finditer(text):
        domain = match["domain"].lower()
        if domain in PRIVATE_EMAIL_DOMAINS:
            found.append(domain)
    return found


def scan_text(text: str) -> Iterator[Finding]:
    """What in ``text`` looks like personal data."""
    for digits in find_nhs_numbers(text):
        yield Finding("an NHS number", f"ending {digits[-4:]}")
    for cue in find_dates_of_birth(text):
        yield Finding("a date of birth", f"after “{cue}”")
    for domain in find_private_emails(text):
        yield Finding("a personal email address", f"at {domain}")


def personal_data_items(document: ReturnDocument) -> list[ReadinessItem]:
    """A warning per question and field where something looks like personal data."""
    items: list[ReadinessItem] = []
    answers = document.answers()
    names: dict[str, list[str]] = {}
    for link in document.evidence():
        names.setdefault(link.ref, []).append(link.file_name)
    for question in document.template.questions:
        answer = answers[question.ref]
        places = [(f.in_sentence, getattr(answer, f.key)) for f in FREE_TEXT_FIELDS]
        places += [
            (f"the evidence file name “{name}”", name) for name in names.get(question.ref, [])
        ]
        for label, text in places:
            findings = list(dict.fromkeys(scan_text(text))) if text else []
            if findings:
                items.append(
                    ReadinessItem(
                        question.ref,
                        KIND,
                        f"{label} contains what looks like {_describe(findings)}; "
                        "please remove personal details before sending",
                        Severity.WARNING,
                    )
                )
    return items


def _describe(findings: list[Finding]) -> str:
    parts = [f"{finding.category} ({finding.shown_as})" for finding in findings]
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
