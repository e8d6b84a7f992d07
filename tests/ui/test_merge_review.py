"""Merging a partner's copy in the window, and the conflict review screen, by keys and clicks:
File › Merge a partner's copy… (the file chosen through the dialog seam), the plan, Merge; the
three conflicts side by side (base, mine, theirs, the words marked); one kept mine (Alt+M), one
theirs (Alt+T), one combined by typing (Alt+E, Alt+S); the file holds the results. Refusals are
one message; the screen fits a 1024 x 768 projector at 200%."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from stocktake_desktop.document import ReturnDocument
from tests.helpers import DEV, JO, PARTED, SHARED, other_edition, partner_copies
from tests.ui.conftest import ScriptedDialogs, focused, named, settle
from tests.ui.helpers import cut_off, send_keys, shut
from ui.look.zoom import base_font
from ui.merge.plan_dialog import MergePlanDialog
from ui.merge.review import ALL_RESOLVED, ConflictReview

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
COMBINED = "A register is kept by the council and shared with the CCG."


@pytest.fixture
def copies(returns_dir: Path) -> tuple[Path, Path]:
    return partner_copies(returns_dir)


def menu_item(qtbot, window, menu_key: Key, item_key: Key) -> None:
    """Open a menu of the menu bar with Alt and its letter, then choose an item by its letter."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, menu_key, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), item_key)


def merge_by_menu(qtbot, window, seam: ScriptedDialogs, other: Path) -> MergePlanDialog:
    seam.queue("open_file", other)
    menu_item(qtbot, window, Key.Key_F, Key.Key_G)  # File › Mer&ge a partner's copy…
    qtbot.waitUntil(lambda: window.merge_dialog is not None and window.merge_dialog.isVisible())
    dialog = window.merge_dialog
    assert isinstance(dialog, MergePlanDialog)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focused()))  # the keyboard is in the dialog
    return dialog


def open_review(qtbot, window) -> ConflictReview:
    qtbot.waitUntil(lambda: window.review is not None and window.review.isVisible())
    review = window.review
    assert isinstance(review, ConflictReview)
    qtbot.waitUntil(lambda: review.isAncestorOf(focused()))  # the keyboard is in the screen
    return review


