"""The answers interchange JSON: ``dump`` writes it, ``import`` reads it (docs/interchange.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stocktake_desktop.document import Answer, ReturnDocument, ReturnError
from stocktake_desktop.template import TEMPLATES_DIR, Template

FORMAT = "stocktake-answers"
VERSION = 1
SCHEMA_PATH = TEMPLATES_DIR.parent / "schemas" / "stocktake-answers.schema.json"


class InterchangeError(ReturnError):
    """The file cannot be imported; ``problems`` lists every one, by ref and field."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        listing = "; ".join(problems)
        super().__init__(f"{source} cannot be imported ({len(problems)} problem(s)): {listing}")


@dataclass(frozen=True, slots=True)
class ImportResult:
    answers: int
    changes: int


def dump_return(document: ReturnDocument) -> dict[str, Any]:
    """Every question, completed-by and sign-off of a return, in interchange form."""
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
    }


def read_answers_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InterchangeError(path.name, [f"cannot be read: {error.strerror or error}"]) from error
    except UnicodeDecodeError as error:
        raise InterchangeError(path.name, ["is not UTF-8 text"]) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            path.name,
            [f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"],
        ) from error
    return data if isinstance(data, dict) else {"__not_an_object__": data}


def validate_answers(data: dict[str, Any], template: Template, base_dir: Path) -> list[str]:
    """Every problem with ``data`` for a return of ``template``; empty when it can be imported."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = [
        f"{_where(error.absolute_path)}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    ]
    if problems:
        return problems
    if data.get("template", template.id) != template.id:
        problems.append(
            f"template: the file is for {data['template']!r} but this return is {template.id!r}"
        )
    for ref, answer in data["answers"].items():
        if not template.has_question(ref):
            problems.append(f"{ref}: there is no question {ref} in {template.display_name}")
            continue
        question = template.question(ref)
        codes = answer.get("codes", [])
        outside = [c for c in codes if c not in question.code_values()]
        if outside:
            problems.append(
                f"{ref} codes: {', '.join(map(str, outside))} not in the list "
                f"({question.code_list_text()})"
            )
        if len(codes) > 1 and not question.multiple:
            problems.append(f"{ref} codes: only one code may be chosen")
        for item in answer.get("evidence", []):
            if not (base_dir / item).is_file():
                problems.append(f"{ref} evidence: file not found: {item}")
    for key in data.get("completed_by", {}):
        if key not in {f.key for f in template.completed_by_fields}:
            problems.append(f"completed_by.{key}: unknown field")
    for group in ("sign_off", "sign_off_dates"):
        for key in data.get(group, {}):
            if key not in {r.key for r in template.sign_off_roles}:
                problems.append(f"{group}.{key}: unknown sign-off role")
    return problems


def import_answers(
    document: ReturnDocument, data: dict[str, Any], base_dir: Path, source: str = "answers"
) -> ImportResult:
    """Apply an interchange file to a return: everything, or (on any problem) nothing."""
    problems = validate_answers(data, document.template, base_dir)
    if problems:
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
                    codes=tuple(given.get("codes", current.codes)),
                    narrative=given.get("narrative", current.narrative),
                    good_practice=given.get("good_practice", current.good_practice),
                    good_practice_note=given.get("good_practice_note", current.good_practice_note),
                    support_required=given.get("support_required", current.support_required),
                )
            )
            if "evidence" in given:
                _replace_evidence(document, ref, [base_dir / item for item in given["evidence"]])
        for key, value in data.get("completed_by", {}).items():
            document.set_completed_by(key, value)
        for role, name in data.get("sign_off", {}).items():
            document.set_sign_off(role, name=name)
        for role, date in data.get("sign_off_dates", {}).items():
            document.set_sign_off(role, date=date)
    return ImportResult(answers=len(data["answers"]), changes=len(document.change_log()) - before)


def _replace_evidence(document: ReturnDocument, ref: str, files: list[Path]) -> None:
    wanted = [str(path.absolute()) for path in files]
    for link in document.evidence(ref):
        if link.original_path not in wanted:
            document.remove_evidence(link.id)
    linked = {link.original_path for link in document.evidence(ref)}
    for path in files:
        if str(path.absolute()) not in linked:
            document.add_evidence(ref, path)
            linked.add(str(path.absolute()))


def _where(path: Any) -> str:
    parts = list(path)
    if len(parts) >= 2 and parts[0] == "answers":
        rest = ".".join(str(p) for p in parts[2:])
        return f"{parts[1]} {rest}".strip()
    return ".".join(str(p) for p in parts) or "file"
