"""An answer's fields: one name each, and the label every place shows it under.

The name (``AnswerField.key``) is the same in the core (:class:`~stocktake_desktop.document.
Answer`'s attributes, the return file's columns, the change log), the interchange file and the
views. Only the labels differ, because each place follows its own source:

- ``codes``: no template column (the card shows the code list; the PDF says "Status");
  workbook "Coded as".
- ``narrative``: the template's ``columns["assessment"]`` ("Assessment of current
  position…"); workbook "Response"; elsewhere "Assessment".
- ``good_practice``: the template's ``columns["good_practice"]`` ("Good practice example
  (please tick and attach)"); workbook "Good practice".
- ``good_practice_note``: no template column ("Short description of the good practice
  example" on screen); workbook "Good practice note".
- ``support_required``: the template's ``columns["support_required"]``; workbook "Support
  required".

The template's headings stay in the template file (they are the edition's own words, and the
file's content fingerprints the edition, so its keys are not renamed); the workbook's headers
are the programme's collation spreadsheet's ("Locality Response From Stocktake Return").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from stocktake_desktop.template import Template


@dataclass(frozen=True, slots=True)
class AnswerField:
    """One field of an answer and its labels."""

    key: str  # the one name: core, return file, change log, interchange, views
    label: str  # the app's short name: change history, snapshots, titles
    workbook_header: str  # the programme's collation column
    in_sentence: str  # how messages name it: "Write the assessment"
    template_column: str | None = None  # the key of its heading in ``Template.columns``
    own_heading: str = ""  # the app's heading where the template has none

    def heading(self, template: Template) -> str:
        """The heading shown above the field (question card, PDF): the template's own column
        heading where it has one, else the app's."""
        if self.template_column is not None:
            return template.columns[self.template_column]
        return self.own_heading or self.label

    @property
    def spoken(self) -> str:
        """How accessible names say it after the question's ref: ``"4.1 good practice note"``."""
        return self.key.replace("_", " ")


CODES = AnswerField(
    "codes",
    label="Coded as",
    workbook_header="Coded as",
    in_sentence="the status code",
    own_heading="Status",
)
NARRATIVE = AnswerField(
    "narrative",
    label="Assessment",
    workbook_header="Response",
    in_sentence="the assessment",
    template_column="assessment",
)
GOOD_PRACTICE = AnswerField(
    "good_practice",
    label="Good practice",
    workbook_header="Good practice",
    in_sentence="the good practice tick",
    template_column="good_practice",
)
GOOD_PRACTICE_NOTE = AnswerField(
    "good_practice_note",
    label="Good practice note",
    workbook_header="Good practice note",
    in_sentence="the good practice note",
    own_heading="Short description of the good practice example",
)
SUPPORT_REQUIRED = AnswerField(
    "support_required",
    label="Support required",
    workbook_header="Support required",
    in_sentence="the support required",
    template_column="support_required",
)

#: Every field of an answer, in the order an answer shows them.
ANSWER_FIELDS: tuple[AnswerField, ...] = (
    CODES,
    NARRATIVE,
    GOOD_PRACTICE,
    GOOD_PRACTICE_NOTE,
    SUPPORT_REQUIRED,
)
#: The free-text fields (the ones find searches, readiness reads and history versions).
FREE_TEXT_FIELDS: tuple[AnswerField, ...] = (NARRATIVE, GOOD_PRACTICE_NOTE, SUPPORT_REQUIRED)

_BY_KEY = {f.key: f for f in ANSWER_FIELDS}


def answer_field(key: str) -> AnswerField:
    """The field named ``key``; ``KeyError`` (naming the known fields) if there is none."""
    try:
        return _BY_KEY[key]
    except KeyError:
        known = ", ".join(_BY_KEY)
        raise KeyError(f"no answer field {key!r} (the fields are {known})") from None
