"""Reading the question rows of a Word return as an area filled them in.

Real returns are messy, and each of these is handled:

- an answer that runs on over following rows after a page break (the first cell empty) is
  joined to its question: with a line break where the text before ends a sentence and the
  text after starts one, else with a space (the page broke mid-sentence);
- the template's header repeated at a page break, even split across two cells ("Winterbourne
  View Local Sto" | "cktake"), and the column headings row are dropped;
- a section heading sharing a cell with the section's first question is set aside;
- an answer that begins with its own question number ("2.2. Yes, ...") loses the number;
- when the text that ran on after a page break landed in the next question's cell, before that
  question's own number, it is given back to the question it continues (and said so);
- blank rows are skipped.

Everything else of the area's text is kept exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stocktake_desktop.imports.matching import Matcher, squash, squashed_together
from stocktake_desktop.imports.source import excerpt
from stocktake_desktop.imports.word_text import Block
from stocktake_desktop.template import Template

QUESTION, ANSWER, GOOD_PRACTICE, SUPPORT = range(4)
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'”’)\]]*\s*$")
_STARTS_SENTENCE = re.compile(r"^[\"'“‘(\[]*[A-Z0-9•\-–*]")
_NUMBERED = re.compile(r"^\s*\d{1,2} ?\. ?\d{1,2}(?!\d)")
#: A question number at the start of an answer: "2.2. ", "1.6 ", "3.1 - ".
_OWN_NUMBER = re.compile(r"\s*(\d{1,2}) ?\. ?(\d{1,2})(?!\d)\.?(?:\s*[:)\-–—](?=\s))?(?:\s+|$)")
#: A question number where a sentence or a line starts, inside a cell.
_NUMBER_INSIDE = re.compile(r"(?:(?<=[.!?])\s+|\n)(\d{1,2}) ?\. ?(\d{1,2})(?!\d)")
_EDITION = re.compile(
    r"(january|february|march|april|may|june|july|august|september|october|november|"
    r"december)?(19|20)\d\d"
)


@dataclass(slots=True)
class WordAnswer:
    """One question's cells as read so far (joined across continuation rows)."""

    ref: str
    narrative: str = ""
    good_practice: str = ""
    support_required: str = ""


@dataclass(slots=True)
class WordReading:
    answers: dict[str, WordAnswer] = field(default_factory=dict)
    unrecognised: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    completion_lines: list[str] = field(default_factory=list)
    numbered_rows: int = 0
    other_edition: str = ""


def join(before: str, after: str) -> str:
    """Two pieces of one text split by a page break, joined as the area wrote them."""
    if not before or not after:
        return before or after
    starts_new = _ENDS_SENTENCE.search(before) and _STARTS_SENTENCE.match(after)
    return before + ("\n" if starts_new else " ") + after


