"""The PDF of the return, reading like the programme's Word form.

Title and the programme's guidance, then each section and question: number and text, the
status chosen with its label, the assessment narrative, the good-practice tick with the
evidence list and the support required; then who completed it and the sign-off block.

Everything a person typed is escaped before it reaches reportlab's Paragraph (which parses
markup), so ``<b>``, ``&`` or ``<img src=...>`` print literally. Narratives are Paragraphs
outside tables, so a very long one flows across pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.dates import friendly_date, friendly_datetime
from stocktake_desktop.export.pdf_fonts import BOLD, ITALIC, REGULAR, register_fonts
from stocktake_desktop.export.pdf_page import MARGIN, Furniture, draw_furniture, numbered_canvas
from stocktake_desktop.export.snapshot import ReturnSnapshot
from stocktake_desktop.export.status import short_id
from stocktake_desktop.template import Question

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
NAVY = "#1F3A5F"
PALE = "#E8EDF4"
MUTED = "#555555"
CHECKED, UNCHECKED = "☑", "☐"
EXCERPT = 300


def markup(text: str) -> str:
    """User text as Paragraph markup that prints literally, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def write_pdf(snapshot: ReturnSnapshot, target: Path, *, fingerprint: str) -> None:
    """Write the return's PDF to ``target``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Frame, PageTemplate
    from reportlab.platypus.doctemplate import BaseDocTemplate

    register_fonts()
    template = snapshot.template
    furniture = Furniture(
        header_left=template.display_name,
        header_right=_shorten(snapshot.locality, 60),
        footer_left=(
            f"{'Final submission' if snapshot.final else 'Draft'} · exported "
            f"{friendly_date(snapshot.exported_at.date())} · {APP_NAME} {__version__}"
        ),
        draft=not (snapshot.final and snapshot.ready),
    )
    document = BaseDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{template.short_title}: {snapshot.locality}",
        author=snapshot.author,
        subject=template.email_subject.format(locality=snapshot.locality),
        creator=f"{APP_NAME} {__version__}",
        keywords=f"Winterbourne View, stocktake, {snapshot.locality}",
        lang="en-GB",
        initialFontName=REGULAR,
        invariant=False,
    )
    frame = Frame(
        MARGIN,
        MARGIN,
        A4[0] - 2 * MARGIN,
        A4[1] - 2 * MARGIN,
        id="body",
        leftPadding=0,
        rightPadding=0,
    )
    document.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda c, _d: draw_furniture(c, furniture))]
    )
    story = _Story(snapshot, fingerprint, frame._width).build()
    document.build(story, canvasmaker=numbered_canvas())


class _Story:
    """Builds the list of flowables."""

    def __init__(self, snapshot: ReturnSnapshot, fingerprint: str, width: float) -> None:
        self.snapshot = snapshot
        self.fingerprint = fingerprint
        self.width = width
        self.styles = _styles()
        self.flow: list[Any] = []
        self.pending: list[Any] = []

    def build(self) -> list[Any]:
        self._title()
        for section in self.snapshot.template.sections:
            self._section_heading(section.heading)
            for question in section.questions:
                self._question(question)
        if self.snapshot.changes:
            self._changes()
        self._completion()
        return self.flow

    # ------------------------------------------------------------------ pieces
    def para(self, text: str, style: str) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(text, self.styles[style])

    def _title(self) -> None:
        from reportlab.platypus import PageBreak, Spacer

        template = self.snapshot.template
        heading, _, subtitle = template.title.partition(": ")
        self.flow.append(self.para(escape(heading), "title"))
        if subtitle:
            self.flow.append(self.para(escape(subtitle), "subtitle"))
        self.flow.append(self._facts_table())
        self.flow.append(Spacer(1, 10))
        for paragraph in template.programme_guidance:
            self.flow.append(self.para(escape(paragraph), "guidance"))
        self.flow.append(PageBreak())
        self.flow.append(self.para(escape(template.display_name), "table_title"))

    def _facts_table(self) -> Any:
        snapshot = self.snapshot
        status = "Final submission" if snapshot.final else "Draft (not for submission)"
        if not snapshot.ready:
            status += ": some items are still to complete"
        rows = [
            ("Locality", snapshot.locality),
            ("Stocktake", snapshot.template.display_name),
            ("Status", status),
            ("Exported", f"{friendly_datetime(snapshot.exported_at)} by {snapshot.editor}"),
            ("Return fingerprint", self.fingerprint),
        ]
        if snapshot.last_final is not None:
            previous = snapshot.last_final
            rows.append(
                (
                    "Previously submitted",
                    f"{friendly_datetime(previous.at)} (bundle {short_id(previous.bundle_id)})",
                )
            )
        return self._grid(rows, (110, self.width - 110), shade=True, spacer=10)

    def _grid(
        self, rows: list[tuple[str, str]], widths: tuple[float, ...], *, shade: bool, spacer: float
    ) -> Any:
        from reportlab.platypus import Table, TableStyle

        data = [[self.para(escape(k), "label"), self.para(markup(v), "cell")] for k, v in rows]
        # splitInRow: a very long value (a pasted paragraph) may run on to the next page.
        table = Table(data, colWidths=widths, hAlign="LEFT", spaceBefore=spacer, splitInRow=1)
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, "#B8C2D0"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if shade:
            commands.append(("BACKGROUND", (0, 0), (0, -1), PALE))
        table.setStyle(TableStyle(commands))
        return table

    def _section_heading(self, heading: str) -> None:
        from reportlab.platypus import Table, TableStyle

        text = f"<b>{escape(heading)}</b>"
        bar = Table(
            [[self.para(text, "section")]], colWidths=[self.width], spaceBefore=14, spaceAfter=4
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
        self.pending = [bar]  # kept on the page with the first question

    def _question(self, question: Question) -> None:
        from reportlab.platypus import HRFlowable, KeepTogether, Spacer, Table, TableStyle

        snapshot = self.snapshot
        answer = snapshot.answers[question.ref]
        columns = snapshot.template.columns
        heading = Table(
            [
                [
                    self.para(f"<b>{question.ref}</b>", "question"),
                    self.para(escape(question.text), "question"),
                ]
            ],
            colWidths=[34, self.width - 34],
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
        lead = [*self.pending, heading, self.para(self._status(question), "status")]
        self.pending = []
        lead.append(self.para(escape(columns["assessment"]), "label_indent"))
        narrative = self._narrative(answer.narrative)
        # Keep the question with the start of its answer; the rest may flow across pages.
        self.flow.append(KeepTogether([*lead, narrative[0]]))
        self.flow.extend(narrative[1:])
        self.flow.append(self._good_practice(question))
        support = answer.support_required.strip()
        self.flow.append(
            self.para(
                f"<b>{escape(columns['support_required'])}:</b> "
                + (
                    markup(support)
                    if support
                    else f"<font color='{MUTED}'><i>None requested</i></font>"
                ),
                "body",
            )
        )
        self.flow.append(Spacer(1, 4))
        self.flow.append(HRFlowable(width="100%", thickness=0.4, color="#C8CFD8", spaceBefore=2))

    def _status(self, question: Question) -> str:
        codes = self.snapshot.answers[question.ref].codes
        if not codes:
            return f"<b>Status:</b> <font color='{MUTED}'><i>not coded yet</i></font>"
        labels = "; ".join(
            f"{value} – {escape(_label(question, value))}" for value in sorted(codes)
        )
        return f"<b>Status:</b> {labels}"

    def _narrative(self, text: str) -> list[Any]:
        text = text.strip()
        if not text:
            return [self.para(f"<font color='{MUTED}'><i>No assessment written</i></font>", "body")]
        return [
            self.para(markup(part.strip("\n")), "body") for part in _PARAGRAPH_BREAK.split(text)
        ]

    def _good_practice(self, question: Question) -> Any:
        snapshot = self.snapshot
        answer = snapshot.answers[question.ref]
        label = escape(snapshot.template.columns["good_practice"])
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
        return self.para(text, "body")

    def _changes(self) -> None:
        from reportlab.platypus import PageBreak

        snapshot = self.snapshot
        previous = snapshot.last_final
        self.flow.append(PageBreak())
        self.flow.append(self.para("Changes after submission", "heading"))
        if previous is not None:
            self.flow.append(
                self.para(
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
            self.flow.append(self.para(text, "body"))

    def _completion(self) -> None:
        from reportlab.platypus import CondPageBreak, Spacer

        snapshot, template = self.snapshot, self.snapshot.template
        self.flow.append(CondPageBreak(260))
        self.flow.append(Spacer(1, 12))
        self.flow.append(
            self.para(
                "Please send questions, queries or completed stocktake to "
                f"<u>{escape(template.submission_inbox)}</u> by {friendly_date(template.deadline)}",
                "guidance",
            )
        )
        self.flow.append(self.para(escape(template.heading_completed_by), "heading"))
        rows = [
            (f.label, snapshot.completed_by.get(f.key, "")) for f in template.completed_by_fields
        ]
        self.flow.append(self._grid(rows, (110, self.width - 110), shade=True, spacer=2))
        self.flow.append(self.para(f"{escape(template.heading_sign_off)}:", "heading"))
        self.flow.append(self._sign_off_table())

    def _sign_off_table(self) -> Any:
        from reportlab.platypus import Table, TableStyle

        snapshot, template = self.snapshot, self.snapshot.template
        data = [[self.para(f"<b>{h}</b>", "cell") for h in ("Role", "Name", "Date")]]
        for role in template.sign_off_roles:
            name, signed = snapshot.sign_off.get(role.key, ("", ""))
            missing = f"<font color='{MUTED}'><i>not signed off yet</i></font>"
            data.append(
                [
                    self.para(
                        f"{escape(role.short_label)}:<br/><font size='7.5' color='{MUTED}'>"
                        f"{escape(role.label)}</font>",
                        "cell",
                    ),
                    self.para(escape(name) if name else missing, "cell"),
                    self.para(friendly_date(signed) if signed else "", "cell"),
                ]
            )
        table = Table(
            data,
            colWidths=(150, self.width - 260, 110),
            hAlign="LEFT",
            spaceBefore=2,
            repeatRows=1,
            splitInRow=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("GRID", (0, 0), (-1, -1), 0.5, "#B8C2D0"),
                    ("BACKGROUND", (0, 0), (-1, 0), PALE),
                    ("TOPPADDING", (0, 1), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 12),
                ]
            )
        )
        return table


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(question: Question, value: int) -> str:
    try:
        return question.label_for(value)
    except KeyError:
        return "(not in this question's list)"


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


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=REGULAR, fontSize=9.5, leading=13, alignment=TA_LEFT)
    indent = 34

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "title": style(
            "title", fontName=BOLD, fontSize=17, leading=22, textColor=NAVY, spaceAfter=4
        ),
        "subtitle": style("subtitle", fontName=BOLD, fontSize=12.5, leading=16, spaceAfter=6),
        "guidance": style("guidance", fontSize=9.5, leading=13, spaceAfter=6),
        "table_title": style("table_title", fontName=BOLD, fontSize=12, leading=16, spaceAfter=2),
        "heading": style(
            "heading", fontName=BOLD, fontSize=12, leading=16, spaceBefore=12, spaceAfter=4
        ),
        "section": style("section", fontSize=12, leading=15, textColor="#FFFFFF"),
        "question": style("question", fontName=BOLD, fontSize=10, leading=13.5),
        "status": style("status", leftIndent=indent, spaceBefore=2, spaceAfter=3),
        "label": style("label", fontName=BOLD, fontSize=8.5, leading=11),
        "label_indent": style(
            "label_indent",
            fontName=ITALIC,
            fontSize=8,
            leading=10.5,
            leftIndent=indent,
            textColor=MUTED,
            spaceAfter=1,
        ),
        "cell": style("cell", fontSize=9, leading=12),
        "body": style("body", leftIndent=indent, spaceAfter=5),
    }