def test_merge_then_review_three_conflicts_by_keys(
    start_window, copies: tuple[Path, Path], seam: ScriptedDialogs, qtbot
) -> None:
    la, ccg = copies
    window = start_window([str(la), "--as", JO])
    assert window.menus.review_conflicts is not None
    assert not window.menus.review_conflicts.isEnabled()  # nothing to review yet

    dialog = merge_by_menu(qtbot, window, seam, ccg)
    assert seam.called("open_file")[0][1] == "Merge a partner's copy into this return"
    assert dialog.summary.text() == (
        "From ccg.stocktake: 1 change to take and 3 conflicts to keep for you to review."
    )
    lines = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert lines[:3] == [
        f"Conflict to review — Question {ref}, Assessment: both copies changed it, differently "
        f"({DEV}'s version from ccg.stocktake)"
        for ref in ("1.1", "2.1", "3.1")
    ]
    assert lines[3].startswith(f"Takes {DEV}'s version — Question 4.1, Assessment: \"Reviews")
    assert "versions both copies share" in dialog.how.text()
    seam.queue("ask", True)  # Review them now? Review conflicts
    qtbot.keyClick(focused(), Key.Key_M, ALT)  # &Merge
    review = open_review(qtbot, window)
    question = seam.called("ask")[0]
    assert question[2].startswith(
        "Merged ccg.stocktake into la.stocktake: 1 change taken, 3 new conflicts; "
        "3 conflicts to review."
    )
    assert window.view.card("4.1").narrative.toPlainText() == PARTED["4.1"][1]  # taken, shown
    assert window.menus.review_conflicts.text() == "Re&view conflicts (3)…"

    # the first: 1.1 side by side, the words that differ marked in the text itself
    template = window.session.document.template
    text = template.question("1.1").text
    assert review.position.text() == "Conflict 1 of 3"
    assert review.heading.text() == "Question 1.1 — Assessment"
    assert review.base.is_visible() and review.mine.is_visible() and review.theirs.is_visible()
    assert review.base.shown_text() == SHARED["1.1"]
    assert review.mine.shown_text() == (
        "The partnership board meets [-monthly.-][+monthly, with an annual review.+]"
    )
    assert "[+monthly, chaired by the council leader.+]" in review.theirs.shown_text()
    assert named(review, f"Mine, 1.1 narrative — {text}") is review.mine.text
    assert named(review, f"Theirs, 1.1 narrative — {text}") is review.theirs.text
    assert named(review, f"Base, 1.1 narrative — {text}") is review.base.text
    assert named(review, f"Keep mine, 1.1 narrative — {text}") is review.keep_mine_button
    assert "underlined" in review.about.text() and DEV in review.about.text()
    assert review.mine.caption.text() == "Mine — this copy now (5 words added, 1 word removed)"
    assert review.theirs.caption.text().startswith(f"Theirs — {DEV}'s (")

    # keep mine, keep theirs, then a combined text typed in the editor
    qtbot.keyClick(focused(), Key.Key_M, ALT)
    qtbot.waitUntil(lambda: review.heading.text() == "Question 2.1 — Assessment")
    assert review.position.text() == "Conflict 1 of 2"
    said = review.message.text()
    assert said == "Question 1.1 — Assessment: kept this copy's version. 2 conflicts left."
    qtbot.keyClick(focused(), Key.Key_T, ALT)
    qtbot.waitUntil(lambda: review.heading.text() == "Question 3.1 — Assessment")
    assert window.view.card("2.1").narrative.toPlainText() == PARTED["2.1"][1]
    qtbot.keyClick(focused(), Key.Key_E, ALT)
    qtbot.waitUntil(lambda: focused() is review.editor)
    assert review.editor.toPlainText() == PARTED["3.1"][0]  # filled with mine
    assert review.editor.accessibleName().startswith("Combined text, 3.1 narrative — ")
    qtbot.keyClick(review.editor, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    send_keys(qtbot, COMBINED)
    qtbot.keyClick(focused(), Key.Key_S, ALT)  # &Save combined
    qtbot.waitUntil(lambda: review.heading.text() == ALL_RESOLVED)
    assert focused() is review.close_button
    assert not review.keep_mine_button.isVisible()
    assert window.view.card("3.1").narrative.toPlainText() == COMBINED
    assert window.menus.review_conflicts.text() == "Re&view conflicts…"
    assert not window.menus.review_conflicts.isEnabled()
    qtbot.keyClick(focused(), Key.Key_Escape)
    qtbot.waitUntil(lambda: shut(review))

    window.close_return(show_start=False)
    with ReturnDocument.open(la, "Reader", read_only=True) as document:
        answers = document.answers()
        assert answers["1.1"].narrative == PARTED["1.1"][0]
        assert answers["2.1"].narrative == PARTED["2.1"][1]
        assert answers["3.1"].narrative == COMBINED
        assert answers["4.1"].narrative == PARTED["4.1"][1]
        assert document.conflicts() == []
        settled = document.conflicts(include_resolved=True)
        assert [c.resolution for c in settled] == ["mine", "theirs", "edited"]
        assert {c.resolved_by for c in settled} == {JO}
        assert document.change_log("2.1")[-2].who == DEV  # theirs, as its author's change


def test_the_review_is_reached_from_the_menu_and_the_completion_page_and_steps_by_keys(
    start_window, copies: tuple[Path, Path], seam: ScriptedDialogs, qtbot
) -> None:
    la, ccg = copies
    window = start_window([str(la), "--as", JO])
    dialog = merge_by_menu(qtbot, window, seam, ccg)
    seam.queue("ask", False)  # Later
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: shut(dialog))
    assert window.review is None

    menu_item(qtbot, window, Key.Key_E, Key.Key_V)  # Edit › Re&view conflicts (3)…
    review = open_review(qtbot, window)
    assert review.position.text() == "Conflict 1 of 3"
    assert not review.previous_button.isEnabled()
    qtbot.keyClick(focused(), Key.Key_N, ALT)  # a mnemonic clicks a moment later
    qtbot.waitUntil(lambda: review.heading.text() == "Question 2.1 — Assessment")
    qtbot.keyClick(focused(), Key.Key_N, ALT)
    qtbot.waitUntil(lambda: review.position.text() == "Conflict 3 of 3")
    assert not review.next_button.isEnabled()
    qtbot.keyClick(focused(), Key.Key_P, ALT)
    qtbot.waitUntil(lambda: review.position.text() == "Conflict 2 of 3")
    qtbot.keyClick(focused(), Key.Key_E, ALT)  # editing, then Esc stops without writing
    qtbot.waitUntil(lambda: focused() is review.editor)
    qtbot.keyClick(review.editor, Key.Key_Escape)
    assert review.isVisible() and not review.editor_box.isVisible()
    assert focused() is review.edit_button
    qtbot.keyClick(focused(), Key.Key_Escape)
    qtbot.waitUntil(lambda: shut(review))
    assert len(window.session.conflicts()) == 3

    # the completion page lists the conflict, with a link to review it
    view = window.view
    view.show_question("completion")
    page = view.completion
    assert page is not None
    settle(page)
    label = next(item for item in page.items if "Question 3.1" in item.text())
    assert "conflict on narrative" in label.text() and "Review conflicts" in label.text()
    assert isinstance(label, QLabel)
    page.scroll_to(label)
    label.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(label, Key.Key_Tab)  # the question's link, then the review link
    qtbot.keyClick(label, Key.Key_Tab)
    qtbot.keyClick(label, Key.Key_Return)
    review = open_review(qtbot, window)
    assert review.heading.text() == "Question 3.1 — Assessment"


