"""The stocktake definition: sections, questions and code lists, loaded from JSON data files.

Each edition of the stocktake lives in ``resources/templates/<id>.json`` and is checked against
``stocktake-template.schema.json`` plus a few rules the schema cannot express.  Everything in
the file except each section's ``app_guidance`` is copied verbatim from the programme's own
documents; ``app_guidance`` is written by this app and must always be shown with
:data:`APP_GUIDANCE_LABEL`.

No Qt here: this module is shared by the views, the exporters and the tests.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stocktake_desktop.resource_files import templates_dir

if TYPE_CHECKING:  # pragma: no cover - typing only
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

TEMPLATES_DIR: Path = templates_dir()
SCHEMA_FILENAME = "stocktake-template.schema.json"
SCHEMA_PATH: Path = TEMPLATES_DIR / SCHEMA_FILENAME

#: How the app labels ``Section.app_guidance`` wherever it shows it.
APP_GUIDANCE_LABEL = "Stocktake Desktop guidance (not part of the official stocktake)"

_MESSAGE_LIMIT = 160


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


# --------------------------------------------------------------------------------------------
# Model


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


# --------------------------------------------------------------------------------------------
# Loading


def content_hash(data: Any) -> str:
    """``"sha256:<hex>"`` of the canonical JSON of ``data`` (independent of file formatting)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_template(path: Path) -> Template:
    """Read, validate and build the template in ``path``; any problem raises ``TemplateError``.

    Schema validation (the slow part of start-up) is skipped for content already validated
    against the same schema: see :func:`_validated_before`.
    """
    path = Path(path)
    data = _read_json(path)
    key = f"{content_hash(data)} {_schema_digest()}"
    if not _validated_before(key):
        _validate_schema(path, data)
    template = _build(path, data)
    _check_semantics(path, template)
    _remember_validated(key)
    return template


def available_templates(directory: Path = TEMPLATES_DIR) -> list[Template]:
    """Every template in ``directory`` (``*.json`` except ``*.schema.json``), oldest first."""
    return list(_load_directory(Path(directory)))


def find_template(template_id: str, directory: Path = TEMPLATES_DIR) -> Template:
    """The template with ``id == template_id``; ``KeyError`` if ``directory`` has none."""
    templates = _load_directory(Path(directory))
    for template in templates:
        if template.id == template_id:
            return template
    known = ", ".join(t.id for t in templates) or "none"
    raise KeyError(
        f"No stocktake template {template_id!r} in {directory} (available: {known}). "
        "The return may have been made with a newer version of Stocktake Desktop."
    )


def default_template() -> Template:
    """The newest available template (the one new returns are made from)."""
    templates = _load_directory(TEMPLATES_DIR)
    if not templates:
        raise TemplateError(TEMPLATES_DIR, "", "no stocktake templates found")
    return templates[-1]


@lru_cache(maxsize=8)
def _load_directory(directory: Path) -> tuple[Template, ...]:
    files = sorted(
        p for p in directory.glob("*.json") if p.is_file() and not p.name.endswith(".schema.json")
    )
    templates = [load_template(p) for p in files]
    seen: dict[str, Path] = {}
    for template in templates:
        if template.id in seen:
            raise TemplateError(
                template.source, "id", f"{template.id!r} is also used by {seen[template.id].name}"
            )
        seen[template.id] = template.source
    return tuple(sorted(templates, key=lambda t: (t.issued, t.id)))


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TemplateError(path, "", "file not found") from None
    except UnicodeDecodeError as exc:
        raise TemplateError(path, "", f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise TemplateError(path, "", f"cannot be read ({exc.strerror or exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(
            path, f"line {exc.lineno}, column {exc.colno}", f"invalid JSON ({exc.msg})"
        ) from None


def _validation_cache() -> Path:
    from stocktake_desktop import paths

    return paths.data_dir() / "validated-templates.txt"


@lru_cache(maxsize=1)
def _schema_digest() -> str:
    return hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest()


def _validated_before(key: str) -> bool:
    """Whether this exact content passed this exact schema before (a cache, never required)."""
    try:
        return key in _validation_cache().read_text(encoding="utf-8").splitlines()
    except OSError:
        return False


def _remember_validated(key: str) -> None:
    if _validated_before(key):
        return
    try:
        with _validation_cache().open("a", encoding="utf-8") as handle:
            handle.write(key + "\n")
    except OSError:
        pass  # only a cache: the next start validates again


@lru_cache(maxsize=1)
def _validator() -> Validator:
    from jsonschema import Draft202012Validator  # imported lazily: keeps start-up fast

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _validate_schema(path: Path, data: Any) -> None:
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


def _build(path: Path, data: dict[str, Any]) -> Template:
    sections = []
    for raw_section in data["sections"]:
        number = raw_section["number"]
        questions = []
        for raw in raw_section["questions"]:
            depends = raw.get("depends_on")
            questions.append(
                Question(
                    number=raw["number"],
                    ref=raw["ref"],
                    text=raw["text"],
                    section_number=number,
                    multiple=raw["select"] == "multiple",
                    code_note=raw["code_note"],
                    codes=tuple(Code(int(c["value"]), c["label"]) for c in raw["codes"]),
                    codes_text=raw["codes_text"],
                    depends_on=depends["ref"] if depends else None,
                    depends_note=depends["note"] if depends else "",
                )
            )
        sections.append(
            Section(
                number=number,
                title=raw_section["title"],
                app_guidance=raw_section["app_guidance"],
                questions=tuple(questions),
            )
        )
    completion = data["completion"]
    return Template(
        id=data["id"],
        title=data["title"],
        short_title=data["short_title"],
        edition=data["edition"],
        issued=_date(path, data, "issued"),
        deadline=_date(path, data, "deadline"),
        submission_inbox=data["submission_inbox"],
        email_subject=data["email_subject"],
        bundle_prefix=data["bundle_prefix"],
        columns=dict(data["columns"]),
        programme_guidance=tuple(data["programme_guidance"]),
        sections=tuple(sections),
        completed_by_fields=tuple(_field(f) for f in completion["completed_by"]),
        sign_off_roles=tuple(_field(f) for f in completion["sign_off"]),
        heading_completed_by=completion["heading_completed_by"],
        heading_sign_off=completion["heading_sign_off"],
        content_hash=content_hash(data),
        source=path,
    )


def _date(path: Path, data: Mapping[str, Any], key: str) -> date:
    try:
        return date.fromisoformat(data[key])
    except ValueError:
        raise TemplateError(path, key, f"{data[key]!r} is not a valid date") from None


def _field(raw: Mapping[str, Any]) -> Field:
    return Field(key=raw["key"], label=raw["label"], short_label=raw.get("short_label", ""))


def _check_semantics(path: Path, template: Template) -> None:
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
