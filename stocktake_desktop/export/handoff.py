"""After an export: open an email to the programme with the zip at hand."""

from __future__ import annotations

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.bundle import BundleResult
from stocktake_desktop.export.mailto import Runner, handoff_url, open_email, open_folder


def email_url(document: ReturnDocument, result: BundleResult) -> str:
    """The mailto link for ``result``: programme inbox, subject with the locality, short body."""
    template = document.template
    return handoff_url(
        template.submission_inbox,
        template.email_subject.format(locality=document.locality),
        document.locality,
        result.zip_path.name,
        result.bundle_id,
        result.zip_names,
        final=result.final,
        separately=[entry.path for entry in result.sent_separately],
    )


def hand_off(document: ReturnDocument, result: BundleResult, run: Runner | None = None) -> str:
    """Open the email (with the zip attached where the platform can) and the export folder."""
    how = open_email(email_url(document, result), result.zip_path, run)
    open_folder(result.zip_path.parent, run)
    attached = (
        "with the zip attached" if how.endswith("--attach") else "attach the zip from the folder"
    )
    return f"Opened an email to {document.template.submission_inbox} ({attached})."
