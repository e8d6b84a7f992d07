"""Parse the seed documents the stocktake definition was taken from.

Seed 000 is the programme's analysis of one locality's return (Leicestershire): a table of
all 61 questions with their code lists, the coded answers and the locality's narrative.
Seed 001 is a completed return in the original Word template.  Tests use these to check the
shipped template and to build realistic returns.

Quirks of seed 000 handled here:

* rows 49-52 (7.1-8.1) have the coded value and the narrative merged in one column
  (``"3 Yes, the inpatient..."``);
* some rows are preceded by blank lines;
* section header rows are ``<b>..</b>``, ``<p><b>..</b></p>`` or plain text, with or
  without a dot after the number (``"9 Understanding..."``); section 1's title sits in the
  table's heading row (``"1.Models of partnership"``);
* multiple codes are written ``"5, 6, 7"``;
* code separators vary: ``"2 -Children Services"``, ``"7- Other providers"``, ``"3 Co-located"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[1] / "data" / "seeds"
ANALYSIS_SEED = SEEDS_DIR / "000_932d6753fc978652.txt"
RETURN_SEED = SEEDS_DIR / "001_e28bce80d62816da.txt"

_ROW = re.compile(r"^(?P<number>\d+)\t(?P<ref>\d+\.\d+) (?P<text>[^\t]*)\t(?P<rest>.*)$")
_SECTION = re.compile(r"^(?P<number>\d+)\.?\s*(?P<title>\S.*?)\s*$")
_TAGS = re.compile(r"</?[a-z]+>")
_CODED = re.compile(r"^(?P<codes>\d+(?:\s*,\s*\d+)*)(?:\s+(?P<narrative>.*))?$", re.DOTALL)
_SEPARATOR = re.compile(r"\s*-\s*|\s+")


@dataclass(frozen=True, slots=True)
class SeedQuestion:
    """One question row of seed 000, with the columns as the seed gives them."""

    number: int
    ref: str
    text: str
    code_list_raw: str
    coded_raw: str
    narrative: str

    @property
    def section_number(self) -> int:
        return int(self.ref.split(".")[0])

    @property
    def code_note(self) -> str:
        """Any note in front of the first code (only 1.2 has one)."""
        return parse_code_list(self.code_list_raw)[0]

    @property
    def codes_text(self) -> str:
        """The raw code list without the leading note."""
        note = self.code_note
        return self.code_list_raw[len(note) :].strip() if note else self.code_list_raw

    @property
    def codes(self) -> list[tuple[int, str]]:
        """``(value, label)`` pairs, labels stripped of the separator only."""
        return parse_code_list(self.code_list_raw)[1]

    @property
    def coded(self) -> list[int]:
        return parse_coded(self.coded_raw)


def parse_code_list(raw: str) -> tuple[str, list[tuple[int, str]]]:
    """Split ``"0 - No 1 - Yes 2 - Not clear"`` into its leading note and ``(value, label)``.

    Codes are numbered 0, 1, 2, ... in every list, so the next code is the next expected
    number standing as a word on its own; that keeps numbers inside labels safe.
    """
    starts: list[tuple[int, int, int]] = []  # (value, start of number, end of number)
    position = 0
    value = 0
    while True:
        match = re.compile(rf"(?:^|(?<=\s)){value}(?=[\s-])").search(raw, position)
        if match is None:
            break
        starts.append((value, match.start(), match.end()))
        position = match.end()
        value += 1
    if not starts:
        raise ValueError(f"no codes in {raw!r}")
    note = raw[: starts[0][1]].strip()
    codes: list[tuple[int, str]] = []
    for index, (code, _start, end) in enumerate(starts):
        stop = starts[index + 1][1] if index + 1 < len(starts) else len(raw)
        chunk = raw[end:stop]
        separator = _SEPARATOR.match(chunk)
        label = chunk[separator.end() :] if separator else chunk
        codes.append((code, label.strip()))
    return note, codes


def parse_coded(raw: str) -> list[int]:
    """``"5, 6, 7"`` -> ``[5, 6, 7]``; blank (no response) -> ``[]``."""
    raw = raw.strip()
    if not raw:
        return []
    return [int(part) for part in raw.split(",")]


def _table_lines() -> list[str]:
    lines = ANALYSIS_SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Q\t"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("----"))
    return lines[start:end]


@cache
def _parse() -> tuple[tuple[SeedQuestion, ...], tuple[tuple[int, str], ...]]:
    questions: list[SeedQuestion] = []
    sections: list[tuple[int, str]] = []
    for line in _table_lines():
        if not line.strip():
            continue
        if line.startswith("Q\t"):
            heading = line.split("\t")[1]
            sections.append(_section(heading))
            continue
        row = _ROW.match(line)
        if row is None:
            cells = [cell for cell in line.split("\t") if cell.strip()]
            if len(cells) != 1:
                raise ValueError(f"unexpected line in seed 000: {line[:80]!r}")
            sections.append(_section(cells[0]))
            continue
        cells = row["rest"].split("\t")
        if len(cells) == 3:
            code_list, coded, narrative = cells
        elif len(cells) == 2:  # rows 49-52: "3 Yes, the inpatient register..."
            code_list, merged = cells
            split = _CODED.match(merged.strip())
            if split is None:
                raise ValueError(f"cannot split coded value from {merged[:40]!r}")
            coded, narrative = split["codes"], split["narrative"] or ""
        else:
            raise ValueError(f"row {row['number']} has {len(cells)} cells after the question")
        questions.append(
            SeedQuestion(
                number=int(row["number"]),
                ref=row["ref"],
                text=row["text"].strip(),
                code_list_raw=code_list.strip(),
                coded_raw=coded.strip(),
                narrative=narrative.strip(),
            )
        )
    return tuple(questions), tuple(sections)


def _section(cell: str) -> tuple[int, str]:
    plain = _TAGS.sub("", cell).strip()
    match = _SECTION.match(plain)
    if match is None:
        raise ValueError(f"not a section heading: {cell!r}")
    return int(match["number"]), match["title"]


def seed_questions() -> list[SeedQuestion]:
    """The 61 question rows of seed 000, in order."""
    return list(_parse()[0])


def seed_sections() -> dict[int, str]:
    """Section number -> title, as the table in seed 000 gives them."""
    return dict(_parse()[1])


def seed_answers() -> dict[str, tuple[list[int], str]]:
    """Ref -> (coded values, narrative): Leicestershire's coded return."""
    return {q.ref: (q.coded, q.narrative) for q in seed_questions()}


def return_seed_lines() -> list[str]:
    """Seed 001 (the completed Word return) as lines, for verbatim checks."""
    return RETURN_SEED.read_text(encoding="utf-8").splitlines()
