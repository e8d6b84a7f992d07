"""After an export: an email to the programme with the zip attached, or at hand to attach.

Three ways, best first: ``xdg-email --attach`` on Linux (a new message with the zip attached);
the ``.eml`` draft beside the zip, opened with the system's handler (Outlook, Apple Mail,
Thunderbird open it as a message ready to send); a ``mailto:`` link with the export folder
opened beside it, so the zip can be dragged in.
"""

from __future__ import annotations

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.bundle import BundleResult
from stocktake_desktop.export.mailto import (
    Runner,
    can_attach,
    handoff_url,
    open_email,
    open_file,
    open_folder,
    subject_line,
)


def email_subject(document: ReturnDocument, result: BundleResult) -> str:
    return result.subject or subject_line(
        document.template.email_subject, document.locality, final=result.final
    )


def email_url(document: ReturnDocument, result: BundleResult) -> str:
    """The mailto link for ``result``: programme inbox, subject with the locality, short body."""
    template = document.template
    return handoff_url(
        template.submission_inbox,
        email_subject(document, result),
        document.locality,
        result.zip_path.name,
        result.bundle_id,
        result.zip_names,
        final=result.final,
        separately=[entry.path for entry in result.sent_separately],
    )


def next_steps(
    document: ReturnDocument, result: BundleResult, *, open_draft: str = ""
) -> list[str]:
    """What to do with the bundle now, a sentence or two a line; ``open_draft`` says how to
    open the email draft here (in the app, the button to click), by default "Open the email
    draft NAME.eml"."""
    inbox = document.template.submission_inbox
    attach = (
        f"attach the zip {result.zip_path.name} to an email to {inbox} with the subject "
        f"“{email_subject(document, result)}”."
    )
    if result.eml_path is not None:
        opener = open_draft or f"Open the email draft {result.eml_path.name}"
        lines = [
            f"{opener}: an email to {inbox} opens with the zip attached. Check it and send it.",
            f"If no email opens, {attach}",
        ]
    else:
        lines = [attach[0].upper() + attach[1:]]
    if not result.final:
        lines.append(
            "This is a draft, for checking: when the return is complete, export the final "
            "submission and send that."
        )
    return lines


def next_step(document: ReturnDocument, result: BundleResult, *, open_draft: str = "") -> str:
    """:func:`next_steps` as one text, a line each."""
    return "\n".join(next_steps(document, result, open_draft=open_draft))


def hand_off(document: ReturnDocument, result: BundleResult, run: Runner | None = None) -> str:
    """Open an email to the programme with the zip attached where the platform can."""
    inbox = document.template.submission_inbox
    if result.eml_path is not None and not can_attach():
        open_file(result.eml_path, run)
        return f"Opened the email draft {result.eml_path.name} to {inbox} (the zip is attached)."
    how = open_email(email_url(document, result), result.zip_path, run)
    open_folder(result.zip_path.parent, run)
    attached = (
        "with the zip attached" if how.endswith("--attach") else "attach the zip from the folder"
    )
    return f"Opened an email to {inbox} ({attached})."
