"""The email draft beside the zip, read back with the ``email`` package as a mail program would."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export import eml, mailto
from stocktake_desktop.export.bundle import BundleResult
from stocktake_desktop.export.handoff import hand_off, next_step
from tests.helpers import export_return

INBOX = "Sarah.Brown@local.gov.uk"
SUBJECT = "Winterbourne View stocktake return – Leicestershire"


def _parse(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _export(tmp_path: Path, seed_return: Path, **options: object) -> BundleResult:
    evidence = tmp_path / "Board minutes & notes.pdf"
    evidence.write_bytes(b"%PDF-1.4 minutes" * 500)
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_evidence("1.1", evidence)
        document.set_codes("3.5", [2])
    return export_return(seed_return, tmp_path / "out", **options)


def test_the_draft_is_a_message_to_the_inbox_with_the_zip_attached(
    tmp_path: Path, seed_return: Path
) -> None:
    result = _export(tmp_path, seed_return, final=True)
    assert result.eml_path == result.zip_path.with_suffix(".eml")
    raw = result.eml_path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF throughout
    message = _parse(result.eml_path)
    assert message["To"] == INBOX
    assert message["Subject"] == SUBJECT  # the en dash survives the RFC 2047 encoding
    assert message["X-Unsent"] == "1"  # Outlook: a new message ready to send, not a received one
    assert message["From"] is None  # the mail program fills in the sender
    assert message[eml.BUNDLE_ID_HEADER] == result.bundle_id
    assert message.get_content_type() == "multipart/mixed"
    body_part = message.get_body(preferencelist=("plain",))
    assert body_part is not None
    body = body_part.get_content()
    assert f"Bundle id: {result.bundle_id}" in body
    assert f"final return for Leicestershire: {result.zip_path.name}" in body
    for name in result.zip_names:  # every file in the zip, the evidence included
        assert f"- {name}" in body
    assert "- evidence/1.1 Board minutes & notes.pdf" in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/zip"
    assert attachment.get_filename() == result.zip_path.name
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_content() == result.zip_path.read_bytes()


def test_a_draft_export_says_draft_in_the_subject_and_the_body(
    tmp_path: Path, seed_return: Path
) -> None:
    result = _export(tmp_path, seed_return)
    assert result.eml_path is not None and "_DRAFT_" in result.eml_path.name
    message = _parse(result.eml_path)
    assert message["Subject"] == f"{SUBJECT} (DRAFT, not the final submission)"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "draft return (not the final submission)" in body.get_content()


def test_evidence_left_out_is_said_in_the_draft(tmp_path: Path, seed_return: Path) -> None:
    result = _export(tmp_path, seed_return, leave_out_evidence=True)
    assert result.eml_path is not None
    message = _parse(result.eml_path)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "1 evidence file will be sent separately." in body.get_content()
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content() == result.zip_path.read_bytes()


def test_no_draft_for_a_zip_no_email_would_take(
    tmp_path: Path, seed_return: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(eml, "ATTACHMENT_MAX", 1000)
    result = _export(tmp_path, seed_return)
    assert result.eml_path is None
    assert not list((tmp_path / "out").glob("*.eml"))
    with ReturnDocument.open(seed_return, "Alice") as document:
        step = next_step(document, result)
    assert step.startswith(f"Attach the zip {result.zip_path.name} to an email to {INBOX}")


def test_hand_off_opens_the_draft_where_xdg_email_cannot_attach(
    tmp_path: Path, seed_return: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _export(tmp_path, seed_return, final=True)
    assert result.eml_path is not None
    launched: list[list[str]] = []
    monkeypatch.setattr(mailto.sys, "platform", "darwin")
    with ReturnDocument.open(seed_return, "Alice") as document:
        said = hand_off(document, result, launched.append)
        assert launched == [["open", str(result.eml_path)]]
        assert (
            said
            == f"Opened the email draft {result.eml_path.name} to {INBOX} (the zip is attached)."
        )
        step = next_step(document, result)
    assert step.splitlines() == [
        f"Open the email draft {result.eml_path.name}: an email to {INBOX} opens with the zip "
        "attached. Check it and send it.",
        f"If no email opens, attach the zip {result.zip_path.name} to an email to {INBOX} with "
        f"the subject “{SUBJECT}”.",
    ]  # a final export: nothing about drafts
    # On Linux with xdg-email the zip is attached to a new message directly.
    launched.clear()
    monkeypatch.setattr(mailto.sys, "platform", "linux")
    monkeypatch.setattr(mailto.shutil, "which", lambda name: f"/usr/bin/{name}")
    with ReturnDocument.open(seed_return, "Alice") as document:
        said = hand_off(document, result, launched.append)
    assert launched[0][:4] == ["xdg-email", "--utf8", "--attach", str(result.zip_path)]
    assert launched[0][4].startswith(f"mailto:{INBOX}?subject=")
    assert said.endswith("(with the zip attached).")


@pytest.mark.parametrize("size", [0, 1, 56, 57, 58, 57 * 16 * 1024, 57 * 16 * 1024 + 1, 2_500_000])
def test_the_streamed_draft_is_byte_for_byte_what_the_email_package_writes(
    tmp_path: Path, size: int
) -> None:
    import os

    zip_path = tmp_path / "WV-Stocktake-2013_Leicestershire_2026-11-22.zip"
    zip_path.write_bytes(os.urandom(size))
    target = tmp_path / "draft.eml"
    fields = {
        "to": INBOX,
        "subject": SUBJECT,
        "body": "Hello,\n\nŁódź & more\n",
        "bundle_id": "b" * 64,
    }
    eml.write_draft(target, attachment=zip_path, **fields)
    written = target.read_bytes()
    boundary = _parse(target).get_boundary()
    assert boundary is not None
    whole = eml.draft_message(
        attachment_name=zip_path.name, content=zip_path.read_bytes(), **fields
    )
    whole.set_boundary(boundary)
    assert written == whole.as_bytes()
    (attachment,) = list(_parse(target).iter_attachments())
    assert attachment.get_content() == zip_path.read_bytes()
