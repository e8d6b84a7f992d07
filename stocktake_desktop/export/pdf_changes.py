"""The PDF's "Changes after submission": each change since the last final submission.

:func:`changed_parts` gives short before/after excerpts starting just before the texts
differ, so a one-word change in a long narrative is readable.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from stocktake_desktop.dates import friendly_datetime
from stocktake_desktop.export.pdf_story import Story
from stocktake_desktop.export.pdf_styles import MUTED, markup
from stocktake_desktop.export.status import short_id

EXCERPT = 300


def add_changes(story: Story) -> None:
    """A new page listing the changes after submission (the caller checks there are some)."""
    from reportlab.platypus import PageBreak

    snapshot = story.snapshot
    previous = snapshot.last_final
    story.flow.append(PageBreak())
    story.flow.append(story.para("Changes after submission", "heading"))
    if previous is not None:
        story.flow.append(
            story.para(
                f"These changes were made after the final submission of "
                f"{friendly_datetime(previous.at)} (bundle {short_id(previous.bundle_id)}). "
                "The answers above include them.",
                "body",
            )
        )
    for change in snapshot.changes:
        where = f"{change.ref} " if change.ref else ""
        before, after = changed_parts(change.before, change.after)
        text = (
            f"<b>{escape(where + change.what)}</b>, changed by {escape(change.who)} on "
            f"{friendly_datetime(change.at)}"
            f"<br/><font color='{MUTED}'>Before:</font> {markup(before)}"
            f"<br/><font color='{MUTED}'>After:</font> {markup(after)}"
        )
        story.flow.append(story.para(text, "body"))


def changed_parts(before: str, after: str, context: int = 60) -> tuple[str, str]:
    """Short excerpts of ``before`` and ``after`` starting just before they first differ."""
    before, after = before.strip(), after.strip()
    same = min(len(before), len(after))
    start = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), same)
    start = max(0, start - context)
    if start:
        space = before.rfind(" ", 0, start)
        start = space + 1 if space > 0 else start
    return _excerpt(before, start), _excerpt(after, start)


def _excerpt(text: str, start: int) -> str:
    if not text:
        return "(empty)"
    piece = text[start : start + EXCERPT]
    lead = "… " if start else ""
    tail = " …" if start + EXCERPT < len(text) else ""
    return f"{lead}{piece.strip()}{tail}"
