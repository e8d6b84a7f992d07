"""Reading a source: recognised by content (and name), then read by its own reader."""

from __future__ import annotations

from pathlib import Path

from stocktake_desktop.imports.sniff import detect
from stocktake_desktop.imports.source import ImportOptions, ImportSource, SourceKind
from stocktake_desktop.template import Template


def read_source(
    path: Path, template: Template, options: ImportOptions | None = None
) -> ImportSource:
    """The source at ``path``, recognised against ``template`` (the return's edition).

    Raises ImportRefusedError, InterchangeError or NotAReturnError (all ReturnError) with one
    sentence when it is not a source this return can take. Close what it returns.
    """
    options = options or ImportOptions()
    kind = detect(path)
    if kind is SourceKind.WORD:
        from stocktake_desktop.imports.word import read_word

        return read_word(path, template)
    if kind is SourceKind.WORKBOOK:
        from stocktake_desktop.imports.workbook_source import read_workbook

        return read_workbook(path, template)
    if kind is SourceKind.RETURN:
        from stocktake_desktop.imports.return_source import read_return

        return read_return(path, template)
    from stocktake_desktop.imports.interchange_source import read_interchange

    return read_interchange(path, options)
