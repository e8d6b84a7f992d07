"""The stocktake definition's data: a template's sections, questions, code lists and
completion fields (built by :mod:`stocktake_desktop.template` from the JSON data files)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: How the app labels ``Section.app_guidance`` wherever it shows it.
APP_GUIDANCE_LABEL = "Stocktake Desktop guidance (not part of the official stocktake)"


class TemplateError(Exception):
    """A stocktake template file is missing, unreadable or invalid.

    ``str(error)`` names the file and the offending field, e.g.
    ``"wv.json: sections[3].questions[2].codes[1].value: 'x' is not of type 'integer'"``.
    """

    def __init__(self, path: Path, field: str, message: str) -> None:
        self.path = Path(path)
        self.field = field
        self.message = message
        where = f"{self.path.name}: {field}" if field else self.path.name
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Code:
    """One entry of a question's code list."""

    value: int
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    """One stocktake question with its code list."""

    number: int
    ref: str
    text: str
    section_number: int
    multiple: bool
    code_note: str
    codes: tuple[Code, ...]
    codes_text: str
    depends_on: str | None = None
    depends_note: str = ""

    def label_for(self, value: int) -> str:
        """The label of code ``value``; ``KeyError`` if the list has no such code."""
        for code in self.codes:
            if code.value == value:
                return code.label
        raise KeyError(f"question {self.ref} has no code {value!r}")

    def code_values(self) -> frozenset[int]:
        return frozenset(code.value for code in self.codes)

    def code_list_text(self) -> str:
        """``"0 - No 1 - Yes 2 - Not clear"``, prefixed with the code note when there is one."""
        listed = " ".join(f"{code.value} - {code.label}" for code in self.codes)
        return f"{self.code_note} {listed}" if self.code_note else listed

    def coded_as_text(self, values: Iterable[int]) -> str:
        """Chosen codes as the programme writes them: ``"5, 6, 7"`` (ascending, no repeats)."""
        return ", ".join(str(value) for value in sorted(set(values)))


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered section of the stocktake and its questions."""

    number: int
    title: str
    app_guidance: str
    questions: tuple[Question, ...]

    @property
    def heading(self) -> str:
        """``"1. Models of partnership"``."""
        return f"{self.number}. {self.title}"


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled entry of the completion block (a 'completed by' field or a sign-off role)."""

    key: str
    label: str
    short_label: str = ""

    def __post_init__(self) -> None:
        if not self.short_label:
            object.__setattr__(self, "short_label", self.label)


@dataclass(frozen=True, slots=True)
class Template:
    """One edition of the stocktake, as loaded from its JSON file."""

    id: str
    title: str
    short_title: str
    edition: str
    issued: date
    deadline: date
    submission_inbox: str
    email_subject: str
    bundle_prefix: str
    columns: dict[str, str]
    programme_guidance: tuple[str, ...]
    sections: tuple[Section, ...]
    completed_by_fields: tuple[Field, ...]
    sign_off_roles: tuple[Field, ...]
    heading_completed_by: str
    heading_sign_off: str
    content_hash: str
    source: Path
    _questions: tuple[Question, ...] = field(init=False, repr=False, compare=False)
    _by_ref: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(
            sorted((q for s in self.sections for q in s.questions), key=lambda q: q.number)
        )
        object.__setattr__(self, "_questions", ordered)
        object.__setattr__(self, "_by_ref", {q.ref: q for q in ordered})

    def __hash__(self) -> int:
        return hash((self.id, self.content_hash))

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, ordered by number (1..61 for the 2013 stocktake)."""
        return self._questions

    def question(self, ref: str) -> Question:
        """The question with reference ``ref`` (e.g. ``"6.10"``); ``KeyError`` if none."""
        try:
            return self._by_ref[ref]
        except KeyError:
            raise KeyError(f"{self.display_name} has no question {ref!r}") from None

    def has_question(self, ref: str) -> bool:
        return ref in self._by_ref

    def section(self, number: int) -> Section:
        """Section ``number`` (counting from 1); ``KeyError`` if none."""
        for section in self.sections:
            if section.number == number:
                return section
        raise KeyError(f"{self.display_name} has no section {number!r}")

    @property
    def display_name(self) -> str:
        """``"Winterbourne View Local Stocktake, June 2013"``."""
        return f"{self.short_title}, {self.edition}"
