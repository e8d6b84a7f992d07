"""The export dialog, driven as a person would: ticks, clicks, a chosen folder, the hand-off."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export import mailto
from tests.helpers import build_seed_return, confirm_sign_offs, finish_seed
from ui import dialogs
from ui.pages import export_handoff
from ui.pages.export_dialog import ExportDialog, run_export


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every message box is recorded instead of shown; opening links is recorded too."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, title, text: shown.append(("warn", text)))
    monkeypatch.setattr(dialogs, "inform", lambda _p, title, text: shown.append(("inform", text)))
    monkeypatch.setattr(mailto, "can_attach", lambda: False)
    return shown


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def record(url: str) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(export_handoff, "open_url", record)
    return urls


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "chosen"
    folder.mkdir()
    monkeypatch.setattr(dialogs, "choose_folder", lambda _parent, _title, _start: folder)
    return folder


@pytest.fixture
def document(tmp_path: Path) -> Iterator[ReturnDocument]:
    path = build_seed_return(tmp_path / "leics.stocktake")
    with ReturnDocument.open(path, "Alice") as opened_document:
        yield opened_document


def make_dialog(qtbot: QtBot, document: ReturnDocument) -> ExportDialog:
    dialog = ExportDialog(None, document)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def export(qtbot: QtBot, dialog: ExportDialog) -> None:
    """Click Export and wait for the export, which runs in a worker thread, to end."""
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)


def listed(dialog: ExportDialog) -> list[str]:
    return [dialog.items.item(i).text() for i in range(dialog.items.count())]


def test_incomplete_return_can_only_be_exported_as_a_draft(
    qtbot: QtBot, document: ReturnDocument, out: Path, opened: list[str]
) -> None:
    dialog = make_dialog(qtbot, document)
    assert "Must fix · 3.5: no status code chosen" in listed(dialog)
    assert dialog.summary.text().startswith("1 item to complete before a final submission")
    assert not dialog.final.isEnabled()
    assert dialog.final_note.isVisible()
    assert dialog.export_button.text() == "&Export draft"
    click(qtbot, dialog.change_folder)
    assert str(out) in dialog.folder_label.text()
    export(qtbot, dialog)
    assert dialog.pages.currentIndex() == 1
    assert dialog.done_heading.text() == "Draft exported"
    zips = list(out.glob("*.zip"))
    assert len(zips) == 1
    assert dialog.exported is not None and dialog.exported.bundle_id in dialog.done_text.text()
    assert [s.final for s in document.submissions()] == [False]


def test_the_summary_counts_one_and_two_items_in_words(
    qtbot: QtBot, document: ReturnDocument
) -> None:
    document.set_narrative("1.1", "")  # a second item to complete (3.5 has no code)
    document.set_narrative("4.4", "Contact the family at family@gmail.com")
    document.set_narrative("4.5", "Or the carer at carer@gmail.com")
    confirm_sign_offs(document)  # signed as it is now: no lapsed sign-off to warn about
    dialog = make_dialog(qtbot, document)
    assert dialog.summary.text() == (
        "2 items to complete before a final submission. You can export a draft now. "
        "2 warnings to check."
    )
    dialog.close()
    document.set_narrative("1.1", "Board minutes")
    document.set_narrative("4.5", "Registers are kept.")
    confirm_sign_offs(document)
    dialog = make_dialog(qtbot, document)
    assert dialog.summary.text() == (
        "1 item to complete before a final submission. You can export a draft now. "
        "1 warning to check."
    )


def test_final_submission_with_warnings_needs_the_confirmation(
    qtbot: QtBot, document: ReturnDocument, out: Path, opened: list[str]
) -> None:
    document.set_narrative("4.4", "Contact the family at family@gmail.com")
    finish_seed(document)
    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    assert dialog.summary.text() == "Ready to submit. 1 warning to check."
    assert any(text.startswith("Warning · 4.4: the assessment contains") for text in listed(dialog))
    assert dialog.final.isEnabled() and not dialog.confirm.isVisible()
    click(qtbot, dialog.final)
    assert dialog.final.isChecked()
    assert dialog.confirm.isVisible()
    assert not dialog.export_button.isEnabled()  # nothing happens until the warnings are confirmed
    click(qtbot, dialog.confirm)
    assert dialog.export_button.isEnabled()
    assert dialog.export_button.text() == "&Export final submission"
    export(qtbot, dialog)
    assert dialog.done_heading.text() == "Final submission exported"
    assert "Submitted on " in dialog.done_text.text()
    assert [s.final for s in document.submissions()] == [True]
    # Unticking "final" hides and clears the confirmation again.
    dialog.pages.setCurrentIndex(0)
    click(qtbot, dialog.final)
    assert not dialog.confirm.isVisible() and not dialog.confirm.isChecked()


def test_email_and_open_folder(
    qtbot: QtBot, document: ReturnDocument, out: Path, opened: list[str]
) -> None:
    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    export(qtbot, dialog)
    click(qtbot, dialog.email_button)
    assert len(opened) == 2
    url, folder = opened
    assert url.startswith("mailto:Sarah.Brown@local.gov.uk?subject=Winterbourne%20View%20stocktake")
    assert "%E2%80%93%20Leicestershire" in url and len(url) < 2000
    assert dialog.exported is not None and dialog.exported.bundle_id in url
    assert folder == str(out)
    click(qtbot, dialog.open_button)
    assert opened[-1] == str(out)


def test_leaving_evidence_out_updates_the_size_and_the_zip(
    qtbot: QtBot, document: ReturnDocument, out: Path, tmp_path: Path, opened: list[str]
) -> None:
    evidence = tmp_path / "scan.bin"
    evidence.write_bytes(bytes(range(256)) * 8192)  # 2 MB
    document.add_evidence("5.1", evidence)
    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    dialog.limit.setValue(1.0)
    assert "over the 1.0 MB email limit" in " ".join(listed(dialog))
    assert dialog.size_label.text().startswith("The zip will be about 2.3 MB")
    click(qtbot, dialog.leave_out)
    assert "email limit" not in " ".join(listed(dialog))
    assert "Evidence (2.0 MB) is left out" in dialog.size_label.text()
    export(qtbot, dialog)
    assert "evidence/5.1 scan.bin" in dialog.done_text.text()
    (zip_path,) = out.glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        assert not [name for name in archive.namelist() if "/evidence/" in name]


def test_a_failed_export_is_reported_and_the_dialog_stays(
    qtbot: QtBot,
    document: ReturnDocument,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_real_dialogs: list[tuple[str, str]],
) -> None:
    gone = tmp_path / "gone"
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_args: gone)
    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    export(qtbot, dialog)
    assert dialog.pages.currentIndex() == 0
    assert no_real_dialogs and no_real_dialogs[-1][0] == "warn"
    assert "does not exist" in no_real_dialogs[-1][1]
    assert QApplication.overrideCursor() is None


def test_cancelling_a_folder_choice_keeps_the_folder(
    qtbot: QtBot, document: ReturnDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_args: None)
    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    assert dialog.folder == document.path.parent


def test_read_only_return_exports_a_draft_only(
    qtbot: QtBot, tmp_path: Path, out: Path, opened: list[str]
) -> None:
    path = build_seed_return(tmp_path / "ro.stocktake")
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        dialog = make_dialog(qtbot, document)
        assert not dialog.final.isEnabled()
        assert "read-only" in dialog.final_note.text()
        click(qtbot, dialog.change_folder)
        export(qtbot, dialog)
        assert "not recorded" in dialog.done_text.text()


def test_run_export_is_modal_and_closes(
    qtbot: QtBot, document: ReturnDocument, out: Path, opened: list[str]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    steps: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        click(qtbot, dialog.change_folder)
        export(qtbot, dialog)
        steps.append(dialog.done_heading.text())
        click(qtbot, dialog.close_button)

    QTimer.singleShot(0, drive)
    run_export(parent, document)
    assert steps == ["Draft exported"]
    assert len(list(out.glob("*.zip"))) == 1


# ------------------------------------------------------------------ what to do next, the .eml
@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """QDesktopServices.openUrl records the URL instead of launching anything."""
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return urls


def test_done_page_says_what_to_do_next_and_opens_the_email_draft(
    qtbot: QtBot, document: ReturnDocument, out: Path, desktop: list[QUrl]
) -> None:
    import email
    from email import policy

    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    export(qtbot, dialog)
    result = dialog.exported
    assert result is not None and result.eml_path is not None
    assert result.eml_path.parent == out and "_DRAFT_" in result.eml_path.name
    steps = dialog.next_text.text().splitlines()
    assert steps == [
        "Click “Open email with the bundle attached”: an email to Sarah.Brown@local.gov.uk "
        "opens with the zip attached. Check it and send it.",
        f"If no email opens, attach the zip {result.zip_path.name} to an email to "
        "Sarah.Brown@local.gov.uk with the subject “Winterbourne View stocktake return – "
        "Leicestershire (DRAFT, not the final submission)”.",
        "This is a draft, for checking: when the return is complete, export the final "
        "submission and send that.",
    ]
    assert f"Email draft with the zip attached: {result.eml_path.name}" in dialog.done_text.text()
    assert dialog.eml_button.isVisible() and dialog.eml_button.isDefault()
    assert dialog.focusWidget() is dialog.eml_button
    assert dialog.eml_button.text() == "Open email with the bundle &attached"
    # Enter on the focused button opens the draft with the system's handler: a local file URL.
    qtbot.keyClick(dialog.eml_button, Qt.Key.Key_Return)
    assert [url.toLocalFile() for url in desktop] == [str(result.eml_path)]
    assert desktop[0].scheme() == "file"
    message = email.message_from_bytes(result.eml_path.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and message["To"] == "Sarah.Brown@local.gov.uk"
    (attachment,) = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert attachment.get_content() == result.zip_path.read_bytes()
    # The fallback: a mailto: link, and the folder to attach the zip from.
    click(qtbot, dialog.email_button)
    assert desktop[1].scheme() == "mailto"
    assert (
        desktop[1]
        .toString(QUrl.ComponentFormattingOption.FullyEncoded)
        .startswith(
            "mailto:Sarah.Brown@local.gov.uk?subject=Winterbourne%20View%20stocktake%20return"
        )
    )
    assert desktop[2].toLocalFile() == str(out)


def test_a_final_export_says_send_it(
    qtbot: QtBot, document: ReturnDocument, out: Path, desktop: list[QUrl]
) -> None:
    finish_seed(document)
    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    click(qtbot, dialog.final)
    export(qtbot, dialog)
    assert dialog.done_heading.text() == "Final submission exported"
    result = dialog.exported
    assert result is not None and result.eml_path is not None
    assert "_DRAFT_" not in result.zip_path.name and "_DRAFT_" not in result.eml_path.name
    step = dialog.next_text.text()
    assert "Check it and send it." in step and "This is a draft" not in step
    assert "“Winterbourne View stocktake return – Leicestershire”" in step


def test_when_no_program_opens_the_draft_the_dialog_says_what_to_do(
    qtbot: QtBot,
    document: ReturnDocument,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_real_dialogs: list[tuple[str, str]],
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    export(qtbot, dialog)
    click(qtbot, dialog.eml_button)
    kind, text = no_real_dialogs[-1]
    assert kind == "warn" and "Email to the programme" in text
    assert dialog.exported is not None and dialog.exported.zip_path.name in text


def test_without_an_email_draft_the_next_step_is_to_attach_the_zip(
    qtbot: QtBot,
    document: ReturnDocument,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    desktop: list[QUrl],
) -> None:
    from stocktake_desktop.export import eml

    monkeypatch.setattr(eml, "ATTACHMENT_MAX", 100)  # as if the zip were too big for any email
    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    export(qtbot, dialog)
    assert dialog.exported is not None and dialog.exported.eml_path is None
    assert not dialog.eml_button.isVisible()
    assert dialog.email_button.isDefault() and dialog.focusWidget() is dialog.email_button
    assert dialog.next_text.text().startswith(
        f"Attach the zip {dialog.exported.zip_path.name} to an email to Sarah.Brown"
    )
