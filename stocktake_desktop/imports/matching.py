"""Recognising a question, a section heading or the template's header in a row's text.

Questions are recognised by their number and their text against the stocktake's own wording,
never by where the row is: a number whose text matches is enough; a row with no number (or a
wrong one) is recognised when its text matches one question clearly. Wording is compared
after folding case, punctuation and spacing, so "team?" matches the template's "team.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from stocktake_desktop.template import Question, Section, Template

#: How alike a numbered row's text must be to that question's text (0 to 1).
BY_NUMBER = 0.6
#: How alike an unnumbered row's text must be to one question's text.
BY_TEXT = 0.8
#: How many of a question's words an unnumbered row must share to be compared with it at all.
SHARED_WORDS = 0.6
#: How many numbers in one cell are tried as its question's number.
MAX_NUMBERS = 3
#: How many rows of one document are compared with every question's wording (a return has a
#: handful without a number; a hostile document's thousands are not each compared).
MAX_BY_TEXT = 200
_TIE = 0.02
_REF = re.compile(r"(?<![\d.])(\d{1,2}) ?\. ?(\d{1,2})(?![\d])\.?")
_NOT_WORD = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Words only, folded: ``"1. Models of partnership"`` -> ``"1 models of partnership"``."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def squashed_together(text: str) -> str:
    """Letters and digits only: a heading split across cells ("...Sto" + "cktake") joins up."""
    return _NOT_WORD.sub("", text.casefold())


def likeness(found: str, wanted: str, at_least: float = BY_NUMBER) -> float:
    """How alike two squashed texts are, from 0 to 1 (the start of ``found`` against all of
    ``wanted``, so text running on after a question does not count against it); 0 when they
    are clearly less alike than ``at_least``."""
    if not found or not wanted:
        return 0.0
    found = found[: int(len(wanted) * 1.15) + 5]
    matcher = SequenceMatcher(None, found, wanted, autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


@dataclass(frozen=True, slots=True)
class QuestionMatch:
    """A recognised question row: ``prefix`` is the text before its number (a section
    heading sharing the cell); ``by_text`` when its number was missing or wrong."""

    question: Question
    prefix: str
    by_text: bool
    runs_on: bool


class Matcher:
    """Recognises the rows of one stocktake edition."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self._questions = [(q, squash(q.text)) for q in template.questions]
        self._words = [frozenset(wanted.split()) for _q, wanted in self._questions]
        self._by_text_left = MAX_BY_TEXT
        self._sections = [(s, squash(s.heading), squash(s.title)) for s in template.sections]
        self._headings = {text for _s, *texts in self._sections for text in texts}

    def question(self, text: str, after_number: int = 0) -> QuestionMatch | None:
        """The question ``text`` (a row's first cell) asks, or None."""
        if squash(text) in self._headings:
            return None  # a section heading on its own
        for tried, found in enumerate(_REF.finditer(text)):
            if tried == MAX_NUMBERS:
                break
            ref = f"{int(found[1])}.{int(found[2])}"
            if not self.template.has_question(ref):
                continue
            question = self.template.question(ref)
            rest = squash(text[found.end() :])
            if likeness(rest, squash(question.text)) >= BY_NUMBER:
                prefix = text[: found.start()].strip()
                return QuestionMatch(question, prefix, False, _runs_on(rest, question))
        return self._by_text(text, after_number)

    def _by_text(self, text: str, after_number: int) -> QuestionMatch | None:
        if self._by_text_left <= 0:
            return None
        self._by_text_left -= 1
        cell = squash(_REF.sub(" ", text, count=1))
        words = set(cell.split())
        scored = [
            (likeness(cell, wanted, BY_TEXT), q)
            for (q, wanted), needed in zip(self._questions, self._words, strict=True)
            if len(words & needed) >= SHARED_WORDS * len(needed)
        ]
        best = max((score for score, _q in scored), default=0.0)
        if best < BY_TEXT:
            return None
        tied = [q for score, q in scored if score >= best - _TIE]
        later = [q for q in tied if q.number > after_number] or tied
        question = min(later, key=lambda q: q.number)
        return QuestionMatch(question, "", True, _runs_on(cell, question))

    def section(self, text: str) -> Section | None:
        """The section whose heading ``text`` is (with or without its number, a typo or two)."""
        found = squash(text)
        if not found:
            return None
        for section, heading, title in self._sections:
            if found in (heading, title):
                return section
        for section, heading, _title in self._sections:
            short = len(found) <= len(heading) * 1.3 + 5
            if short and likeness(found, heading, BY_TEXT) >= BY_TEXT:
                return section
        return None


def _runs_on(found: str, question: Question) -> bool:
    """Whether the cell holds clearly more than the question (an answer typed into it)."""
    wanted = len(squash(question.text))
    return len(found) > wanted + max(20, wanted * 0.15)
