"""The PDF's opening and closing pages: title, facts and guidance; completed by and sign-off."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from stocktake_desktop.dates import friendly_date, friendly_datetime
from stocktake_desktop.export.pdf_story import Story
from stocktake_desktop.export.pdf_styles import MUTED, muted
from stocktake_desktop.export.status import short_id

LABEL_WIDTH = 110


def add_title(story: Story) -> None:
    """The title, the facts about this export, the programme's guidance, then a new page."""
    from reportlab.platypus import PageBreak, Spacer

    template = story.snapshot.template
    heading, _, subtitle = template.title.partition(": ")
    story.flow.append(story.para(escape(heading), "title"))
    if subtitle:
        story.flow.append(story.para(escape(subtitle), "subtitle"))
    story.flow.append(_facts_table(story))
    story.flow.append(Spacer(1, 10))
    for paragraph in template.programme_guidance:
        story.flow.append(story.para(escape(paragraph), "guidance"))
    story.flow.append(PageBreak())
    story.flow.append(story.para(escape(template.display_name), "table_title"))


def _facts_table(story: Story) -> Any:
    snapshot = story.snapshot
    status = "Final submission" if snapshot.final else "Draft (not for submission)"
    if not snapshot.ready:
        status += ": some items are still to complete"
    rows = [
        ("Locality", snapshot.locality),
        ("Stocktake", snapshot.template.display_name),
        ("Status", status),
        ("Exported", f"{friendly_datetime(snapshot.exported_at)} by {snapshot.editor}"),
        ("Return fingerprint", story.fingerprint),
    ]
    if snapshot.last_final is not None:
        previous = snapshot.last_final
        rows.append(
            (
                "Previously submitted",
                f"{friendly_datetime(previous.at)} (bundle {short_id(previous.bundle_id)})",
            )
        )
    return story.grid(rows, (LABEL_WIDTH, story.width - LABEL_WIDTH), shade=True, spacer=10)


def add_completion(story: Story) -> None:
    """Where to send it, who completed it and the sign-off block."""
    from reportlab.platypus import CondPageBreak, Spacer

    snapshot, template = story.snapshot, story.snapshot.template
    story.flow.append(CondPageBreak(260))
    story.flow.append(Spacer(1, 12))
    story.flow.append(
        story.para(
            "Please send questions, queries or completed stocktake to "
            f"<u>{escape(template.submission_inbox)}</u> by {friendly_date(template.deadline)}",
            "guidance",
        )
    )
    story.flow.append(story.para(escape(template.heading_completed_by), "heading"))
    rows = [(f.label, snapshot.completed_by.get(f.key, "")) for f in template.completed_by_fields]
    story.flow.append(
        story.grid(rows, (LABEL_WIDTH, story.width - LABEL_WIDTH), shade=True, spacer=2)
    )
    story.flow.append(story.para(f"{escape(template.heading_sign_off)}:", "heading"))
    story.flow.append(_sign_off_table(story))


def _sign_off_table(story: Story) -> Any:
    snapshot, template = story.snapshot, story.snapshot.template
    data = [[story.para(f"<b>{h}</b>", "cell") for h in ("Role", "Name", "Date")]]
    for role in template.sign_off_roles:
        name, signed = snapshot.sign_off.get(role.key, ("", ""))
        data.append(
            [
                story.para(
                    f"{escape(role.short_label)}:<br/><font size='7.5' color='{MUTED}'>"
                    f"{escape(role.label)}</font>",
                    "cell",
                ),
                story.para(escape(name) if name else muted("not signed off yet"), "cell"),
                story.para(friendly_date(signed) if signed else "", "cell"),
            ]
        )
    return story.header_table(data, (150, story.width - 260, 110), padding=(8, 12))
