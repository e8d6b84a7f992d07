"""Evidence files watched on disk, attached by drag-and-drop, and returns opened by dropping."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from stocktake_desktop.document import ReturnDocument
from tests.ui.conftest import ScriptedDialogs, click


@pytest.fixture
def evidence_file(tmp_path: Path) -> Path:
    file = tmp_path / "evidence" / "register.xlsx"
    file.parent.mkdir()
    file.write_bytes(b"placement register v1")
    return file


def _open_with_evidence(start_window, make_return, evidence_file: Path, *, embed: bool = False):
    """A return with ``evidence_file`` attached to 3.1 (linked only unless ``embed``), opened at
    3.1: (window, card)."""
    path = make_return()
    with ReturnDocument.open(path, "Setup") as document:
        document.add_evidence("3.1", evidence_file, embed=embed)
    window = start_window([str(path), "--as", "Alice"])
    return window, window.view.show_question("3.1")


def _drop(target: QWidget, files: list[Path]) -> None:
    """Drag files from a file manager and drop them on ``target``."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    where = QPoint(target.width() // 2, target.height() // 2)
    enter = QDragEnterEvent(
        where,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(where),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)


def test_a_missing_evidence_file_is_flagged_and_can_be_relinked(
    start_window, make_return, evidence_file: Path, qtbot, seam: ScriptedDialogs
) -> None:
    window, card = _open_with_evidence(start_window, make_return, evidence_file)
    row = card.evidence.rows[0]
    assert row.label.text() == (
        "register.xlsx (21 bytes) — linked to the file on this computer, not kept in the return"
    )
    assert [b.text() for b in row.buttons] == ["Open", "Show in folder", "Keep a copy", "Remove"]

    moved = evidence_file.with_name("register (old).xlsx")
    evidence_file.rename(moved)  # the watcher notices; no waiting for the periodic re-check
    qtbot.waitUntil(lambda: "Missing" in card.evidence.rows[0].label.text(), timeout=3000)
    row = card.evidence.rows[0]
    assert row.label.text().startswith("register.xlsx (21 bytes) — Missing:")
    assert not row.icon.pixmap().isNull()  # an icon as well as words
    assert "3.1 evidence: register.xlsx" in row.label.accessibleName()
    assert [b.text() for b in row.buttons] == ["Relink…", "Remove"]

    seam.queue("open_file", moved)
    click(qtbot, row.buttons[0])
    qtbot.waitUntil(lambda: "Missing" not in card.evidence.rows[0].label.text())
    assert card.evidence.rows[0].label.text().startswith("register (old).xlsx (21 bytes) — linked")
    assert window.session.document.evidence("3.1")[0].original_path == str(moved)


def test_a_changed_or_atomically_replaced_file_is_flagged(
    start_window, make_return, evidence_file: Path, qtbot
) -> None:
    _, card = _open_with_evidence(start_window, make_return, evidence_file)
    # saved by an editor the safe way: a new file renamed over the old one
    temp = evidence_file.with_name("~register.tmp")
    temp.write_bytes(b"placement register v2 with more rows")
    temp.replace(evidence_file)
    qtbot.waitUntil(lambda: "Changed" in card.evidence.rows[0].label.text(), timeout=3000)
    # the replaced file is watched again: deleting it now is noticed as quickly
    evidence_file.unlink()
    qtbot.waitUntil(lambda: "Missing" in card.evidence.rows[0].label.text(), timeout=3000)


def test_removing_evidence_asks_first(
    start_window, make_return, evidence_file: Path, qtbot, seam: ScriptedDialogs
) -> None:
    _, card = _open_with_evidence(start_window, make_return, evidence_file)
    seam.queue("ask", False)
    click(qtbot, card.evidence.rows[0].buttons[-1])
    assert len(card.evidence.rows) == 1
    seam.queue("ask", True)
    click(qtbot, card.evidence.rows[0].buttons[-1])
    qtbot.waitUntil(lambda: not card.evidence.rows)
    assert card.evidence.empty.isVisible()
    assert evidence_file.exists()  # the file itself is never deleted


