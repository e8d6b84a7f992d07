"""The PDF of the return, reading like the programme's Word form.

Title and the programme's guidance (``pdf_cover``), then each section and question
(``pdf_sections``), how the partnership agreed it and its action plan (``pdf_agreement``,
when meetings, agreements or actions were recorded), any changes after the last final
submission (``pdf_changes``), then who completed it and the sign-off block (``pdf_cover``).
User text is escaped before it reaches reportlab (``pdf_styles.markup``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.dates import friendly_date
from stocktake_desktop.export.pdf_cover import add_completion, add_title
from stocktake_desktop.export.pdf_page import Furniture, PdfInfo, write_document
from stocktake_desktop.export.pdf_sections import add_section
from stocktake_desktop.export.pdf_story import Story
from stocktake_desktop.export.pdf_styles import shorten
from stocktake_desktop.export.snapshot import ReturnSnapshot


def write_pdf(snapshot: ReturnSnapshot, target: Path, *, fingerprint: str) -> None:
    """Write the return's PDF to ``target``."""
    template = snapshot.template
    furniture = Furniture(
        header_left=template.display_name,
        header_right=shorten(snapshot.locality, 60),
        footer_left=(
            f"{'Final submission' if snapshot.final else 'Draft'} · exported "
            f"{friendly_date(snapshot.exported_at.date())} · {APP_NAME} {__version__}"
        ),
        draft=not (snapshot.final and snapshot.ready),
    )
    info = PdfInfo(
        title=f"{template.short_title}: {snapshot.locality}",
        author=snapshot.author,
        subject=template.email_subject.format(locality=snapshot.locality),
        keywords=f"Winterbourne View, stocktake, {snapshot.locality}",
    )
    write_document(target, info, furniture, lambda width: _story(snapshot, fingerprint, width))


def _story(snapshot: ReturnSnapshot, fingerprint: str, width: float) -> list[Any]:
    from stocktake_desktop.export.pdf_agreement import add_action_plan, add_agreement
    from stocktake_desktop.export.pdf_changes import add_changes

    story = Story(snapshot, fingerprint, width)
    add_title(story)
    for section in snapshot.template.sections:
        add_section(story, section)
    if snapshot.has_meetings:
        add_agreement(story)
        add_action_plan(story)
    if snapshot.changes:
        add_changes(story)
    add_completion(story)
    return story.flow
