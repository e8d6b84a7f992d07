"""What changed in a meeting, by keys and clicks: answers changed in the meeting are listed with
their word-level differences, restoring everything to the start of the meeting is one
confirmation and one step that the file keeps, and undoing it is one step back; changes since
a date and time; the question links; fitting 1024 × 768 at 200%."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Attendee
from tests.helpers import (
    ACTION_REGISTER,
    BOARD,
    PRIYA,
    TOM,
    add_two_meetings,
    build_seed_return,
    pdf_body_text,
    squash,
)
from tests.ui.conftest import click, focused
from tests.ui.helpers import assert_dialog_fits_projector, projector_at_200, send_keys
from ui.history.changes_dialog import ChangesDialog
from ui.history.record_dialog import MeetingRecordDialog
from ui.main_window import MainWindow

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ADDED = " The board agreed this wording on the night."


@pytest.fixture
def meeting_return(returns_dir: Path) -> Path:
    """The seed return with the Partnership Board under way."""
    path = build_seed_return(returns_dir / "leics.stocktake", complete=False)
    with ReturnDocument.open(path, "Setup") as document:
        document.start_meeting(*BOARD, [Attendee(*PRIYA), Attendee(*TOM)])
    return path


def answers_of(path: Path) -> dict:
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        return document.answers()


def change_in_the_meeting(qtbot, window) -> None:
    """4.5's narrative gets a sentence and 2.1 another status code, by keys and a click."""
    card = window.view.show_question("4.5")
    qtbot.keyClick(card.narrative, Key.Key_End, CTRL)
    send_keys(qtbot, ADDED)
    qtbot.keyClick(card.narrative, Key.Key_Tab)
    card = window.view.show_question("2.1")
    chosen = card.chooser.codes()
    other = next(code for code in card.chooser.buttons if code not in chosen)
    click(qtbot, card.chooser.buttons[other])