def test_dropping_files_on_a_question_attaches_them(
    start_window, make_return, tmp_path: Path, qtbot
) -> None:
    files = [tmp_path / "a.docx", tmp_path / "b.pdf"]
    for file in files:
        file.write_bytes(b"content of " + file.name.encode())
    window = start_window([str(make_return()), "--as", "Alice"])
    card = window.view.show_question("5.2")
    _drop(card.narrative.viewport(), files)  # dropped onto the text: files still go to evidence
    qtbot.waitUntil(lambda: len(card.evidence.rows) == 2)
    assert card.narrative.toPlainText() == ""
    assert [link.file_name for link in window.session.document.evidence("5.2")] == [
        "a.docx",
        "b.pdf",
    ]


def test_dropping_a_return_on_the_window_opens_it(
    start_window, make_return, qtbot, seam: ScriptedDialogs
) -> None:
    first = make_return("first.stocktake")
    second = make_return("second.stocktake")
    window = start_window([str(first), "--as", "Alice"])
    _drop(window.view.card("1.1"), [second])
    qtbot.waitUntil(lambda: window.session is not None and window.session.document.path == second)
    assert window.windowTitle().startswith("Leicestershire — second.stocktake")


def test_an_unreadable_evidence_file_is_reported_not_attached(
    start_window, make_return, tmp_path: Path, qtbot, seam: ScriptedDialogs
) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    card = window.view.show_question("7.1")
    seam.queue("open_files", [tmp_path / "vanished.pdf"])
    click(qtbot, card.evidence.add_button)
    assert "cannot read the evidence file" in seam.called("warn")[-1][2]
    assert not card.evidence.rows
    assert not window.view.save_banner.isVisible()


def test_attached_evidence_is_kept_in_the_return_and_opens_from_there(
    start_window, make_return, evidence_file: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    _, card = _open_with_evidence(start_window, make_return, evidence_file, embed=True)
    row = card.evidence.rows[0]
    assert row.label.text() == "register.xlsx (21 bytes) — a copy is kept in the return"
    assert [b.text() for b in row.buttons] == ["Open", "Remove"]
    evidence_file.unlink()  # the copy in the return is what opens
    click(qtbot, row.buttons[0])
    [url] = opened
    extracted = Path(url.toLocalFile())
    assert extracted.read_bytes() == b"placement register v1"
    assert extracted.name == "register.xlsx" and extracted != evidence_file


def test_a_file_too_big_to_email_asks_whether_to_keep_a_copy(
    start_window, make_return, tmp_path: Path, qtbot, seam: ScriptedDialogs
) -> None:
    from stocktake_desktop.limits import EMAIL_LIMIT_MB

    big = tmp_path / "survey.mp4"
    with big.open("wb") as handle:
        handle.truncate(int(EMAIL_LIMIT_MB * 1024 * 1024) + 1)
    small = tmp_path / "minutes.pdf"
    small.write_bytes(b"%PDF minutes")
    window = start_window([str(make_return()), "--as", "Alice"])
    card = window.view.show_question("2.1")
    seam.queue("open_files", [small, big])
    seam.queue("ask", False)  # "Link only"
    click(qtbot, card.evidence.add_button)
    qtbot.waitUntil(lambda: len(card.evidence.rows) == 2)
    [question] = seam.called("ask")
    assert "survey.mp4 is 10.0 MB, more than the 10 MB an email" in question[2]
    held, linked = window.session.document.evidence("2.1")
    assert held.embedded and not linked.embedded
    click(qtbot, card.evidence.rows[1].buttons[2])  # "Keep a copy"
    qtbot.waitUntil(lambda: window.session.document.evidence("2.1")[1].embedded)
