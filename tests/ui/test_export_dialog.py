"""The export dialog, driven as a person would: ticks, clicks, a chosen folder, the hand-off."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export import mailto
from tests.core.test_export_support import build_seed_return
from ui import dialogs, export_dialog
from ui.export_dialog import ExportDialog, run_export


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

    monkeypatch.setattr(export_dialog, "open_url", record)
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


def listed(dialog: ExportDialog) -> list[str]:
    return [dialog.items.item(i).text() for i in range(dialog.items.count())]


def test_incomplete_return_can_only_be_exported_as_a_draft(
    qtbot: QtBot, document: ReturnDocument, out: Path, opened: list[str]
) -> None:
    dialog = make_dialog(qtbot, document)
    assert "Must fix · 3.5: no status code chosen" in listed(dialog)
    assert dialog.summary.text().startswith("1 item(s) to complete before a final submission")
    assert not dialog.final.isEnabled()
    assert dialog.final_note.isVisible()
    assert dialog.export_button.text() == "&Export draft"
    click(qtbot, dialog.change_folder)
    assert str(out) in dialog.folder_label.text()
    click(qtbot, dialog.export_button)
    assert dialog.pages.currentIndex() == 1
    assert dialog.done_heading.text() == "Draft exported"
    zips = list(out.glob("*.zip"))
    assert len(zips) == 1
    assert dialog.result is not None and dialog.result.bundle_id in dialog.done_text.text()
    assert [s.final for s in document.submissions()] == [False]


def test_final_submission_with_warnings_needs_the_confirmation(
    qtbot: QtBot, document: ReturnDocument, out: Path, opened: list[str]
) -> None:
    document.set_codes("3.5", [2])
    document.set_narrative("4.4", "Contact the family at family@gmail.com")
    dialog = make_dialog(qtbot, document)
    click(qtbot, dialog.change_folder)
    assert dialog.summary.text() == "Ready to submit. 1 warning(s) to check."
    assert any(text.startswith("Warning · 4.4: the assessment contains") for text in listed(dialog))
    assert dialog.final.isEnabled() and not dialog.confirm.isVisible()
    click(qtbot, dialog.final)
    assert dialog.final.isChecked()
    assert dialog.confirm.isVisible()
    assert not dialog.export_button.isEnabled()  # nothing happens until the warnings are confirmed
    click(qtbot, dialog.confirm)
    assert dialog.export_button.isEnabled()
    assert dialog.export_button.text() == "&Export final submission"
    click(qtbot, dialog.export_button)
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
    click(qtbot, dialog.export_button)
    click(qtbot, dialog.email_button)
    assert len(opened) == 2
    url, folder = opened
    assert url.startswith("mailto:Sarah.Brown@local.gov.uk?subject=Winterbourne%20View%20stocktake")
    assert "%E2%80%93%20Leicestershire" in url and len(url) < 2000
    assert dialog.result is not None and dialog.result.bundle_id in url
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
    click(qtbot, dialog.export_button)
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
    click(qtbot, dialog.export_button)
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
        click(qtbot, dialog.export_button)
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
        click(qtbot, dialog.export_button)
        steps.append(dialog.done_heading.text())
        click(qtbot, dialog.close_button)

    QTimer.singleShot(0, drive)
    run_export(parent, document)
    assert steps == ["Draft exported"]
    assert len(list(out.glob("*.zip"))) == 1
