"""A user's whole journey: create, answer, attach, switch contributor, close, reopen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from stocktake_desktop.document import ReturnDocument
from tests.ui.conftest import ScriptedDialogs, click


def test_create_answer_switch_contributor_close_and_reopen(
    start_window, seam: ScriptedDialogs, qtbot, returns_dir: Path, tmp_path: Path
) -> None:
    evidence = tmp_path / "minutes.pdf"
    evidence.write_bytes(b"%PDF-1.4 board minutes")
    target = returns_dir / "leics.stocktake"

    # first run: the app asks once who is editing
    seam.queue("ask_text", "Alice Smith")
    window = start_window([])
    qtbot.waitUntil(lambda: window.contributor == "Alice Smith")
    assert "Alice Smith" in window.status.contributor_button.text()

    # the start page: a new return for Leicestershire, saved where the seam says
    page = window.start_page
    assert page is not None and page.isVisible()
    qtbot.keyClicks(page.locality, "Leicestershire")
    seam.queue("save_file", target.with_suffix(""))  # the extension is added
    click(qtbot, page.create_button)
    view = window.view
    assert view is not None and view.isVisible()
    assert target.exists()
    assert view.tabs.tabText(0) == "About this stocktake"
    assert view.tabs.tabText(4) == "4. Current Review Programme — 0/9"
    assert view.tabs.tabText(view.page_count - 1) == "Completion and sign-off"

    # Next, Next, ... and Ctrl+PgDn to section 4
    click(qtbot, view.next_button)
    click(qtbot, view.next_button)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentIndex() == 4
    card = view.card("4.5")
    view.section_page(4).show_card("4.5")

    click(qtbot, card.chooser.buttons[2])
    assert card.chooser.codes() == (2,)
    click(qtbot, card.chooser.buttons[1])
    assert card.chooser.codes() == (1,)  # one choice only
    card.narrative.setFocus()
    qtbot.keyClicks(card.narrative, "Reviews are booked for everyone.")
    click(qtbot, card.good_practice)
    assert card.good_practice.isChecked()
    qtbot.keyClicks(card.note, "Joint review panel")
    seam.queue("open_files", [evidence])
    click(qtbot, card.evidence.add_button)
    qtbot.waitUntil(lambda: len(card.evidence.rows) == 1)
    assert "minutes.pdf" in card.evidence.rows[0].label.text()
    qtbot.keyClicks(card.support, "Advice on commissioning")
    qtbot.waitUntil(lambda: view.tabs.tabText(4) == "4. Current Review Programme — 1/9")

    # switch contributor from the status bar; later typing is Bob's
    seam.queue("ask_text", "Bob Jones")
    click(qtbot, window.status.contributor_button)
    assert window.contributor == "Bob Jones"
    other = view.card("4.6")
    qtbot.keyClicks(other.narrative, "Bob's words.")
    click(qtbot, other.chooser.buttons[3])

    window.close()  # no "save changes?": it waits for the save instead
    assert not seam.called("ask")
    assert window.session is None

    # reopen, as Carol, from the command line
    window = start_window([str(target), "--as", "Carol"])
    assert not seam.answers["ask_text"]
    view = window.view
    assert view is not None
    card = view.card("4.5")
    assert card.chooser.codes() == (1,)
    assert card.narrative.toPlainText() == "Reviews are booked for everyone."
    assert card.good_practice.isChecked()
    assert card.note.text() == "Joint review panel"
    assert card.support.toPlainText() == "Advice on commissioning"
    assert [row.link.file_name for row in card.evidence.rows] == ["minutes.pdf"]
    assert view.card("4.6").narrative.toPlainText() == "Bob's words."
    assert view.tabs.tabText(4) == "4. Current Review Programme — 2/9"
    assert not card.narrative.document().isUndoAvailable()  # opening made no undo steps

    log = window.session.document.change_log()
    who = {(entry.ref, entry.field): entry.who for entry in log}
    assert who[("4.5", "codes")] == "Alice Smith"
    assert who[("4.5", "narrative")] == "Alice Smith"
    assert who[("4.5", "good_practice")] == "Alice Smith"
    assert who[("4.5", "good_practice_note")] == "Alice Smith"
    assert who[("4.5", "evidence")] == "Alice Smith"
    assert who[("4.5", "support_required")] == "Alice Smith"
    assert who[("4.6", "narrative")] == "Bob Jones"
    assert who[("4.6", "codes")] == "Bob Jones"
    # typing is written after a pause, as one change log entry per burst (not per key)
    assert len([e for e in log if (e.ref, e.field) == ("4.5", "narrative")]) == 1


def test_contributor_is_asked_once_and_not_with_as(
    start_window, seam: ScriptedDialogs, make_return
) -> None:
    seam.queue("ask_text", "Alice")
    window = start_window([])
    window.ensure_contributor()
    window.close()
    window = start_window([])
    assert window.contributor == "Alice"
    path = make_return()
    window = start_window([str(path), "--as", "Zed"])
    assert window.contributor == "Zed"
    assert len(seam.called("ask_text")) == 1


def test_closing_waits_for_the_pending_save(start_window, seam, make_return, qtbot) -> None:
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    card = window.view.card("1.1")
    qtbot.keyClicks(card.narrative, "Typed just before closing")
    seam.queue("ask_text", "Leicester City")
    click(qtbot, window.view.about.change_locality)  # the locality changes only on purpose
    window.close()  # straight away: the typing pause and the save have not happened yet
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        assert document.answer("1.1").narrative == "Typed just before closing"
        assert document.locality == "Leicester City"
