"""The interchange JSON (docs/interchange.md) as a source: read and checked by the
interchange modules, applied by them too, so an import of an answers file does exactly what
it always has; this module only turns it into the shape a plan is made from."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from stocktake_desktop.counting import how_many
from stocktake_desktop.imports.source import ImportOptions, ImportSource, SourceAnswer, SourceKind
from stocktake_desktop.template import Template

#: What version 1 of the format holds; anything else a newer version adds is applied as given.
KNOWN_KEYS = frozenset(
    {"format", "version", "template", "locality", "answers", "completed_by", "sign_off"}
    | {"sign_off_dates"}
)
_log = logging.getLogger(__name__)


def read_interchange(path: Path, options: ImportOptions) -> ImportSource:
    """The answers file at ``path``; InterchangeError (every problem) when it is not one."""
    from stocktake_desktop.interchange import read_answers_file

    data = read_answers_file(path)
    folder = path.resolve().parent
    answers = {ref: _answer(ref, given, folder) for ref, given in data["answers"].items()}
    completion = {f"completed_by.{k}": v for k, v in data.get("completed_by", {}).items()}
    completion |= {f"sign_off.{k}.name": v for k, v in data.get("sign_off", {}).items()}
    completion |= {f"sign_off.{k}.date": v for k, v in data.get("sign_off_dates", {}).items()}
    source = ImportSource(
        path=path,
        kind=SourceKind.INTERCHANGE,
        description="an answers file",
        answers=answers,
        completion=completion,
        locality=data.get("locality") or None,
        history_note=f"Imported from the answers file {path.name}",
        interchange=data,
        options=options,
    )
    source.extra = tuple(sorted(set(data) - KNOWN_KEYS))
    if source.extra:
        source.notes.append(
            f"The answers file also gives {', '.join(source.extra)}: imported as the file "
            "gives them."
        )
    return source


def _answer(ref: str, given: dict[str, Any], folder: Path) -> SourceAnswer:
    files = given.get("evidence")
    return SourceAnswer(
        ref=ref,
        codes=tuple(sorted({int(c) for c in given["codes"]})) if "codes" in given else None,
        narrative=given.get("narrative"),
        good_practice=given.get("good_practice"),
        good_practice_note=given.get("good_practice_note"),
        support_required=given.get("support_required"),
        evidence_files=_paths(files, folder) if files is not None else None,
    )


def _paths(files: list[str], folder: Path) -> tuple[str, ...]:
    """The evidence paths as the import records them (so an unchanged list is seen as one)."""
    # abspath, not resolve: as the interchange import records them, links as links
    return tuple(sorted({os.path.abspath(folder / item) for item in files}))  # noqa: PTH100


def check_interchange(source: ImportSource, template: Template, target: Path) -> None:
    """Refuse (InterchangeError, every problem) an answers file this return cannot take."""
    from stocktake_desktop.interchange import InterchangeError, validate_answers

    assert source.interchange is not None
    problems = validate_answers(
        source.interchange,
        template,
        source.path.resolve().parent,
        allow_outside=source.options.allow_outside,
    )
    if problems:
        _log.info(
            "Import of %s into %s refused: %s",
            source.name,
            target,
            how_many(len(problems), "problem"),
        )
        raise InterchangeError(source.name, problems)


def apply_interchange(document: Any, source: ImportSource) -> None:
    """Apply the answers file as the interchange module always has (inside the caller's batch)."""
    from stocktake_desktop.interchange import import_answers

    assert source.interchange is not None
    import_answers(
        document,
        source.interchange,
        source.path.resolve().parent,
        source=source.name,
        allow_outside=source.options.allow_outside,
        link_only=source.options.link_evidence,
    )
