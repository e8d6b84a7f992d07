"""Reading and writing the answers: status codes, narrative, good practice, support required."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from stocktake_desktop.document.base import DocumentBase
from stocktake_desktop.document.errors import AnswerError
from stocktake_desktop.document.models import (
    Answer,
)
from stocktake_desktop.text import normalise_line, normalise_text

DescribeCodes = Callable[[Iterable[int]], str]


class AnswerEdits(DocumentBase):
    """The answers of a return (one row per question)."""

    def answer(self, ref: str) -> Answer:
        self._question(ref)
        row = self._conn.execute(
            "SELECT ref, codes, narrative, good_practice, good_practice_note, support_required "
            "FROM answer WHERE ref = ?",
            (ref,),
        ).fetchone()
        return _answer_from_row(row) if row else Answer(ref)

    def answers(self) -> dict[str, Answer]:
        rows = self._conn.execute(
            "SELECT ref, codes, narrative, good_practice, good_practice_note, support_required "
            "FROM answer"
        ).fetchall()
        stored = {row[0]: _answer_from_row(row) for row in rows}
        return {q.ref: stored.get(q.ref, Answer(q.ref)) for q in self.template.questions}

    def set_locality(self, locality: str) -> None:
        locality = normalise_line(locality)
        if not locality:
            raise AnswerError("The locality cannot be empty.")
        old = self.locality
        if old == locality:
            return
        with self._edit() as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'locality'", (locality,))
            self._log(conn, "", "locality", old, locality)

    def set_codes(self, ref: str, codes: Iterable[int]) -> None:
        question = self._question(ref)
        chosen = tuple(sorted(set(codes)))
        unknown = [c for c in chosen if c not in question.code_values()]
        if unknown:
            raise AnswerError(
                f"{ref}: code {', '.join(map(str, unknown))} is not in this question's list "
                f"({question.code_list_text()})."
            )
        if len(chosen) > 1 and not question.multiple:
            raise AnswerError(f"{ref}: only one status code can be chosen for this question.")
        self._set_answer_field(ref, "codes", json.dumps(chosen), question.coded_as_text)

    def set_narrative(self, ref: str, text: str) -> None:
        self._set_text(ref, "narrative", text)

    def set_good_practice_note(self, ref: str, text: str) -> None:
        self._set_text(ref, "good_practice_note", text)

    def set_support_required(self, ref: str, text: str) -> None:
        self._set_text(ref, "support_required", text)

    def set_good_practice(self, ref: str, flag: bool) -> None:
        self._question(ref)
        self._set_answer_field(ref, "good_practice", int(bool(flag)), None)

    def set_answer(self, answer: Answer) -> None:
        """Set every field of one answer (used by import), logging each field that changes."""
        self.set_codes(answer.ref, answer.codes)
        self.set_narrative(answer.ref, answer.narrative)
        self.set_good_practice(answer.ref, answer.good_practice)
        self.set_good_practice_note(answer.ref, answer.good_practice_note)
        self.set_support_required(answer.ref, answer.support_required)

    def _set_text(self, ref: str, field: str, text: str) -> None:
        self._question(ref)
        self._set_answer_field(ref, field, normalise_text(text), None)

    def _set_answer_field(
        self, ref: str, field: str, value: object, describe: DescribeCodes | None
    ) -> None:
        row = self._conn.execute(f"SELECT {field} FROM answer WHERE ref = ?", (ref,)).fetchone()
        old = row[0] if row else None
        if old == value:
            return
        with self._edit() as conn:
            conn.execute("INSERT OR IGNORE INTO answer(ref) VALUES (?)", (ref,))
            conn.execute(f"UPDATE answer SET {field} = ? WHERE ref = ?", (value, ref))
            self._log(
                conn, ref, field, _describe(field, old, describe), _describe(field, value, describe)
            )


def _answer_from_row(row: tuple) -> Answer:  # type: ignore[type-arg]
    return Answer(
        ref=row[0],
        codes=tuple(json.loads(row[1])),
        narrative=row[2],
        good_practice=bool(row[3]),
        good_practice_note=row[4],
        support_required=row[5],
    )


def _describe(field: str, value: object, describe: DescribeCodes | None) -> str:
    if value is None:
        return ""
    if field == "codes":
        return describe(json.loads(str(value))) if describe else str(value)
    if field == "good_practice":
        return "Yes" if value else "No"
    return str(value)
