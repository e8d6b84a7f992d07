"""The stocktake definition: sections, questions and code lists, loaded from JSON data files.

Each edition of the stocktake lives in ``resources/templates/<id>.json`` and is checked against
``stocktake-template.schema.json`` plus a few rules the schema cannot express
(:mod:`stocktake_desktop.template_checks`).  Everything in the file except each section's
``app_guidance`` is copied verbatim from the programme's own documents; ``app_guidance`` is
written by this app and must always be shown with :data:`APP_GUIDANCE_LABEL`.

This module finds, reads and builds templates; the data classes are in
:mod:`stocktake_desktop.template_model` and are imported from here. No Qt here: this module is
shared by the views, the exporters and the tests.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from stocktake_desktop.resource_files import templates_dir
from stocktake_desktop.template_checks import SCHEMA_FILENAME, SCHEMA_PATH, check_semantics
from stocktake_desktop.template_checks import validate_schema as _validate_schema  # tests wrap it
from stocktake_desktop.template_model import (
    APP_GUIDANCE_LABEL,
    Code,
    Field,
    Question,
    Section,
    Template,
    TemplateError,
)

__all__ = [
    "APP_GUIDANCE_LABEL",
    "SCHEMA_FILENAME",
    "SCHEMA_PATH",
    "TEMPLATES_DIR",
    "Code",
    "Field",
    "Question",
    "Section",
    "Template",
    "TemplateError",
    "available_templates",
    "content_hash",
    "default_template",
    "find_template",
    "load_template",
]

TEMPLATES_DIR: Path = templates_dir()


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
    digest = content_hash(data)
    key = f"{digest} {_schema_digest()}"
    if not _validated_before(key):
        _validate_schema(path, data)
    template = _build(path, data, digest)
    check_semantics(path, template)
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


def _build(path: Path, data: dict[str, Any], digest: str) -> Template:
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
        content_hash=digest,
        source=path,
    )


def _date(path: Path, data: Mapping[str, Any], key: str) -> date:
    try:
        return date.fromisoformat(data[key])
    except ValueError:
        raise TemplateError(path, key, f"{data[key]!r} is not a valid date") from None


def _field(raw: Mapping[str, Any]) -> Field:
    return Field(key=raw["key"], label=raw["label"], short_label=raw.get("short_label", ""))
