"""The one table of answer fields: every place that names a field uses its key."""

from __future__ import annotations

import dataclasses
import json

import pytest

from stocktake_desktop.document import Answer
from stocktake_desktop.export.workbook import RETURN_COLUMNS
from stocktake_desktop.fields import (
    ANSWER_FIELDS,
    FREE_TEXT_FIELDS,
    GOOD_PRACTICE_NOTE,
    NARRATIVE,
    answer_field,
)
from stocktake_desktop.readiness import TEXT_FIELDS
from stocktake_desktop.resource_files import schemas_dir
from stocktake_desktop.template import default_template


def test_the_keys_are_the_answers_attributes_in_order() -> None:
    attributes = [f.name for f in dataclasses.fields(Answer) if f.name != "ref"]
    assert [f.key for f in ANSWER_FIELDS] == attributes


def test_the_interchange_file_uses_the_keys() -> None:
    schema = json.loads(
        (schemas_dir() / "stocktake-answers.schema.json").read_text(encoding="utf-8")
    )
    keys = set(schema["$defs"]["answer"]["properties"])
    assert {f.key for f in ANSWER_FIELDS} <= keys


def test_headings_come_from_the_template_where_it_has_a_column() -> None:
    template = default_template()
    assert NARRATIVE.heading(template) == template.columns["assessment"]
    assert NARRATIVE.heading(template).startswith("Assessment of current position")
    used = {f.template_column for f in ANSWER_FIELDS if f.template_column}
    assert used == set(template.columns)
    assert GOOD_PRACTICE_NOTE.heading(template) == (
        "Short description of the good practice example"
    )


def test_workbook_headers_are_columns_of_the_return_sheet() -> None:
    headers = [name for name, _width in RETURN_COLUMNS]
    for field in ANSWER_FIELDS:
        assert field.workbook_header in headers
    assert NARRATIVE.workbook_header == "Response"  # the programme's collation column


def test_readiness_names_the_free_text_fields_from_the_table() -> None:
    assert TEXT_FIELDS == (
        ("narrative", "the assessment"),
        ("good_practice_note", "the good practice note"),
        ("support_required", "the support required"),
    )
    assert [f.key for f in FREE_TEXT_FIELDS] == [key for key, _words in TEXT_FIELDS]


def test_spoken_names_and_lookup() -> None:
    assert answer_field("good_practice_note").spoken == "good practice note"
    with pytest.raises(KeyError, match="no answer field 'note'"):
        answer_field("note")