def test_what_cannot_be_merged_is_refused_in_one_message(
    start_window, copies: tuple[Path, Path], seam: ScriptedDialogs, qtbot, tmp_path: Path
) -> None:
    la, _ccg = copies
    window = start_window([str(la), "--as", JO])
    before = window.session.document.change_log()
    notes = tmp_path / "notes.stocktake"
    notes.write_text("Notes from the board meeting", encoding="utf-8")
    later = tmp_path / "2014.stocktake"
    ReturnDocument.create(later, "Leicestershire", DEV, other_edition(tmp_path)).close()
    for chosen in (notes, la, later):
        seam.queue("open_file", chosen)
        window.merge_partner_copy()
    warnings = seam.called("warn")
    assert [w[1] for w in warnings] == ["Merge a partner's copy"] * 3
    assert "notes.stocktake" in warnings[0][2] and warnings[0][2].count(".") <= 3
    assert warnings[1][2] == (
        "la.stocktake is the return itself; choose the partner's copy to merge into it."
    )
    assert (
        warnings[2][2].startswith("2014.stocktake ") and "wv-jip-stocktake-2014" in (warnings[2][2])
    )
    assert all("\n" not in w[2] and "Traceback" not in w[2] for w in warnings)
    assert window.merge_dialog is None
    assert window.session.document.change_log() == before


def test_the_review_fits_a_projector_at_200_percent(
    start_window, copies: tuple[Path, Path], seam: ScriptedDialogs, qtbot
) -> None:
    la, ccg = copies
    window = start_window([str(la), "--as", JO])
    window.zoom.set_factor(2.0)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 768))
    dialog = merge_by_menu(qtbot, window, seam, ccg)
    dialog.resize(1024, 768)  # all a projector's screen holds
    settle(dialog)
    assert cut_off(dialog) == []
    seam.queue("ask", True)
    dialog.merge_button.click()
    review = open_review(qtbot, window)
    review.resize(1024, 768)
    settle(review)
    assert cut_off(review) == []
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert review.mine.text.font().pointSizeF() >= 1.9 * base_font(app).pointSizeF()
    review.start_editing()
    settle(review)
    assert cut_off(review) == []
    lines = review.editor.fontMetrics().lineSpacing()
    assert review.editor.height() >= lines * 3 and review.mine.text.height() >= lines * 3


@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_a_combined_text_starts_from_mine_with_the_caret_at_its_end(
    start_window, copies: tuple[Path, Path], seam: ScriptedDialogs, qtbot, monkeypatch, zoom
) -> None:
    la, ccg = copies
    screen = QRect(0, 0, 1024, 768)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(screen))
    window = start_window([str(la), "--as", JO])
    window.zoom.set_factor(zoom)
    window.setGeometry(4, 24, 1016, 740)  # the whole screen, less its frame
    qtbot.waitUntil(lambda: window.geometry() == QRect(4, 24, 1016, 740))
    seam.queue("ask", True)
    merge_by_menu(qtbot, window, seam, ccg).merge_button.click()
    review = open_review(qtbot, window)
    settle(review)
    assert review.width() >= window.width() * 0.8 and review.height() >= window.height() * 0.8
    assert screen.contains(review.frameGeometry()), review.frameGeometry()
    mine = window.session.document.answer("1.1").narrative
    qtbot.keyClick(focused(), Key.Key_E, ALT)  # Edit a combined text
    qtbot.waitUntil(lambda: focused() is review.editor)
    settle(review)
    assert cut_off(review) == []
    lines = review.editor.fontMetrics().lineSpacing()
    assert review.editor.viewport().height() >= lines * (4 if zoom > 1 else 8)
    assert review.mine.text.height() >= lines * 3  # the versions are still there to read
    cursor = review.editor.textCursor()
    assert not cursor.hasSelection() and cursor.atEnd()
    send_keys(qtbot, " Reviewed yearly.")  # typing adds to mine, never replaces it
    assert review.editor.toPlainText() == mine + " Reviewed yearly."
    qtbot.keyClick(focused(), Key.Key_S, ALT)  # &Save combined
    qtbot.waitUntil(lambda: window.session.document.answer("1.1").narrative != mine)
    assert window.session.document.answer("1.1").narrative == mine + " Reviewed yearly."


