"""Find (Ctrl+F): every match, in any field and on any tab, is highlighted and scrolled into
view, at any zoom; Enter / F3 go forward, Shift+Enter / Shift+F3 back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from stocktake_desktop.document import ReturnDocument
from tests.ui.helpers import send_keys

FILLER = "The programme board met, reviewed the register and agreed the plan. " * 8
LONG = "\n\n".join([FILLER] * 12) + "\n\nThe zebracorn register is kept by the CCG."


@pytest.fixture
def window(start_window, returns_dir: Path):
    path = returns_dir / "leics.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Setup") as document:
        document.set_narrative("9.2", LONG)  # far down a long narrative, on tab 9
        document.set_good_practice("4.1", True)
        document.set_good_practice_note("4.1", "Zebracorn review panel")
        document.set_support_required("6.3", "Advice on the zebracorn budget, please.")
    return start_window([str(path), "--as", "Alice"])


def _in_view(page, widget: QWidget, rect: QRect) -> bool:
    """Whether ``rect`` (in ``widget``'s coordinates) is wholly inside the page's viewport."""
    viewport = page.viewport()
    where = QRect(widget.mapTo(viewport, rect.topLeft()), rect.size())
    return viewport.rect().contains(where)


def _stays_in_view(qtbot, page, widget: QWidget, rect: QRect) -> None:
    """``rect`` comes into view and is still there once layouts and late scrolling are done
    (the page's scroll position and size unchanged between two looks)."""
    qtbot.waitUntil(lambda: _in_view(page, widget, rect))
    last: list[object] = [None]

    def settled() -> bool:
        now = (page.verticalScrollBar().value(), page.widget().size())
        steady, last[0] = now == last[0], now
        return steady

    qtbot.waitUntil(settled)
    assert _in_view(page, widget, rect)


def _match_in_editor(editor, start: int, length: int) -> QRect:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(start)
    first = editor.cursorRect(cursor)
    cursor.setPosition(start + length)
    return first.united(editor.cursorRect(cursor))


def _search(qtbot, window, text: str):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.view.find_bar
    assert QApplication.focusWidget() is bar.edit
    send_keys(qtbot, text)
    qtbot.waitUntil(lambda: bar.result.text().endswith(" of 3"))
    return bar


def _check_narrative_match(qtbot, window) -> None:
    view = window.view
    assert view.tabs.currentIndex() == 9
    card = view.card("9.2")
    editor = card.narrative
    start = LONG.index("zebracorn")
    (selection,) = editor.extraSelections()
    assert selection.cursor.selectedText() == "zebracorn"
    assert selection.cursor.selectionStart() == start
    page = view.section_page(9)
    rect = _match_in_editor(editor, start, len("zebracorn"))
    _stays_in_view(qtbot, page, editor.viewport(), rect)
    # the card's top is far above: the page really scrolled down to the match
    assert not _in_view(page, card, QRect(QPoint(0, 0), card.number_label.size()))
    assert QApplication.focusWidget() is view.find_bar.edit  # typing goes on in the find bar


@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_a_match_far_down_a_narrative_on_another_tab_is_highlighted_in_view(
    window, qtbot, zoom
) -> None:
    window.zoom.set_factor(zoom)
    view = window.view
    assert view.tabs.currentIndex() == 0
    bar = _search(qtbot, window, "ZEBRACORN")
    # in question order: 4.1's note, 6.3's support required, 9.2's narrative
    assert [(ref, field) for ref, field, _s, _l in view._finder.matches] == [
        ("4.1", "good_practice_note"),
        ("6.3", "support_required"),
        ("9.2", "narrative"),
    ]
    assert bar.result.text() == "1 of 3"
    for _ in range(2):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.result.text() == "3 of 3"
    _check_narrative_match(qtbot, window)
    window.zoom.set_factor(1.0)


def test_every_field_is_shown_going_forward_and_back(window, qtbot) -> None:
    view = window.view
    bar = _search(qtbot, window, "zebracorn")
    # 1 of 5: the good practice note, selected, on tab 4
    assert view.tabs.currentIndex() == 4
    note = view.card("4.1").note
    assert note.selectedText() == "Zebracorn"
    _stays_in_view(qtbot, view.section_page(4), note, note.rect())
    # F3: 6.3's support required, marked
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.result.text() == "2 of 3"
    assert view.tabs.currentIndex() == 6
    support = view.card("6.3").support
    (selection,) = support.extraSelections()
    assert selection.cursor.selectedText() == "zebracorn"
    assert not note.hasSelectedText()  # the previous match is no longer marked
    start = support.toPlainText().index("zebracorn")
    rect = _match_in_editor(support, start, 9)
    _stays_in_view(qtbot, view.section_page(6), support.viewport(), rect)
    # Shift+F3 and Shift+Enter go back, round to the last
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.result.text() == "1 of 3"
    assert not support.extraSelections()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.result.text() == "3 of 3"
    assert view.tabs.currentIndex() == 9
    _check_narrative_match(qtbot, window)
    # F3 works with the focus in the page too
    view.card("9.1").narrative.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    assert bar.result.text() == "1 of 3"
    # Esc closes the bar and takes the marks away
    bar.edit.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert not note.hasSelectedText()


def test_a_match_in_a_question_text_is_selected(window, qtbot) -> None:
    view = window.view
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = view.find_bar
    send_keys(qtbot, "advocates")
    qtbot.waitUntil(lambda: bar.result.text() == "1 of 1")
    ref, field, _start, _length = view._finder.current
    assert field == "question"
    label = view.card(ref).text_label
    assert label.selectedText().lower() == "advocates"
    page = view.section_page(view.card(ref).question.section_number)
    _stays_in_view(qtbot, page, label, label.rect())
    assert view.tabs.currentIndex() == view.card(ref).question.section_number


def test_f3_with_nothing_sought_opens_the_find_bar(window, qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    bar = window.view.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.edit
