"""A Word return in the programme's original template (.docx), read with python-docx.

The question rows of its table give each answer (second column), good practice (third: a
tick, with any text as the note) and support required (fourth); the block after the table
gives completed-by and sign-off. A Word return has no status codes, so codes are never
touched. What the document is not is refused in one sentence: not a Word document, no
question of this stocktake in it, or the header of another edition.
"""

from __future__ import annotations

from pathlib import Path

from stocktake_desktop.imports.errors import ImportRefusedError
from stocktake_desktop.imports.locality import word_locality
from stocktake_desktop.imports.sniff import check_package, shown_name
from stocktake_desktop.imports.source import ImportSource, SourceAnswer, SourceKind
from stocktake_desktop.imports.word_completion import read_completion
from stocktake_desktop.imports.word_rows import WordAnswer, WordReading, read_rows
from stocktake_desktop.imports.word_text import read_blocks
from stocktake_desktop.template import Template

NO_CODES_NOTE = (
    "A Word return has no status codes: every question's codes are left as they are, for you "
    "to choose."
)
_TICKS = frozenset("✓✔√☑☒✗✘xX")
_TICK_WORDS = frozenset({"yes", "y", "tick", "ticked"})
_NO_WORDS = frozenset({"no", "n", "none", "nil", "na", "n/a", "-", "–", "☐"})


def read_word(path: Path, template: Template) -> ImportSource:
    """The answers and completion block of the Word return at ``path``."""
    shown = shown_name(path)
    check_package(path, SourceKind.WORD)
    reading = read_rows(read_blocks(path, shown), template)
    _refuse_unless_a_return(reading, shown, template)
    completion = read_completion(reading.completion_lines, template)
    source = ImportSource(
        path=path,
        kind=SourceKind.WORD,
        description="a Word return",
        answers={ref: _answer(found) for ref, found in reading.answers.items()},
        completion=completion.values,
        unrecognised=reading.unrecognised,
        notes=[NO_CODES_NOTE, *reading.notes, *completion.notes],
        history_note=f"Imported from the Word return {path.name}",
    )
    locality, known_by = word_locality(source.answers.values(), source.completion)
    source.locality, source.locality_known_by = locality or None, known_by
    return source


def _refuse_unless_a_return(reading: WordReading, shown: str, template: Template) -> None:
    if reading.other_edition:
        raise ImportRefusedError(
            f"{shown} is a Word return of another edition ({reading.other_edition}); this "
            f"return is {template.display_name}."
        )
    found = len(reading.answers)
    if not found:
        raise ImportRefusedError(
            f"{shown} is a Word document, but not a stocktake return: none of its rows is a "
            f"question of {template.display_name}."
        )
    if reading.numbered_rows > found:
        raise ImportRefusedError(
            f"{shown} looks like another edition of the stocktake: only {found} of its "
            f"{found + reading.numbered_rows} numbered questions are questions of "
            f"{template.display_name}."
        )


def _answer(found: WordAnswer) -> SourceAnswer:
    ticked, note = good_practice(found.good_practice)
    return SourceAnswer(
        ref=found.ref,
        narrative=found.narrative or None,
        good_practice=True if ticked else None,
        good_practice_note=note or None,
        support_required=found.support_required or None,
    )


def good_practice(cell: str) -> tuple[bool, str]:
    """The good-practice column: (ticked, the note). A tick, "Yes" or any text ticks it, and
    text other than the tick is the note; blank, "No" or an empty box leaves it alone."""
    text = cell.strip()
    if not text or text.casefold() in _NO_WORDS:
        return False, ""
    first, _, rest = text.partition(" ")
    if first in _TICKS or first.casefold().rstrip(".,:;-") in _TICK_WORDS:
        return True, rest.strip(" -–:\n")
    if text[0] in _TICKS and not text[1:2].isalpha():
        return True, text[1:].strip(" -–:\n")
    return True, text
