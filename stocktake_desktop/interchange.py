"""The answers interchange JSON: ``dump`` writes it, ``import`` reads it (docs/interchange.md)."""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from stocktake_desktop.counting import how_many
from stocktake_desktop.document import Answer, ReturnDocument, ReturnError
from stocktake_desktop.document.evidence import attachable_problem
from stocktake_desktop.interchange_meetings import (
    apply_meetings,
    dump_meetings,
    meeting_problems,
)
from stocktake_desktop.interchange_read import (
    SCHEMA_PATH,
    AnswersFileError,
    key_text,
    one_line,
    read_json,
    shown,
    structure_problems,
)
from stocktake_desktop.template import Template
from stocktake_desktop.text import normalise_line

FORMAT = "stocktake-answers"
VERSION = 2  # import reads 1 too (the same without meetings, agreement and actions)
MAX_LISTED = 20
_log = logging.getLogger(__name__)

__all__ = ["SCHEMA_PATH", "InterchangeError", "dump_return", "import_answers", "read_answers_file"]


class InterchangeError(ReturnError):
    """The file cannot be imported; ``problems`` lists every one, by ref and field."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = [one_line(problem) for problem in problems]
        listing = "; ".join(self.problems[:MAX_LISTED])
        if len(problems) > MAX_LISTED:
            listing += f"; and {len(problems) - MAX_LISTED} more"
        super().__init__(
            f"{one_line(source, 120)} cannot be imported ({how_many(len(problems), 'problem')}): "
            f"{listing}"
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    answers: int
    changes: int


def dump_return(document: ReturnDocument) -> dict[str, Any]:
    """Every question, completed-by and sign-off of a return, its meetings, agreement and
    actions, in interchange form (version 2)."""
    evidence: dict[str, list[str]] = {}
    for link in document.evidence():
        evidence.setdefault(link.ref, []).append(link.original_path)
    sign_off = document.sign_off()
    return {
        "format": FORMAT,
        "version": VERSION,
        "template": document.template.id,
        "locality": document.locality,
        "answers": {
            ref: {
                "codes": list(answer.codes),
                "narrative": answer.narrative,
                "good_practice": answer.good_practice,
                "good_practice_note": answer.good_practice_note,
                "evidence": evidence.get(ref, []),
                "support_required": answer.support_required,
            }
            for ref, answer in document.answers().items()
        },
        "completed_by": document.completed_by(),
        "sign_off": {role: name for role, (name, _date) in sign_off.items()},
        "sign_off_dates": {role: date for role, (_name, date) in sign_off.items()},
        **dump_meetings(document),
    }


def read_answers_file(path: Path) -> dict[str, Any]:
    """The answers in ``path``, checked against the documented shape (not yet a template).

    Raises InterchangeError, every problem on one line, for anything else: not UTF-8, not
    JSON, over 50 MB, nested too deeply, numbers of thousands of digits, fields of the wrong type.
    """
    try:
        data = read_json(path)
    except AnswersFileError as error:
        raise InterchangeError(path.name, [str(error)]) from error
    problems = structure_problems(data)
    if problems:
        raise InterchangeError(path.name, problems)
    return cast(dict[str, Any], data)


def validate_answers(
    data: dict[str, Any], template: Template, base_dir: Path, *, allow_outside: bool = False
) -> list[str]:
    """Every problem with ``data`` for a return of ``template``; empty when it can be imported.

    Evidence paths must name ordinary files inside ``base_dir`` (the answers file's folder)
    unless ``allow_outside``.
    """
    problems = structure_problems(data)
    if problems:
        return problems
    if data.get("template", template.id) != template.id:
        problems.append(
            f"template: the file is for {shown(data['template'])} but this return is "
            f"{template.id!r}"
        )
    locality = data.get("locality")
    if locality and not normalise_line(locality):
        problems.append("locality: should not be empty")
    for ref, answer in data["answers"].items():
        if not template.has_question(ref):
            problems.append(
                f"{key_text(ref)}: there is no question {key_text(ref)} in {template.display_name}"
            )
            continue
        question = template.question(ref)
        codes = _codes(answer)
        outside = [c for c in codes if c not in question.code_values()]
        if outside:
            problems.append(
                f"{ref} codes: {', '.join(map(shown, outside))} not in the list "
                f"({question.code_list_text()})"
            )
        if len(codes) > 1 and not question.multiple:
            problems.append(f"{ref} codes: only one code may be chosen")
        for item in answer.get("evidence", []):
            problem = _evidence_problem(item, base_dir, allow_outside)
            if problem:
                problems.append(f"{ref} evidence: {problem}")
    for key in data.get("completed_by", {}):
        if key not in {f.key for f in template.completed_by_fields}:
            problems.append(f"completed_by.{key_text(key)}: unknown field")
    for group in ("sign_off", "sign_off_dates"):
        for key in data.get(group, {}):
            if key not in {r.key for r in template.sign_off_roles}:
                problems.append(f"{group}.{key_text(key)}: unknown sign-off role")
    for key, date in data.get("sign_off_dates", {}).items():
        if date.strip() and not _is_date(date.strip()):
            problems.append(f"sign_off_dates.{key_text(key)}: {shown(date)} is not a real date")
    problems.extend(meeting_problems(data, template))
    return problems


def import_answers(
    document: ReturnDocument,
    data: dict[str, Any],
    base_dir: Path,
    source: str = "answers",
    *,
    allow_outside: bool = False,
    link_only: bool = False,
) -> ImportResult:
    """Apply an interchange file to a return: everything, or (on any problem) nothing.
    Evidence files are copied into the return unless ``link_only``."""
    problems = validate_answers(data, document.template, base_dir, allow_outside=allow_outside)
    if problems:
        _log.info(
            "Import of %s into %s refused: %s",
            source,
            document.path,
            how_many(len(problems), "problem"),
        )
        raise InterchangeError(source, problems)
    before = len(document.change_log())
    with document.batch():
        if data.get("locality"):
            document.set_locality(data["locality"])
        for ref, given in data["answers"].items():
            current = document.answer(ref)
            document.set_answer(
                Answer(
                    ref=ref,
                    codes=tuple(_codes(given)) if "codes" in given else current.codes,
                    narrative=given.get("narrative", current.narrative),
                    good_practice=given.get("good_practice", current.good_practice),
                    good_practice_note=given.get("good_practice_note", current.good_practice_note),
                    support_required=given.get("support_required", current.support_required),
                )
            )
            if "evidence" in given:
                # abspath, not resolve: ".." is tidied, but a link is recorded as the link
                files = [Path(os.path.abspath(base_dir / i)) for i in given["evidence"]]  # noqa: PTH100
                _replace_evidence(document, ref, files, link_only=link_only)
        for key, value in data.get("completed_by", {}).items():
            document.set_completed_by(key, value)
        for role, name in data.get("sign_off", {}).items():
            document.set_sign_off(role, name=name)
        for role, date in data.get("sign_off_dates", {}).items():
            document.set_sign_off(role, date=date)
        apply_meetings(document, data)
    result = ImportResult(answers=len(data["answers"]), changes=len(document.change_log()) - before)
    _log.info(
        "Imported %s into %s: %s, %s, evidence %s",
        source,
        document.path,
        how_many(result.answers, "answer"),
        how_many(result.changes, "change"),
        "linked" if link_only else "kept in the return",
    )
    return result


def _codes(answer: dict[str, Any]) -> list[int]:
    """The answer's codes, a whole number written as ``3.0`` taken as 3 (the schema allows it)."""
    return [int(code) for code in answer.get("codes", [])]


def _is_date(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def _evidence_problem(item: str, base_dir: Path, allow_outside: bool) -> str:
    """Why the evidence path ``item`` cannot be attached, or ""."""
    path = base_dir / item
    problem = attachable_problem(path)
    with contextlib.suppress(OSError, ValueError):
        if problem.startswith("cannot read") and not path.exists():
            return f"file not found: {one_line(item, 120)}"
    if problem:
        return problem
    if not allow_outside:
        try:
            inside = path.resolve().is_relative_to(base_dir.resolve())
        except (OSError, RuntimeError, ValueError):
            inside = False
        if not inside:
            return (
                f"{one_line(item, 120)} is outside the answers file's folder "
                "(import with --allow-outside to attach it)"
            )
    return ""


def _replace_evidence(
    document: ReturnDocument, ref: str, files: list[Path], *, link_only: bool
) -> None:
    wanted = [str(path.absolute()) for path in files]
    for link in document.evidence(ref):
        if link.original_path not in wanted:
            document.remove_evidence(link.id)
    linked = {link.original_path for link in document.evidence(ref)}
    for path in files:
        if str(path.absolute()) not in linked:
            document.add_evidence(ref, path, embed=not link_only)
            linked.add(str(path.absolute()))
