"""Editing by keyboard and mouse: pasting, undo, the 6.10 link, find, go to, the checklist."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtWidgets import QApplication

from stocktake_desktop.document import ReturnDocument
from tests.ui.conftest import ScriptedDialogs, click
from ui.widgets.find_bar import FindBar


def _open(start_window, make_return, answers=None):
    path = make_return(answers=answers)
    window = start_window([str(path), "--as", "Alice"])
    return path, window


def test_pasting_from_word_keeps_words_and_line_breaks_only(
    start_window, make_return, qtbot
) -> None:
    path, window = _open(start_window, make_return)
    card = window.view.show_question("2.1")
    editor = card.narrative
    word = QMimeData()
    word.setText("First line\x0bSecond line\x07\r\nThird\x00 line\x0c")
    word.setHtml("<p><b>First line</b><br>Second line</p><p>Third line</p>")
    QApplication.clipboard().setMimeData(word)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "First line\nSecond line\nThird line\n"
    assert "\x07" not in editor.toPlainText() and "\x0b" not in editor.toPlainText()

    # a web page: HTML only, with a table and a non-breaking space
    web = QMimeData()
    web.setHtml("<table><tr><td>Cell\u00a0A</td></tr><tr><td>Cell B</td></tr></table>")
    QApplication.clipboard().setMimeData(web)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    text = editor.toPlainText()
    assert "Cell A" in text and "Cell B" in text and "<" not in text and "\u00a0" not in text

    window.close()
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        assert document.answer("2.1").narrative == text


def test_undo_and_redo_in_a_narrative_and_no_undo_from_opening(
    start_window, make_return, qtbot
) -> None:
    path, window = _open(start_window, make_return, {"1.1": ([3], "Original words.")})
    editor = window.view.show_question("1.1").narrative
    assert not editor.document().isUndoAvailable()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " More words.")
    assert editor.toPlainText() == "Original words. More words."
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Original words."
    assert not editor.document().isUndoAvailable()
    qtbot.keyClick(
        editor,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.toPlainText() == "Original words. More words."
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.close()
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        assert document.answer("1.1").narrative == "Original words."


def test_1_2_takes_several_codes_and_a_choice_can_be_cleared(
    start_window, make_return, qtbot
) -> None:
    _path, window = _open(start_window, make_return)
    card = window.view.show_question("1.2")
    assert card.question.multiple
    for value in (5, 6, 7):
        click(qtbot, card.chooser.buttons[value])
    assert card.chooser.codes() == (5, 6, 7)
    other = window.view.show_question("1.3")
    click(qtbot, other.chooser.buttons[1])
    click(qtbot, other.chooser.clear_button)
    assert other.chooser.codes() == ()
    document = window.session.document
    assert document.answer("1.2").codes == (5, 6, 7)
    assert document.answer("1.3").codes == ()


def test_6_10_is_tied_to_6_9(start_window, make_return, qtbot) -> None:
    _path, window = _open(start_window, make_return)
    card = window.view.show_question("6.10")
    assert card.depends_notice is not None and card.depends_notice.isVisible()
    assert (
        "Follows on from 6.9" in card.depends_notice.findChildren(type(card.text_label))[1].text()
    )
    assert card.depends_status.text() == "6.9 has no status code yet."
    source = window.view.card("6.9")
    click(qtbot, source.chooser.buttons[0])
    assert card.depends_status.text() == "6.9 is currently coded: 0 - No."
    go = card.depends_notice.findChildren(type(card.chooser.clear_button))[0]
    assert go.text() == "Go to 6.9"
    click(qtbot, go)
    assert QApplication.focusWidget() is source.narrative


def test_find_across_questions_and_answers(start_window, make_return, qtbot) -> None:
    answers = {"2.1": ([1], "The zebracorn budget."), "9.2": ([1], "Zebracorn data held.")}
    _path, window = _open(start_window, make_return, answers)
    view = window.view
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar: FindBar = view.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.edit
    qtbot.keyClicks(bar.edit, "ZEBRACORN")
    qtbot.waitUntil(lambda: bar.result.text() == "1 of 2")
    assert view.tabs.currentIndex() == 2
    assert view.card("2.1").narrative.extraSelections()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.result.text() == "2 of 2"
    assert view.tabs.currentIndex() == 9
    # the questions' own words are searched too
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "advocates")
    qtbot.waitUntil(lambda: bar.result.text().endswith("of 2"))
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_go_to_a_question_by_number(
    start_window, make_return, qtbot, seam: ScriptedDialogs
) -> None:
    _path, window = _open(start_window, make_return)
    seam.queue("ask_text", " 6.10 ")
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.view.tabs.currentIndex() == 6
    assert QApplication.focusWidget() is window.view.card("6.10").narrative
    seam.queue("ask_text", "12.1")
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert "There is no question “12.1”" in seam.called("warn")[-1][2]


def test_completion_checklist_links_jump_to_questions(start_window, make_return, qtbot) -> None:
    answers = {q: ([1], "Done.") for q in ("1.1", "1.2")}
    _path, window = _open(start_window, make_return, answers)
    view = window.view
    view.tabs.setCurrentIndex(view.completion_index)
    page = view.completion
    assert page is not None
    assert page.verdict.text().startswith("Not ready to submit yet")
    first = page.items[0]
    assert first.text().startswith('<a href="1.3">Question 1.3</a>')
    qtbot.waitUntil(lambda: first.isVisible() and first.width() > 0)
    metrics = first.fontMetrics()
    qtbot.mouseClick(
        first,
        Qt.MouseButton.LeftButton,
        pos=QPoint(metrics.averageCharWidth() * 3, metrics.height() // 2),
    )
    assert view.tabs.currentIndex() == 1
    assert QApplication.focusWidget() is view.card("1.3").narrative

    # filling in "completed by" updates the checklist
    view.tabs.setCurrentIndex(view.completion_index)
    count = len(page.items)
    before = page.items[-1].text()
    assert "Name is missing" in before
    qtbot.keyClicks(page.completed_by["name"], "Alice Smith")
    page.completed_by["name"].editingFinished.emit()
    qtbot.waitUntil(lambda: "Name is missing" not in page.items[-1].text())
    assert len(page.items) == count
    assert window.session.document.completed_by()["name"] == "Alice Smith"


def test_sign_off_date(start_window, make_return, qtbot) -> None:
    _path, window = _open(start_window, make_return)
    view = window.view
    view.tabs.setCurrentIndex(view.completion_index)
    field = view.completion.sign_off_dates["chair_hwb"]
    click(qtbot, field.today)
    from datetime import date

    assert window.session.document.sign_off()["chair_hwb"][1] == date.today().isoformat()
    click(qtbot, field.edit)
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert window.session.document.sign_off()["chair_hwb"][1] == ""
    assert field.edit.text() == ""  # empty is no date (more in test_dates.py)


def test_one_line_fields_keep_out_control_characters(start_window, make_return, qtbot) -> None:
    _path, window = _open(start_window, make_return)
    card = window.view.show_question("5.1")
    clip = QMimeData()
    clip.setText("Joint\x07 panel\nwith families")
    QApplication.clipboard().setMimeData(clip)
    card.note.setFocus()
    qtbot.keyClick(card.note, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert card.note.text() == "Joint panel with families"
    qtbot.keyClick(card.note, Qt.Key.Key_Tab)  # leaving the field writes it
    assert window.session.document.answer("5.1").good_practice_note == "Joint panel with families"


def test_copying_from_a_narrative_then_quitting_exits_cleanly(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(root)!r})
        from PySide6.QtWidgets import QApplication
        from ui.widgets.narrative_edit import GrowingTextEdit
        app = QApplication([])
        editor = GrowingTextEdit()
        editor.setPlainText("Copied words")
        editor.selectAll()
        editor.copy()
        assert QApplication.clipboard().text() == "Copied words"
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen", "STOCKTAKE_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
