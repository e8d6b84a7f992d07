"""The PDF's sections: each section's heading bar, then each question and its answer.

A question shows its number and text, the status chosen with its label, the assessment
narrative, the good-practice tick with the evidence list and the support required.
Narratives are Paragraphs outside tables, so a very long one flows across pages.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from stocktake_desktop.export.pdf_fonts import REGULAR
from stocktake_desktop.export.pdf_story import Story
from stocktake_desktop.export.pdf_styles import (
    CHECKED,
    INDENT,
    NAVY,
    UNCHECKED,
    markup,
    muted,
)
from stocktake_desktop.fields import CODES, GOOD_PRACTICE, NARRATIVE, SUPPORT_REQUIRED
from stocktake_desktop.template import Question, Section

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def add_section(story: Story, section: Section) -> None:
    """The section's heading bar and every question in it."""
    _section_heading(story, section.heading)
    for question in section.questions:
        _question(story, question)


def _section_heading(story: Story, heading: str) -> None:
    from reportlab.platypus import Table, TableStyle

    text = f"<b>{escape(heading)}</b>"
    bar = Table(
        [[story.para(text, "section")]], colWidths=[story.width], spaceBefore=14, spaceAfter=4
    )
    bar.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("BACKGROUND", (0, 0), (-1, -1), NAVY),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story.pending = [bar]  # kept on the page with the first question


def _question(story: Story, question: Question) -> None:
    from reportlab.platypus import HRFlowable, KeepTogether, Spacer, Table, TableStyle

    snapshot = story.snapshot
    answer = snapshot.answers[question.ref]
    template = snapshot.template
    heading = Table(
        [
            [
                story.para(f"<b>{question.ref}</b>", "question"),
                story.para(escape(question.text), "question"),
            ]
        ],
        colWidths=[INDENT, story.width - INDENT],
        spaceBefore=8,
    )
    heading.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    lead = [*story.pending, heading, story.para(_status(story, question), "status")]
    story.pending = []
    lead.append(story.para(escape(NARRATIVE.heading(template)), "label_indent"))
    narrative = _narrative(story, answer.narrative)
    # Keep the question with the start of its answer; the rest may flow across pages.
    story.flow.append(KeepTogether([*lead, narrative[0]]))
    story.flow.extend(narrative[1:])
    story.flow.append(_good_practice(story, question))
    support = answer.support_required.strip()
    story.flow.append(
        story.para(
            f"<b>{escape(SUPPORT_REQUIRED.heading(template))}:</b> "
            + (markup(support) if support else muted("None requested")),
            "body",
        )
    )
    story.flow.append(Spacer(1, 4))
    story.flow.append(HRFlowable(width="100%", thickness=0.4, color="#C8CFD8", spaceBefore=2))


def _status(story: Story, question: Question) -> str:
    codes = story.snapshot.answers[question.ref].codes
    status = escape(CODES.heading(story.snapshot.template))
    if not codes:
        return f"<b>{status}:</b> {muted('not coded yet')}"
    labels = "; ".join(f"{value} – {escape(_label(question, value))}" for value in sorted(codes))
    return f"<b>{status}:</b> {labels}"


def _narrative(story: Story, text: str) -> list[Any]:
    text = text.strip()
    if not text:
        return [story.para(muted("No assessment written"), "body")]
    return [story.para(markup(part.strip("\n")), "body") for part in _PARAGRAPH_BREAK.split(text)]


def _good_practice(story: Story, question: Question) -> Any:
    snapshot = story.snapshot
    answer = snapshot.answers[question.ref]
    label = escape(GOOD_PRACTICE.heading(snapshot.template))
    tick = f"{CHECKED} Yes" if answer.good_practice else f"{UNCHECKED} No"
    text = f"<b>{label}:</b> {tick}"
    if answer.good_practice_note.strip():
        text += f"<br/>{markup(answer.good_practice_note.strip())}"
    items = snapshot.evidence.get(question.ref, [])
    if items:
        names = "<br/>".join(
            f"• {escape(item.bundle_path)}" + ("" if item.available else " <i>(missing)</i>")
            for item in items
        )
        text += f"<br/><b>Evidence attached:</b><br/>{names}"
    return story.para(text, "body")


def _label(question: Question, value: int) -> str:
    try:
        return question.label_for(value)
    except KeyError:
        return "(not in this question's list)"
