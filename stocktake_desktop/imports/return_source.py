"""Another return (.stocktake) as a source, e.g. last year's: its answers, completion and
evidence (the copies it keeps, and its links) become the starting point of this one.

It is opened with the document's own safe opener, read-only: a private copy is checked (its
structure, values and edition) and the file itself is never written or locked. The copy
stays open until the source is closed, so evidence is read only when it is copied in.
"""

from __future__ import annotations

import functools
from pathlib import Path

from stocktake_desktop.dates import friendly_datetime
from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.imports.errors import ImportRefusedError
from stocktake_desktop.imports.sniff import shown_name
from stocktake_desktop.imports.source import ImportSource, SourceAnswer, SourceEvidence, SourceKind
from stocktake_desktop.template import Template

READER = "Stocktake Desktop import"


def read_return(path: Path, template: Template) -> ImportSource:
    """The return at ``path`` as a source for a return of ``template``; closes it on refusal."""
    other = ReturnDocument.open(path, READER, read_only=True)
    try:
        return _source(other, path, template)
    except BaseException:
        other.close()
        raise


def _source(other: ReturnDocument, path: Path, template: Template) -> ImportSource:
    if other.template.id != template.id:
        raise ImportRefusedError(
            f"{shown_name(path)} is a return of another stocktake edition "
            f"({other.template.display_name}); this return is {template.display_name}."
        )
    summary = other.summary()
    source = ImportSource(
        path=path,
        kind=SourceKind.RETURN,
        description=f"the return for {other.locality}",
        locality=other.locality,
        history_note=(
            f"Imported from the return {path.name} ({other.locality}; last changed "
            f"{friendly_datetime(summary.last_change_at)} by {summary.last_change_by})"
        ),
        closers=[other.close],
    )
    evidence: dict[str, list[SourceEvidence]] = {}
    for link in other.evidence():
        evidence.setdefault(link.ref, []).append(
            SourceEvidence(
                file_name=link.file_name,
                original_path=link.original_path,
                size=link.size,
                sha256=link.sha256,
                modified=link.modified,
                embedded=link.embedded,
                read_content=functools.partial(other.embedded_content, link.id),
            )
        )
    for ref, answer in other.answers().items():
        source.answers[ref] = SourceAnswer(
            ref=ref,
            codes=answer.codes or None,
            narrative=answer.narrative or None,
            good_practice=True if answer.good_practice else None,
            good_practice_note=answer.good_practice_note or None,
            support_required=answer.support_required or None,
            evidence=tuple(evidence.get(ref, ())),
        )
    source.completion = {k: v for k, v in other.completion().items() if v}
    return source