def test_codes_are_kept_one_way_and_a_copy_merged_again_brings_nothing(
    start_window, copies: tuple[Path, Path], seam: ScriptedDialogs, qtbot
) -> None:
    la, ccg = copies
    for path, editor, code in ((la, JO, 1), (ccg, DEV, 3)):
        with ReturnDocument.open(path, editor) as document:
            document.set_codes("5.1", [code])
    window = start_window([str(la), "--as", JO])
    seam.queue("ask", True)
    merge_by_menu(qtbot, window, seam, ccg).merge_button.click()
    review = open_review(qtbot, window)
    review.go(3)  # the fourth: 5.1's status codes
    assert review.heading.text() == "Question 5.1 — Coded as"
    assert not review.edit_button.isEnabled()
    assert "a choice, not a text: keep one version" in review.about.text()
    question = window.session.document.template.question("5.1")
    assert review.mine.shown_text() == f"[+1 – {question.label_for(1)}+]"  # codes in words
    assert review.theirs.shown_text() == f"[+3 – {question.label_for(3)}+]"
    qtbot.keyClick(focused(), Key.Key_T, ALT)
    qtbot.waitUntil(lambda: window.session.document.answer("5.1").codes == (3,))
    assert window.view.card("5.1").chooser.codes() == (3,)
    qtbot.keyClick(focused(), Key.Key_Escape)
    qtbot.waitUntil(lambda: shut(review))

    dialog = merge_by_menu(qtbot, window, seam, ccg)  # the same copy again
    assert dialog.summary.text().startswith("Nothing new to merge from ccg.stocktake")
    assert not dialog.merge_button.isVisible() and dialog.cancel_button.text() == "Close"
    before = window.session.document.change_log()
    qtbot.keyClick(focused(), Key.Key_Escape)
    qtbot.waitUntil(lambda: shut(dialog))
    assert window.session.document.change_log() == before


def test_returns_made_separately_are_shown_without_a_base(
    start_window, returns_dir: Path, tmp_path: Path, seam: ScriptedDialogs, qtbot
) -> None:
    mine, theirs = returns_dir / "mine.stocktake", tmp_path / "theirs.stocktake"
    for path, editor, text in ((mine, JO, "Minutes are kept."), (theirs, DEV, "Minutes kept.")):
        with ReturnDocument.create(path, "Leicestershire", editor) as document:
            document.set_narrative("1.1", text)
    window = start_window([str(mine), "--as", JO])
    dialog = merge_by_menu(qtbot, window, seam, theirs)
    assert "made separately" in dialog.how.text()
    seam.queue("ask", True)
    dialog.merge_button.click()
    review = open_review(qtbot, window)
    assert not review.base.is_visible()
    assert "against each other" in review.about.text()
    assert review.mine.shown_text() == "Minutes [+are+] kept."
    assert review.theirs.shown_text() == "Minutes [-are-] kept."


def test_a_read_only_return_refuses_merging_and_importing(qtbot, copies: tuple[Path, Path]) -> None:
    from ui.merge.session_part import RefusedError
    from ui.session import Session

    la, ccg = copies
    session = Session(ReturnDocument.open(la, JO, read_only=True))
    try:
        with pytest.raises(RefusedError, match=r"^This return is open read-only, so nothing can"):
            session.prepare_merge(ccg)
        with pytest.raises(RefusedError, match="nothing can be imported into it"):
            session.prepare_import(ccg)
    finally:
        session.close()


def test_each_side_opens_at_the_first_change_of_a_long_text(
    start_window, returns_dir: Path, seam: ScriptedDialogs, qtbot
) -> None:
    """Two copies that differ only at the end of a long assessment: all three sides open
    scrolled to where they first differ, the base (which has no marks) with the others."""
    shared = "\n".join(f"Paragraph {n} of the board's account, agreed by both." for n in range(80))
    la, ccg = returns_dir / "la.stocktake", returns_dir / "ccg.stocktake"
    with ReturnDocument.create(la, "Leicestershire", JO) as document:
        document.set_narrative("1.1", shared)
        document.set_narrative("2.1", "Joint.")  # so 1.1's shared version stays one of its own
    ccg.write_bytes(la.read_bytes())
    for path, editor, ending in ((la, JO, "Mine ends here."), (ccg, DEV, "Theirs ends here.")):
        with ReturnDocument.open(path, editor) as document:
            document.set_narrative("1.1", f"{shared}\n{ending}")
    window = start_window([str(la), "--as", JO])
    merge_by_menu(qtbot, window, seam, ccg)
    seam.queue("ask", True)  # Review them now?
    qtbot.keyClick(focused(), Key.Key_M, ALT)
    review = open_review(qtbot, window)
    for pane in (review.base, review.mine, review.theirs):
        text = pane.text

        def ending_in_view(text=text) -> bool:
            where = text.cursorRect(text.textCursor())
            return text.verticalScrollBar().value() > 0 and text.viewport().rect().contains(where)

        qtbot.waitUntil(ending_in_view)
        assert text.textCursor().position() >= len(shared) - 60  # at the end, not the top
