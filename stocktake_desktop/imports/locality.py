"""Whose return a source is, and the note when it is another locality's than the return being
imported into (the import goes ahead; the return's locality stays as it is).

A workbook or another return names its locality. A Word return in the programme's template
does not, so it is recognised by its contact's council address ("…@rotherham.gov.uk"), when
the place the address names is written in the return itself ("Rotherham"), and only called
another locality's when it never names the return's own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from stocktake_desktop.imports.source import ImportSource, SourceAnswer, SourceKind

_COUNCIL_ADDRESS = re.compile(r"[\w.+'-]+@(?:[\w-]+\.)*?([a-z][\w-]*)\.gov\.uk\b", re.IGNORECASE)
#: Addresses of the programme and national bodies, which say nothing of the locality.
_NATIONAL = frozenset({"local", "lga", "dh", "cqc", "gov", "nhs", "england", "education"})
_WORD = re.compile(r"\w+")
_ADDRESS = re.compile(r"\S+@\S+")


def word_locality(answers: Iterable[SourceAnswer], completion: dict[str, str]) -> tuple[str, str]:
    """A Word return's locality as it writes it, and the address it is known by ("Rotherham",
    "rotherham.gov.uk"); ("", "") when its contact gives no council address whose place the
    return names."""
    texts = _texts(answers, completion)
    for key in sorted(completion, key=lambda k: k != "completed_by.contact"):
        for found in _COUNCIL_ADDRESS.finditer(completion[key]):
            place = found[1]
            if place.casefold() in _NATIONAL:
                continue
            spellings = Counter(
                match[0]
                for text in texts
                for match in re.finditer(rf"\b{re.escape(place)}\b", text, re.IGNORECASE)
            )
            if spellings:
                return spellings.most_common(1)[0][0], f"{place.casefold()}.gov.uk"
    return "", ""


def locality_note(source: ImportSource, target: str) -> str:
    """The note when ``source`` is another locality's return than ``target``'s, else ""."""
    other = source.locality or ""
    if not other or source.kind is SourceKind.INTERCHANGE or same_locality(other, target):
        return ""
    how = ""
    if source.locality_known_by:
        texts = _texts(source.answers.values(), source.completion)
        if any(re.search(rf"\b{re.escape(target)}\b", text, re.IGNORECASE) for text in texts):
            return ""  # it names the return's own locality: perhaps a shared service's return
        how = f" (its contact is at {source.locality_known_by} and it never names {target})"
    return (
        f"This is {other}'s return{how}; you are importing into {target}'s. The locality "
        f"stays {target}."
    )


def same_locality(one: str, other: str) -> bool:
    """Whether two names are one locality's ("Rotherham", "Rotherham MBC"): the words of one
    are all among the other's."""
    first, second = (set(_WORD.findall(name.casefold())) for name in (one, other))
    return bool(first and second) and (first <= second or second <= first)


def _texts(answers: Iterable[SourceAnswer], completion: dict[str, str]) -> list[str]:
    """What the source writes, email addresses left out (a place must be written as a word)."""
    found = [
        text
        for answer in answers
        for text in (answer.narrative, answer.good_practice_note, answer.support_required)
        if text
    ]
    return [_ADDRESS.sub(" ", text) for text in (*found, *completion.values())]  # not addresses
