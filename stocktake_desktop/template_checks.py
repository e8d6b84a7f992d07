"""Checking a template file: its JSON Schema (errors named by field, in a sentence) and the
rules the schema cannot express (numbering, references, repeated codes and keys)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stocktake_desktop.resource_files import templates_dir
from stocktake_desktop.template_model import Template, TemplateError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

SCHEMA_FILENAME = "stocktake-template.schema.json"
SCHEMA_PATH: Path = templates_dir() / SCHEMA_FILENAME

_MESSAGE_LIMIT = 160


@lru_cache(maxsize=1)
def _validator() -> Validator:
    from jsonschema import Draft202012Validator  # imported lazily: keeps start-up fast

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate_schema(path: Path, data: Any) -> None:
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is None:
        return
    field_path, message = _describe(error)
    raise TemplateError(path, field_path, message)


def _describe(error: ValidationError) -> tuple[str, str]:
    """A field path and a short message for a schema validation error."""
    parts: list[str | int] = list(error.absolute_path)
    instance = error.instance
    if error.validator == "required" and isinstance(instance, Mapping):
        match = re.match(r"^'(.+)' is a required property$", error.message)
        missing = [match[1]] if match else [k for k in error.validator_value if k not in instance]
        return _join([*parts, missing[0]]), "required field is missing"
    if error.validator == "additionalProperties" and isinstance(instance, Mapping):
        known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        extra = [k for k in instance if k not in known]
        if extra:
            return _join([*parts, extra[0]]), "unexpected field (not in the template schema)"
    if error.validator == "type":
        return _join(parts), f"{_short(instance)} is not of type {error.validator_value!r}"
    message = error.message
    if len(message) > _MESSAGE_LIMIT:
        message = message[: _MESSAGE_LIMIT - 1] + "…"
    return _join(parts), message


def _join(parts: Sequence[str | int]) -> str:
    """``["sections", 3, "title"]`` -> ``"sections[3].title"``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def check_semantics(path: Path, template: Template) -> None:
    """Rules the schema cannot express; the first broken one raises ``TemplateError``."""

    def fail(field_path: str, message: str) -> None:
        raise TemplateError(path, field_path, message)

    expected_number = 1
    seen_refs: dict[str, str] = {}
    for s_index, section in enumerate(template.sections):
        where = f"sections[{s_index}]"
        if section.number != s_index + 1:
            fail(
                f"{where}.number",
                f"is {section.number}, expected {s_index + 1} (sections are numbered from 1)",
            )
        for q_index, question in enumerate(section.questions):
            q_where = f"{where}.questions[{q_index}]"
            if question.number != expected_number:
                fail(
                    f"{q_where}.number",
                    f"is {question.number}, expected {expected_number} "
                    "(questions are numbered consecutively from 1)",
                )
            expected_number += 1
            if question.ref in seen_refs:
                fail(
                    f"{q_where}.ref",
                    f"{question.ref!r} is already used at {seen_refs[question.ref]}",
                )
            if question.depends_on is not None and question.depends_on not in seen_refs:
                fail(
                    f"{q_where}.depends_on.ref",
                    f"{question.depends_on!r} is not an earlier question",
                )
            seen_refs[question.ref] = q_where
            expected_ref = f"{section.number}.{q_index + 1}"
            if question.ref != expected_ref:
                fail(f"{q_where}.ref", f"is {question.ref!r}, expected {expected_ref!r}")
            values: set[int] = set()
            labels: set[str] = set()
            for c_index, code in enumerate(question.codes):
                if code.value in values:
                    fail(f"{q_where}.codes[{c_index}].value", f"code {code.value} appears twice")
                if code.label in labels:
                    fail(f"{q_where}.codes[{c_index}].label", f"label {code.label!r} appears twice")
                values.add(code.value)
                labels.add(code.label)
    for group, fields in (
        ("completion.completed_by", template.completed_by_fields),
        ("completion.sign_off", template.sign_off_roles),
    ):
        keys: set[str] = set()
        for index, item in enumerate(fields):
            if item.key in keys:
                fail(f"{group}[{index}].key", f"{item.key!r} appears twice")
            keys.add(item.key)
