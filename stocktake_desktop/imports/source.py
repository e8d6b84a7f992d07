"""What a source holds, in one shape whatever it was read from (Word, workbook, return, JSON).

A value of ``None`` means the source does not hold that field, so an import leaves it alone;
only what a source really holds is ever written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from stocktake_desktop import fields
from stocktake_desktop.interchange_read import one_line


class SourceKind(StrEnum):
    INTERCHANGE = "answers file"
    WORD = "Word return"
    WORKBOOK = "workbook"
    RETURN = "return"


SHOWN = 60

#: The fields of an answer a source can hold, in the order they are shown.
ANSWER_FIELDS = tuple(item.key for item in fields.ANSWER_FIELDS)


@dataclass(frozen=True, slots=True)
class SourceEvidence:
    """An evidence file a source carries: its bytes when kept in the source, else a link."""

    file_name: str
    original_path: str
    size: int
    sha256: str
    modified: str
    embedded: bool
    read_content: Callable[[], bytes | None] = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class SourceAnswer:
    """One question's answer as the source gives it (``None``: not held)."""

    ref: str
    codes: tuple[int, ...] | None = None
    narrative: str | None = None
    good_practice: bool | None = None
    good_practice_note: str | None = None
    support_required: str | None = None
    evidence: tuple[SourceEvidence, ...] = ()
    evidence_files: tuple[str, ...] | None = None  # an answers file's list (paths on disk)

    def value(self, name: str) -> object:
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to treat an answers file's evidence (the interchange JSON only)."""

    allow_outside: bool = False
    link_evidence: bool = False


@dataclass(slots=True)
class ImportSource:
    """A source read and recognised against a stocktake edition, ready to plan an import.

    ``completion`` uses the return's keys (``completed_by.name``, ``sign_off.ccg_rep.date``);
    ``unrecognised`` says what in the source matched no question (nothing of it is imported);
    ``notes`` are what the user should know (a Word return has no status codes, ...);
    ``locality`` is whose return it is, when the source says (``imports/locality.py``).
    Close it (or use ``with``) to let go of what it holds open.
    """

    path: Path
    kind: SourceKind
    description: str
    answers: dict[str, SourceAnswer] = field(default_factory=dict)
    completion: dict[str, str] = field(default_factory=dict)
    locality: str | None = None
    locality_known_by: str = ""  # a Word return's: the council address it was told by
    unrecognised: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    history_note: str = ""
    interchange: dict[str, Any] | None = None
    extra: tuple[str, ...] = ()  # what a newer answers file gives beyond what a plan shows
    options: ImportOptions = field(default_factory=ImportOptions)
    closers: list[Callable[[], None]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    def close(self) -> None:
        while self.closers:
            self.closers.pop()()

    def __enter__(self) -> ImportSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def excerpt(text: str) -> str:
    """A source's text quoted in a message: on one line, cut at about 60 characters."""
    flat = " ".join(text.split())
    return '"' + one_line(flat if len(flat) <= SHOWN else flat[: SHOWN - 1] + "…") + '"'
