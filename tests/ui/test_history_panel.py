"""The history panel of an answer, driven by keys and clicks: a narrative typed in bursts by
three people shows each person's versions (when, who, which meeting), two versions compare
word by word with markers in the text, and restoring one is a new change the card shows and
the file keeps; it opens from the card's History… button and with Ctrl+H, and fits a
1024 × 768 window at 200%."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Attendee
from tests.helpers import BOARD, PRIYA, TOM, step_clock
from tests.ui.conftest import click, focused, named
from tests.ui.helpers import assert_dialog_fits_projector, projector_at_200, send_keys
from ui.history.panel import HistoryPanel

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
BURSTS = (
    ("Priya Shah", "Registers are kept by the CCG."),
    ("Tom Reed", " The council holds a copy."),
    ("Ann Baker", " Reviewed monthly by the board."),
    ("Priya Shah", " Families are told who to call."),
)


def type_in_bursts(qtbot, window, seam, advance) -> None:
    """4.5's narrative typed by three people in turn, each burst a version of its own (a
    change of contributor through Edit › Change contributor, then a pause of two minutes)."""
    card = window.view.show_question("4.5")
    for person, words in BURSTS:
        seam.queue("ask_text", person)
        window.change_contributor()
        card.narrative.setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.keyClick(card.narrative, Key.Key_End, CTRL)
        send_keys(qtbot, words)
        qtbot.keyClick(card.narrative, Key.Key_Tab)  # leaving the field writes at once
        advance(120)


def open_panel(qtbot, window, ref: str = "4.5") -> HistoryPanel:
    card = window.view.show_question(ref)
    click(qtbot, named(card, f"{ref} history — {card.question.text}"))
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), HistoryPanel))
    panel = QApplication.activeModalWidget()
    assert isinstance(panel, HistoryPanel)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    return panel


def click_row(qtbot, panel: HistoryPanel, row: int, modifier=Qt.KeyboardModifier.NoModifier):
    view = panel.versions
    rect: QRect = view.visualRect(panel.model.index(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def lines(panel: HistoryPanel) -> list[str]:
    return [panel.model.line(row) for row in range(panel.model.rowCount())]


@pytest.fixture
def meeting_return(returns_dir: Path) -> Path:
    """A return whose Partnership Board is under way (every change is tagged with it)."""
    path = returns_dir / "leics.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Setup") as document:
        document.start_meeting(*BOARD, [Attendee(*PRIYA), Attendee(*TOM)])
    return path


def test_three_people_typing_in_bursts_show_as_their_versions(
    start_window, meeting_return: Path, seam, qtbot, monkeypatch
) -> None:
    advance = step_clock(monkeypatch, "2026-11-22T14:02:00+00:00")
    window = start_window([str(meeting_return), "--as", "Alice"])
    type_in_bursts(qtbot, window, seam, advance)
    panel = open_panel(qtbot, window)
    shown = lines(panel)
    assert len(shown) == 4, shown
    people = [person for person, _ in reversed(BURSTS)]
    for line, person in zip(shown, people, strict=True):
        assert line.removeprefix("Current · ").startswith("Assessment · 22 November 2026 ")
        assert f" · {person} · in Partnership Board, 20 June 2013 — " in line
    assert shown[0].startswith("Current · ") and not shown[1].startswith("Current")
    assert "14:02" in shown[-1] and "14:08" in shown[0]
    assert panel.versions.model().data(panel.model.index(1), Qt.ItemDataRole.AccessibleTextRole)
    # the newest version is chosen: what it changed, word by word, markers in the text
    assert focused() is panel.versions
    diff = panel.diff.toPlainText()
    assert "[+Families are told who to call.+]" in diff
    assert panel.compared.text().startswith("What this version changed: Assessment, ")
    assert "by Priya Shah" in panel.compared.text()
    assert not panel.restore_button.isEnabled()  # the current version is already current
    qtbot.keyClick(panel.versions, Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def test_two_versions_compare_word_by_word_and_one_is_restored(
    start_window, meeting_return: Path, seam, qtbot, monkeypatch
) -> None:
    advance = step_clock(monkeypatch, "2026-11-22T14:02:00+00:00")
    window = start_window([str(meeting_return), "--as", "Alice"])
    type_in_bursts(qtbot, window, seam, advance)
    seam.queue("ask_text", "Dana Smith")
    window.change_contributor()
    panel = open_panel(qtbot, window)
    # a click and a Ctrl+click choose the newest and the oldest: compared, oldest first
    click_row(qtbot, panel, 0)
    click_row(qtbot, panel, 3, CTRL)
    assert [v.who for v in panel.chosen()] == ["Priya Shah", "Priya Shah"]
    diff = panel.diff.toPlainText()
    assert diff.startswith("Registers are kept by the CCG. [+The council holds a copy.")
    assert diff.endswith("Families are told who to call.+]")
    assert "compared with the version of" in panel.compared.text()
    assert "words added" in panel.diff.accessibleDescription()
    assert not panel.restore_button.isEnabled()  # two chosen: which one would it be?
    # one version chosen: what it changed, and it can be restored
    click_row(qtbot, panel, 2)
    assert [v.who for v in panel.chosen()] == ["Tom Reed"]
    assert panel.diff.toPlainText().endswith("[+The council holds a copy.+]")
    seam.queue("ask", True)
    click(qtbot, panel.restore_button)
    question = seam.called("ask")[-1]
    assert (
        "Put 4.5's assessment back to the version of 22 November 2026 14:04 by Tom Reed"
        in (question[2])
    )
    assert "new change by Dana Smith" in question[2]
    expected = "Registers are kept by the CCG. The council holds a copy."
    card = window.view.card("4.5")
    assert card.narrative.toPlainText() == expected  # the card shows it at once
    assert panel.model.line(0).startswith("Current · Assessment · ")
    assert " · Dana Smith · " in panel.model.line(0)
    assert "Restored: 4.5's assessment is the version of" in panel.message.text()
    assert panel.model.rowCount() == 5  # nothing is deleted
    qtbot.keyClick(panel.versions, Key.Key_Escape)
    assert window.session.save_now()
    with ReturnDocument.open(meeting_return, "Reader", read_only=True) as copy:
        assert copy.answer("4.5").narrative == expected
        newest = copy.field_versions("4.5")[0]
        assert (newest.who, newest.value, newest.meeting) == ("Dana Smith", expected, "m1")


def test_ctrl_h_opens_the_history_of_the_answer_being_typed(
    start_window, make_return, seam, qtbot
) -> None:
    path = make_return(answers={"2.1": ([2], "Pooled budget agreed.")})
    window = start_window([str(path), "--as", "Alice"])
    card = window.view.show_question("2.1")
    assert focused() is card.narrative
    qtbot.keyClick(card.narrative, Key.Key_H, CTRL)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), HistoryPanel))
    panel = QApplication.activeModalWidget()
    assert isinstance(panel, HistoryPanel) and panel.ref == "2.1"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    assert [panel.model.version(r).field for r in range(2)] == ["narrative", "codes"]
    assert panel.model.line(0).startswith("Current · Assessment · ")
    assert panel.model.line(0).endswith(" · Setup · outside meetings — Pooled budget agreed.")
    # the field filter narrows the list; the keyboard reaches everything
    panel.field_choice.setFocus()
    qtbot.keyClick(panel.field_choice, Key.Key_Down)
    assert panel.field_choice.currentText() == "Assessment"
    assert panel.model.rowCount() == 1
    qtbot.keyClick(focused(), Key.Key_H, CTRL)  # Ctrl+H again closes it
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert seam.called("ask_text") == []


def test_an_answer_with_200_versions_opens_with_its_rows_loaded_as_needed(
    start_window, make_return, qtbot, monkeypatch
) -> None:
    advance = step_clock(monkeypatch)
    path = make_return()
    with ReturnDocument.open(path, "Priya Shah") as document:
        for step in range(200):
            document.editor = ("Priya Shah", "Tom Reed", "Ann Baker")[step % 3]
            document.set_narrative("4.5", f"Version {step} of the register text.")
            advance(61)
    window = start_window([str(path), "--as", "Alice"])
    panel = open_panel(qtbot, window)
    assert len(panel.session.field_versions("4.5")) == 200
    assert panel.model.rowCount() < 200  # the rest come as the list is scrolled
    qtbot.keyClick(panel.versions, Key.Key_End, CTRL)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 200)
    assert "Version 0 of the register text." in panel.model.line(199)


def test_the_panel_fits_a_1024_by_768_window_at_200_percent(
    start_window, make_return, qtbot
) -> None:
    path = make_return(answers={"4.5": ([1], "Registers are kept by the CCG. " * 30)})
    window = start_window([str(path), "--as", "Alice"])
    projector_at_200(qtbot, window)
    panel = open_panel(qtbot, window)
    shown = (panel.field_choice, panel.versions, panel.diff, panel.restore_button)
    assert_dialog_fits_projector(window, panel, shown)
    assert panel.font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF())


def test_the_current_mark_is_never_elided_away(start_window, make_return, qtbot) -> None:
    path = make_return(answers={"4.5": ([1], "Registers are kept by the CCG. " * 30)})
    window = start_window([str(path), "--as", "Alice"])
    projector_at_200(qtbot, window)
    panel = open_panel(qtbot, window)
    view = panel.versions
    for row, field in enumerate(("Assessment", "Coded as")):  # each field's newest: current
        line = panel.model.line(row)
        assert line.startswith(f"Current · {field} · "), line
        width = view.visualRect(panel.model.index(row)).width()
        shown = view.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, width)
        assert shown.startswith(f"Current · {field}"), shown  # as the list shows it
    assert len(panel.model.line(0)) > len(shown)  # the long text is what is cut


def test_ctrl_h_outside_a_card_asks_which_question(start_window, make_return, seam, qtbot) -> None:
    path = make_return(answers={"9.1": ([1], "Data are shared monthly.")})
    window = start_window([str(path), "--as", "Alice"])
    window.view.tabs.tabBar().setFocus()
    seam.queue("ask_text", "12.9")
    qtbot.keyClick(focused(), Key.Key_H, CTRL)
    assert seam.called("warn")[-1][2] == "There is no question “12.9” in this stocktake."
    assert QApplication.activeModalWidget() is None
    seam.queue("ask_text", "Q9.1")
    qtbot.keyClick(focused(), Key.Key_H, CTRL)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), HistoryPanel))
    panel = QApplication.activeModalWidget()
    assert isinstance(panel, HistoryPanel) and panel.ref == "9.1"
    panel.reject()