def open_changes(qtbot, window) -> ChangesDialog:
    qtbot.keyClick(window, Key.Key_H, CTRL | SHIFT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ChangesDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ChangesDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_restore_everything_to_the_start_of_the_meeting_and_undo_it(
    start_window, meeting_return: Path, seam, qtbot
) -> None:
    before = answers_of(meeting_return)
    window = start_window([str(meeting_return), "--as", "Priya Shah"])
    change_in_the_meeting(qtbot, window)
    after_edit = window.session.document.answers()
    assert after_edit["4.5"].narrative.endswith(ADDED.strip())
    assert after_edit["2.1"].codes != before["2.1"].codes

    dialog = open_changes(qtbot, window)
    assert focused() is dialog.since
    assert dialog.since.currentText() == (
        "Changes made in this meeting (Partnership Board, 20 June 2013)"
    )
    assert dialog.summary.text() == "2 answers (2.1, 4.5) changed; 2 fields in all."
    shown = dialog.changes.toPlainText()
    assert "[+The board agreed this wording on the night.+]" in shown
    assert "Assessment — by Priya Shah (1 version, last " in shown
    assert shown.index("2.1") < shown.index("4.5")  # in the stocktake's order
    restore = dialog.restore_button
    assert restore.text().replace("&", "") == (
        "Restore everything to how it was at the start of the meeting"
    )

    seam.queue("ask", True)
    click(qtbot, restore)
    question = seam.called("ask")[-1][2]
    assert question.startswith(
        "Put 2 answers (2.1, 4.5) back to how they were at the start of Partnership Board, "
        "20 June 2013 ("
    )
    assert "as one change by Priya Shah" in question
    assert dialog.summary.text() == "No answer has changed."
    assert dialog.undo_button.isVisible() and focused() is dialog.undo_button
    assert dialog.message.text().startswith("Restored 2 fields in 2 answers (2.1, 4.5)")
    card = window.view.card("4.5")
    assert card.narrative.toPlainText() == before["4.5"].narrative  # the cards show it at once
    assert window.view.card("2.1").chooser.codes() == before["2.1"].codes
    assert window.session.save_now()
    assert answers_of(meeting_return) == before  # the file is back as it was

    # one step back: the answers as they were just before the restore
    qtbot.keyClick(dialog.undo_button, Key.Key_Space)
    assert not dialog.undo_button.isVisible()
    assert "undone" in dialog.message.text()
    assert window.session.save_now()
    assert answers_of(meeting_return) == after_edit
    assert card.narrative.toPlainText() == after_edit["4.5"].narrative
    assert dialog.summary.text().startswith("2 answers (2.1, 4.5) changed")
    qtbot.keyClick(dialog.since, Key.Key_Z, CTRL)  # nothing left to undo: nothing happens
    assert answers_of(meeting_return) == after_edit
    with ReturnDocument.open(meeting_return, "Reader", read_only=True) as document:
        newest = document.field_versions("4.5")[0]
        assert (newest.who, newest.meeting) == ("Priya Shah", "m1")  # nothing was deleted
        narratives = [v for v in document.field_versions("4.5") if v.field == "narrative"]
        assert len(narratives) == 4  # the seed's, the edit, the restore, the undo


def test_ctrl_z_undoes_the_restore_and_cancel_changes_nothing(
    start_window, meeting_return: Path, seam, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Priya Shah"])
    change_in_the_meeting(qtbot, window)
    edited = window.session.document.answers()
    dialog = open_changes(qtbot, window)
    seam.queue("ask", False)
    click(qtbot, dialog.restore_button)
    assert window.session.document.answers() == edited
    assert not dialog.undo_button.isVisible()
    seam.queue("ask", True)
    click(qtbot, dialog.restore_button)
    assert window.session.document.answers() != edited
    qtbot.keyClick(focused(), Key.Key_Z, CTRL)
    assert window.session.document.answers() == edited


def test_changes_since_a_date_and_time_and_the_links_to_questions(
    start_window, meeting_return: Path, seam, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Priya Shah"])
    change_in_the_meeting(qtbot, window)
    dialog = open_changes(qtbot, window)
    dialog.choose("Everything changed since a date and time")
    assert dialog.when_row.isVisible()
    assert dialog.day.edit.text()  # today, from midnight
    # since midnight today: the seed was built today as well, so every answer is listed
    assert dialog.summary.text().startswith("61 answers")
    dialog.day.edit.setFocus()
    dialog.day.edit.selectAll()
    send_keys(qtbot, "1/1/2099")
    qtbot.keyClick(dialog.day.edit, Key.Key_Return)
    assert dialog.summary.text() == "No answer has changed."
    assert "at 1 January 2099 00:00" in dialog.restore_button.accessibleName()
    dialog.choose("Changes made in this meeting")
    assert not dialog.when_row.isVisible()
    # the numbers are links: Tab reaches the first, Enter goes to that question
    dialog.changes.setFocus()
    qtbot.keyClick(dialog.changes, Key.Key_Tab)
    qtbot.keyClick(dialog.changes, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.waitUntil(lambda: focused() is window.view.card("2.1").narrative)


def changes_at_200(start_window, path: Path, qtbot) -> tuple[MainWindow, ChangesDialog]:
    """The window on a 1024 × 768 projector at 200%, What changed open on the meeting's."""
    window = start_window([str(path), "--as", "Priya Shah"])
    change_in_the_meeting(qtbot, window)
    projector_at_200(qtbot, window)
    return window, open_changes(qtbot, window)


def test_the_changes_fit_a_1024_by_768_window_at_200_percent(
    start_window, meeting_return: Path, qtbot
) -> None:
    window, dialog = changes_at_200(start_window, meeting_return, qtbot)
    shown = (dialog.since, dialog.summary, dialog.changes, dialog.restore_button)
    assert_dialog_fits_projector(window, dialog, shown)


def test_the_dialog_follows_the_zoom_keys_while_it_is_open(
    start_window, meeting_return: Path, qtbot
) -> None:
    window, dialog = changes_at_200(start_window, meeting_return, qtbot)
    text = dialog.changes
    big = text.fontMetrics().height()
    for widget in (dialog.since, dialog.changes):  # wherever the keyboard is in it
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(focused(), Key.Key_0, CTRL)  # Ctrl+0: actual size
        qtbot.waitUntil(lambda: window.zoom.factor == 1.0)
        qtbot.waitUntil(lambda: text.fontMetrics().height() < big * 0.7)
        assert dialog.summary.fontMetrics().height() < big * 0.7
        qtbot.keyClick(focused(), Key.Key_Plus, CTRL)  # Ctrl++: one step bigger
        qtbot.waitUntil(lambda: window.zoom.factor == 1.1)
        window.zoom.set_factor(2.0)
        qtbot.waitUntil(lambda: text.fontMetrics().height() >= big * 0.95)
    assert dialog.isVisible()


def test_restore_everything_is_offered_only_when_something_changed(
    start_window, meeting_return: Path, seam, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Priya Shah"])
    dialog = open_changes(qtbot, window)  # nothing changed yet in the meeting
    assert dialog.summary.text() == "No answer has changed."
    assert not dialog.restore_button.isEnabled()
    qtbot.keyClick(focused(), Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    change_in_the_meeting(qtbot, window)
    dialog = open_changes(qtbot, window)
    assert dialog.restore_button.isEnabled()
    seam.queue("ask", True)
    click(qtbot, dialog.restore_button)
    qtbot.waitUntil(lambda: dialog.summary.text() == "No answer has changed.")
    assert not dialog.restore_button.isEnabled()  # all restored: nothing left to restore
    assert dialog.undo_button.isVisible()
    qtbot.keyClick(dialog, Key.Key_Z, CTRL)  # the undo brings the changes back, and the button
    qtbot.waitUntil(lambda: dialog.summary.text() != "No answer has changed.")
    assert dialog.restore_button.isEnabled()


def trigger(window, text: str) -> None:
    """Choose a menu command by its words, as a click on it does."""
    action = next(a for a in window.findChildren(QAction) if a.text().replace("&", "") == text)
    action.trigger()


def test_export_meeting_record_writes_a_pdf_naming_the_meeting(
    start_window, returns_dir: Path, tmp_path: Path, seam, qtbot
) -> None:
    path = build_seed_return(returns_dir / "leics.stocktake")
    add_two_meetings(path)
    window = start_window([str(path), "--as", "Priya Shah"])
    trigger(window, "Export meeting record…")
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MeetingRecordDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MeetingRecordDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert focused() is dialog.meeting
    assert dialog.meeting.currentText() == "Health and Wellbeing Board, 27 June 2013"  # the last
    assert dialog.folder == returns_dir  # the return's own folder, to begin with
    qtbot.keyClick(dialog.meeting, Key.Key_Down)
    assert dialog.meeting.currentText() == "Partnership Board, 20 June 2013"
    out = tmp_path / "records"
    out.mkdir()
    seam.queue("choose_folder", out)
    click(qtbot, dialog.change_folder)
    assert dialog.folder_label.text() == str(out)
    click(qtbot, dialog.export_button)
    written = sorted(out.glob("*.pdf"))
    assert [p.name for p in written] == [
        "WV-Stocktake-2013_Leicestershire_Meeting-m1_2013-06-20.pdf"
    ]
    told = seam.called("inform")[-1][2]
    assert told == (
        f"The record of Partnership Board, 20 June 2013 was saved as {written[0].name} in {out}."
    )
    text = squash(pdf_body_text(written[0]))
    assert "Meeting record" in text and "Partnership Board, 20 June 2013" in text
    assert "Priya Shah" in text and ACTION_REGISTER in text
    assert QApplication.activeModalWidget() is None


def test_export_meeting_record_without_meetings_says_how_to_start_one(
    start_window, make_return, seam, qtbot
) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    trigger(window, "Export meeting record…")
    told = seam.called("inform")[-1][2]
    assert told.startswith("This return has no meetings yet. Start one with File › Start a")
    assert QApplication.activeModalWidget() is None


def test_the_meeting_record_is_written_during_the_meeting_with_its_changes(
    start_window, meeting_return: Path, tmp_path: Path, seam, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Priya Shah"])
    change_in_the_meeting(qtbot, window)
    trigger(window, "Export meeting record…")
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MeetingRecordDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MeetingRecordDialog)
    assert dialog.meeting.currentText() == "Partnership Board, 20 June 2013 (under way)"
    seam.queue("choose_folder", tmp_path)
    click(qtbot, dialog.change_folder)
    qtbot.keyClick(dialog.meeting, Key.Key_Return)  # Enter exports
    (record,) = tmp_path.glob("*.pdf")
    text = squash(pdf_body_text(record))
    assert "Still under way" in text and ADDED.strip() in text
