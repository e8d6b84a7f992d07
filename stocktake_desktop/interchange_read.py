"""Reading an answers file that may be hostile: a bounded read, strict JSON, one-line problems.

Whatever the file holds (numbers of thousands of digits, deep nesting, keys with line breaks,
NaN, duplicate keys, a device instead of a file), the result is either plain JSON values or a
short sentence saying what is wrong, by question and field.
"""

from __future__ import annotations

import functools
import json
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from stocktake_desktop.resource_files import schemas_dir

SCHEMA_PATH = schemas_dir() / "stocktake-answers.schema.json"
_MB = 1024 * 1024
MAX_BYTES = 50 * _MB
MAX_DEPTH = 16  # the format itself needs 5
MAX_DIGITS = 30
MAX_SHOWN = 40
#: What version 2 of the format adds to version 1.
V2_KEYS = ("meetings", "agreement", "actions")
_NOUNS = {
    "array": "a list",
    "string": "text",
    "boolean": "true or false",
    "object": "an object",
    "integer": "a whole number",
}


class AnswersFileError(ValueError):
    """The file cannot be read as JSON at all; ``str()`` is the sentence to show."""


class Unusable:
    """A JSON value kept only to be reported: a number of thousands of digits, NaN, Infinity."""

    __slots__ = ("description",)

    def __init__(self, description: str) -> None:
        self.description = description

    def __repr__(self) -> str:
        return self.description


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line: control, format and separator characters escaped, cut at ``limit``."""
    out = "".join(
        ascii(ch)[1:-1] if unicodedata.category(ch)[0] == "C" or ch in "\u2028\u2029" else ch
        for ch in text[: limit + 1]
    )
    return out if len(out) <= limit else out[: limit - 1] + "…"


def shown(value: object) -> str:
    """A short, one-line rendering of a JSON value for a message."""
    if isinstance(value, str):
        cut = value[:MAX_SHOWN] + ("…" if len(value) > MAX_SHOWN else "")
        return one_line(json.dumps(cut, ensure_ascii=False))
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        digits = len(str(abs(value)))
        return str(value) if digits <= 20 else f"a number of {digits} digits"
    if isinstance(value, float | Unusable):
        return repr(value)
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def key_text(key: object) -> str:
    """A ref or field name as written, or quoted and escaped when it is not a plain name."""
    text = str(key)
    plain = text.isascii() and text.replace(".", "").replace("_", "").isalnum()
    return text if plain and len(text) <= MAX_SHOWN else shown(text)


def read_json(path: Path) -> Any:
    """The JSON value in ``path``; raises AnswersFileError with one sentence when there is none."""
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):
            raise AnswersFileError("is not an ordinary file")
        if found.st_size > MAX_BYTES:
            raise AnswersFileError(_too_big())
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise AnswersFileError(f"cannot be read: {error.strerror or error}") from error
    if len(raw) > MAX_BYTES:
        raise AnswersFileError(_too_big())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnswersFileError(
            f"is not UTF-8 text (byte {error.start + 1} is not valid)"
        ) from error
    try:
        return json.loads(
            text,
            parse_int=_integer,
            parse_constant=lambda name: Unusable(name),
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as error:
        raise AnswersFileError(
            f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    except RecursionError as error:
        raise AnswersFileError(
            f"nests lists or objects too deeply (the limit is {MAX_DEPTH})"
        ) from error


def _too_big() -> str:
    limit = f"{MAX_BYTES // _MB} MB" if MAX_BYTES >= _MB else f"{MAX_BYTES} bytes"
    return f"is larger than {limit}, far more than any return's answers"


def _integer(text: str) -> int | Unusable:
    digits = len(text.lstrip("-"))
    return int(text) if digits <= MAX_DIGITS else Unusable(f"a number of {digits} digits")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise AnswersFileError(f"gives the key {shown(key)} twice in one object")
        result[key] = value
    return result


def depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                break
            children: Iterable[Any] = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


@functools.cache
def _validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def structure_problems(data: Any) -> list[str]:
    """Every way ``data`` is not the documented shape, one short line each, by ref and field."""
    if not isinstance(data, dict):
        return [f"file: should be an object ({{...}}), not {shown(data)}"]
    if depth(data) > MAX_DEPTH:
        return [f"file: nests lists or objects too deeply (the limit is {MAX_DEPTH})"]
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.path])
    problems = list(dict.fromkeys(_message(error) for error in errors))
    if data.get("version") == 1:
        problems += [f"{key}: only in version 2 of the format" for key in V2_KEYS if key in data]
    return problems


def _message(error: Any) -> str:
    path = list(error.absolute_path)
    if path and isinstance(path[-1], int) and path[0] == "answers":
        path.pop()  # "1.1 codes", not "1.1 codes[0]" (but "meetings[0]" names a meeting)
    where = place(path)
    kind, instance = error.validator, error.instance
    if "propertyNames" in error.relative_schema_path:
        return f'{where}: {shown(instance)} is not a question number (like "1.1")'
    if kind == "type":
        noun = _NOUNS.get(error.validator_value, "something else")
        return f"{where}: should be {noun}, not {shown(instance)}"
    if kind == "const":
        return f"{where}: should be {shown(error.validator_value)}, not {shown(instance)}"
    if kind == "enum":
        allowed = [shown(value) for value in error.validator_value]
        listed = " or ".join(allowed) if len(allowed) <= 2 else f"one of {', '.join(allowed)}"
        return f"{where}: should be {listed}, not {shown(instance)}"
    if kind == "required":
        missing = [k for k in error.validator_value if k not in instance]
        return f"{where}: {', '.join(map(shown, missing))} missing"
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = [k for k in instance if k not in known]
        names = ", ".join(key_text(k) for k in extra[:5]) + (" …" if len(extra) > 5 else "")
        return f"{where}: unknown field{'s' if len(extra) != 1 else ''} {names}"
    if kind == "uniqueItems":
        return f"{where}: a code is given twice"
    if kind == "minLength":
        return f"{where}: should not be empty"
    if kind == "pattern":
        return f"{where}: {shown(instance)} is not {_PATTERNS.get(error.validator_value, _DATE)}"
    return f"{where}: {one_line(error.message, 120)}"


_DATE = "a date (yyyy-mm-dd)"
#: What each pattern of the schema that is not a date stands for, in a message.
_PATTERNS = {
    "^m[0-9]{1,9}$": 'a meeting id (like "m1")',
    "^a[0-9]{1,9}$": 'an action id (like "a1")',
    "^[0-9]+\\.[0-9]+$": 'a question number (like "1.1")',
}


def place(path: list[Any]) -> str:
    """Where in the file: "1.1 codes" for an answer's field, "completed_by.name" otherwise
    ("meetings[0].title" for an item of a list, counted from 0 as in JSON)."""
    parts: list[str] = []
    for p in path:
        if isinstance(p, int) and parts:
            parts[-1] += f"[{p}]"
        else:
            parts.append(key_text(p))
    if len(parts) >= 2 and parts[0] == "answers":
        return " ".join([parts[1], ".".join(parts[2:])]).strip()
    return ".".join(parts) or "file"