class RowReader:
    """Reads blocks in order; ``reading`` holds the result."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.matcher = Matcher(template)
        self.reading = WordReading()
        self._title = squashed_together(template.short_title)
        self._edition = squashed_together(template.edition)
        self._columns = {squash(text) for text in template.columns.values()}
        self._current: WordAnswer | None = None
        self._page_break = False
        self._pending: list[Block] = []
        self._last_number = 0

    def read(self, blocks: list[Block]) -> WordReading:
        for block in blocks:
            self._block(block)
        self.reading.completion_lines = [block.text for block in self._pending]
        return self.reading

    # ------------------------------------------------------------------ each block
    def _block(self, block: Block) -> None:
        if block.blank:
            return
        if self._is_header(block):
            self._page_break = bool(self.reading.answers)
            return
        if not self.reading.answers and not block.is_row:
            return  # the programme's introduction before the table
        first = block.cells[QUESTION].strip() if block.is_row else ""
        if block.is_row and not first:
            self._continuation(block)
            return
        text = first or block.text
        match = self.matcher.question(text, self._last_number) if block.is_row else None
        if match is not None:
            self._last_number = match.question.number
            self._question_row(block, match.question.ref)
            if match.by_text:
                self._note(f"{match.question.ref}: recognised by its wording {excerpt(text)}")
            if match.prefix and self.matcher.section(match.prefix) is None:
                self._note(
                    f"{match.question.ref}: text before its number left out: "
                    f"{excerpt(match.prefix)}"
                )
            if match.runs_on:
                self._note(
                    f"{match.question.ref}: its question cell holds more than the question, "
                    f"which is not imported: {excerpt(text)}"
                )
            return
        if block.is_row and _NUMBERED.match(text):
            self.reading.numbered_rows += 1
        self._current = None
        if self.matcher.section(text) is not None and not any(block.cells[1:]):
            return
        if self.reading.answers:
            self._pending.append(block)

    def _is_header(self, block: Block) -> bool:
        together = squashed_together("".join(block.cells))
        if together.startswith(self._title):
            rest = together[len(self._title) :]
            found = _EDITION.fullmatch(rest)
            if found and rest != self._edition and not self.reading.other_edition:
                self.reading.other_edition = " ".join(block.text.split())
            return True
        columns = {squash(cell) for cell in block.cells[1:]}
        return len(columns & self._columns) >= 2

    def _flush_pending(self) -> None:
        """Blocks set aside turn out to be inside the table: they matched no question."""
        for block in self._pending:
            self.reading.unrecognised.append(
                f"{excerpt(block.text)} is not a question of {self.template.display_name}, "
                "so it is not imported"
            )
        self._pending.clear()

    # ------------------------------------------------------------------ question rows
    def _question_row(self, block: Block, ref: str) -> None:
        self._flush_pending()
        cells = _padded(block.cells)
        narrative = strip_own_number(cells[ANSWER], ref)
        previous = self._current
        if previous is not None and self._page_break:
            narrative = self._give_back(previous, ref, cells[ANSWER], narrative)
        self._page_break = False
        answer = self.reading.answers.get(ref)
        if answer is not None:
            self._note(f"{ref}: its question is in the document twice; both rows' text is kept")
        else:
            answer = self.reading.answers.setdefault(ref, WordAnswer(ref))
        self._current = answer
        self._append(answer, narrative, cells[GOOD_PRACTICE], cells[SUPPORT])
        self._extra_cells(ref, block.cells)

    def _give_back(self, previous: WordAnswer, ref: str, cell: str, narrative: str) -> str:
        """Text before ``ref``'s own number that ends the previous answer: hand it back."""
        if narrative != cell.strip() or not previous.narrative:
            return narrative  # the cell starts with its own number: nothing ran on into it
        if _ENDS_SENTENCE.search(previous.narrative):
            return narrative
        found = next((f for f in _NUMBER_INSIDE.finditer(cell) if _is_ref(f, ref)), None)
        if found is None:
            return narrative
        previous.narrative = join(previous.narrative, cell[: found.start()].strip())
        self._note(
            f'{previous.ref}: the text at the start of {ref}\'s answer, before "{ref}", '
            f"continues {previous.ref}'s answer after the page break, so it is joined to it"
        )
        return strip_own_number(cell[found.start() :], ref)

    def _continuation(self, block: Block) -> None:
        if self._current is None:
            if self.reading.answers:
                self._pending.append(block)
            return
        self._flush_pending()
        cells = _padded(block.cells)
        self._append(self._current, cells[ANSWER], cells[GOOD_PRACTICE], cells[SUPPORT])
        self._extra_cells(self._current.ref, block.cells)
        self._page_break = False

    @staticmethod
    def _append(answer: WordAnswer, narrative: str, good_practice: str, support: str) -> None:
        answer.narrative = join(answer.narrative, narrative.strip())
        answer.good_practice = join(answer.good_practice, good_practice.strip())
        answer.support_required = join(answer.support_required, support.strip())

    def _extra_cells(self, ref: str, cells: tuple[str, ...]) -> None:
        for extra in cells[SUPPORT + 1 :]:
            if extra.strip():
                self.reading.unrecognised.append(
                    f"{ref}: a fifth column's text {excerpt(extra)} is not imported"
                )

    def _note(self, text: str) -> None:
        self.reading.notes.append(text)


def strip_own_number(text: str, ref: str) -> str:
    """``"2.2. Yes, there is"`` for 2.2 -> ``"Yes, there is"``; other text as it is."""
    found = _OWN_NUMBER.match(text)
    return (text[found.end() :] if found and _is_ref(found, ref) else text).strip()


def _is_ref(found: re.Match[str], ref: str) -> bool:
    return f"{int(found[1])}.{int(found[2])}" == ref


def _padded(cells: tuple[str, ...]) -> tuple[str, ...]:
    return (*cells, "", "", "", "")[: max(len(cells), SUPPORT + 1)]


def read_rows(blocks: list[Block], template: Template) -> WordReading:
    return RowReader(template).read(blocks)
