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
        self._sections = [(s, squash(s.heading), squash(s.title)) for s in template.sections]
        self._headings = {text for _s, *texts in self._sections for text in texts}

    def question(self, text: str, after_number: int = 0) -> QuestionMatch | None:
        """The question ``text`` (a row's first cell) asks, or None."""
        if squash(text) in self._headings:
            return None  # a section heading on its own
        for found in _REF.finditer(text):
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
        cell = squash(_REF.sub(" ", text, count=1))
        scored = [(likeness(cell, wanted, BY_TEXT), q) for q, wanted in self._questions]
        best = max((score for score, _q in scored), default=0.0)
        if best < BY_TEXT:
            return None
        tied = [q for score, q in scored if score >= best - _TIE]
        later = [q for q in tied if q.number > after_number] or tied
        question = min(later, key=lambda q: q.number)
        return QuestionMatch(question, "", True, _runs_on(cell, question))

    def section(self, text: str) -> Section | None:
        """The section whose heading ``text`` is (with or without its number)."""
        found = squash(text)
        if not found:
            return None
        for section, heading, title in self._sections:
            if found in (heading, title):
                return section
        best = max(self._sections, key=lambda s: SequenceMatcher(None, found, s[1]).ratio())
        return best[0] if SequenceMatcher(None, found, best[1]).ratio() >= BY_TEXT else None


def _runs_on(found: str, question: Question) -> bool:
    """Whether the cell holds clearly more than the question (an answer typed into it)."""
    return len(found) > len(squash(question.text)) * 1.3 + 20
