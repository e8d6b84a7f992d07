"""Importing into a return from what people have: an answers file (JSON), a Word return in the
programme's template (.docx), a workbook the app exported (.xlsx) or another return.

Every import is two steps, so that what it will change can be shown before anything is written:

    with read_source(path, document.template, options) as source:  # refused: one sentence
        plan = plan_import(document, source)  # question by question; nothing written
        ...show plan (report.plan_lines), ask...
        apply_plan(document, plan)  # exactly the plan, as one change, attributed to the editor

docs/import.md says what each source gives.
"""

from stocktake_desktop.imports.apply import ImportOutcome, apply_plan
from stocktake_desktop.imports.errors import ImportRefusedError
from stocktake_desktop.imports.plan import (
    Action,
    FieldChange,
    ImportPlan,
    QuestionPlan,
    Status,
    plan_import,
)
from stocktake_desktop.imports.reading import read_source
from stocktake_desktop.imports.report import plan_lines, question_line, summary_line
from stocktake_desktop.imports.sniff import FILE_PATTERNS
from stocktake_desktop.imports.source import ImportOptions, ImportSource, SourceKind

__all__ = [
    "FILE_PATTERNS",
    "Action",
    "FieldChange",
    "ImportOptions",
    "ImportOutcome",
    "ImportPlan",
    "ImportRefusedError",
    "ImportSource",
    "QuestionPlan",
    "SourceKind",
    "Status",
    "apply_plan",
    "plan_import",
    "plan_lines",
    "question_line",
    "read_source",
    "summary_line",
]
