"""Accessible names, tab order, keyboard use, zoom, and no clipped text at 200%."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from stocktake_desktop.template import default_template
from tests.ui.conftest import settle
from ui.look.theme import set_relative_font
from ui.main_window import focus_chain
from ui.widgets.question_card import QuestionCard

#: Generous: layouts take a few event-loop turns, and many more on a loaded machine.
LAYOUT_TIMEOUT_MS = 5000


def test_every_input_is_named_with_its_question_number(start_window, make_return) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    view = window.view
    view.ensure_all_pages()
    questions = default_template().questions
    assert len(questions) == 61
    for question in questions:
        ref = question.ref
        card = view.card(ref)
        assert card.narrative.accessibleName() == f"{ref} narrative"
        assert card.chooser.accessibleName() == f"{ref} status"
        for code in question.codes:
            name = card.chooser.buttons[code.value].accessibleName()
            assert name == f"{ref} status: {code.value}, {code.label}"
        assert card.good_practice.accessibleName() == f"{ref} good practice"
        assert card.note.accessibleName() == f"{ref} good practice note"
        assert card.support.accessibleName() == f"{ref} support required"
        assert card.evidence.add_button.accessibleName() == f"{ref} attach evidence files"
        assert card.chooser.clear_button.accessibleName() == f"{ref} clear status"
        # visible labels are tied to their fields
        assert card.narrative_label.buddy() is card.narrative
        assert card.note_label.buddy() is card.note
        assert card.support_label.buddy() is card.support


def test_the_tab_order_reaches_every_input_in_question_order(
    start_window, make_return, tmp_path, qtbot
) -> None:
    from stocktake_desktop.document import ReturnDocument

    path = make_return()
    files = [tmp_path / "one.pdf", tmp_path / "two.pdf"]
    for file in files:
        file.write_bytes(b"evidence")
    with ReturnDocument.open(path, "Setup") as document:
        document.add_evidence("4.5", files[0])
    window = start_window([str(path), "--as", "Alice"])
    view = window.view
    view.ensure_all_pages()
    view.card("4.5").evidence.add_files([files[1]])  # a row made after the card
    qtbot.waitUntil(lambda: len(view.card("4.5").evidence.rows) == 2)
    chain = focus_chain(view.about.locality)
    position = {id(widget): index for index, widget in enumerate(chain)}
    narratives = []
    for question in default_template().questions:
        inputs = view.card(question.ref).inputs()
        indexes = [position[id(widget)] for widget in inputs if id(widget) in position]
        assert len(indexes) == len(inputs), f"{question.ref}: an input is not in the tab order"
        assert indexes == sorted(indexes), f"{question.ref}: inputs out of order"
        narratives.append(position[id(view.card(question.ref).narrative)])
    assert narratives == sorted(narratives)
    assert all(
        widget.focusPolicy() & Qt.FocusPolicy.TabFocus for widget in view.card("4.5").inputs()
    )


def test_tab_moves_on_from_a_narrative_and_keys_drive_the_status(
    start_window, make_return, qtbot
) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    card: QuestionCard | None = window.view.show_question("4.5")
    assert card is not None
    assert QApplication.focusWidget() is card.narrative
    qtbot.keyClick(card.narrative, Qt.Key.Key_Tab)  # a tab in a narrative moves on, as in a form
    assert QApplication.focusWidget() is card.good_practice
    qtbot.keyClick(card.good_practice, Qt.Key.Key_Space)
    assert card.good_practice.isChecked()
    first = card.chooser.buttons[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert card.chooser.codes() == (0,)
    qtbot.keyClick(first, Qt.Key.Key_Down)  # arrows move through the choices, choosing each
    second = card.chooser.buttons[1]
    assert QApplication.focusWidget() is second
    assert card.chooser.codes() == (1,)
    assert window.session.document.answer("4.5").codes == (1,)
    # the section tabs work from the keyboard as well
    bar = window.view.tabs.tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Down)
    assert window.view.tabs.currentIndex() == 5


def test_zoom_scales_every_text_and_is_remembered(start_window, make_return, qtbot) -> None:
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    card = window.view.show_question("1.1")
    body = card.narrative.font().pointSizeF()
    heading = card.number_label.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: card.narrative.font().pointSizeF() == pytest.approx(body * 1.1))
    assert card.number_label.font().pointSizeF() == pytest.approx(heading * 1.1)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: card.narrative.font().pointSizeF() == pytest.approx(body * 1.25))
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: card.narrative.font().pointSizeF() == pytest.approx(body * 1.1))
    window.close()
    window = start_window([str(path), "--as", "Alice"])
    assert window.zoom.factor == 1.1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    narrative = window.view.card("1.1").narrative
    qtbot.waitUntil(lambda: narrative.font().pointSizeF() == body)


def _clipped(widget: QWidget) -> str | None:
    """Why ``widget``'s text would be cut off, or None."""
    if not widget.isVisible():
        return None
    hint = widget.minimumSizeHint()
    if isinstance(widget, QLabel) and widget.wordWrap():
        if widget.height() + 1 < widget.heightForWidth(widget.width()):
            return f"{widget.height()} < {widget.heightForWidth(widget.width())} high"
        return None
    if widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
        return f"{widget.size().toTuple()} < {hint.toTuple()}"
    return None


def _problems(widget: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {w.text()[:30]!r}: {why}"
        for w in widget.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and (why := _clipped(w))
    ]


def wait_until_nothing_is_clipped(qtbot, widget: QWidget, where: str) -> None:
    """Run the pending layouts now, then (as layouts may take a few more event-loop turns,
    more on a busy machine) wait until nothing is clipped rather than for a fixed time, and
    fail with what still is."""
    settle(widget)

    def nothing_clipped() -> None:
        problems = _problems(widget)
        assert not problems, f"{where}: {problems}"

    qtbot.waitUntil(nothing_clipped, timeout=LAYOUT_TIMEOUT_MS)


def test_nothing_is_clipped_at_200_percent(start_window, make_return, qtbot) -> None:
    long_text = "A narrative that runs over several lines when the text is large. " * 6
    path = make_return(answers={"8.1": ([1], long_text), "6.9": ([5], "Court order.")})
    window = start_window([str(path), "--as", "Alice"])
    window.resize(1280, 860)
    window.zoom.set_factor(2.0)
    view = window.view
    for index in range(view.page_count):  # every tab: About, the sections, Completion
        view.tabs.setCurrentIndex(index)
        wait_until_nothing_is_clipped(qtbot, view.tabs.currentWidget(), view.tabs.tabText(index))
    for ref in ("8.1", "6.10", "1.2"):
        editor = view.show_question(ref).narrative
        settle(editor)

        def tall_enough(editor=editor, ref=ref) -> None:
            assert editor.height() >= editor.content_height() - 2, ref

        qtbot.waitUntil(tall_enough, timeout=LAYOUT_TIMEOUT_MS)
    bar = view.tabs.tabBar()
    for index in range(bar.count()):
        assert bar.tabRect(index).height() >= bar.tabSizeHint(index).height()
    wait_until_nothing_is_clipped(qtbot, window.statusBar(), "the status bar")
    window.close_return()
    wait_until_nothing_is_clipped(qtbot, window.start_page, "the start page")


def test_relative_fonts_follow_the_application_font(qtbot) -> None:
    label = QLabel("Heading")
    qtbot.addWidget(label)
    set_relative_font(label, 1.5, bold=True)
    assert label.font().bold()
    assert label.font().pointSizeF() == QApplication.font().pointSizeF() * 1.5


def test_colours_come_from_the_palette(start_window, make_return, qapp, qtbot) -> None:
    """No style sheets or fixed colours: a dark or high-contrast palette is followed."""
    window = start_window([str(make_return()), "--as", "Alice"])
    window.view.ensure_all_pages()
    assert not qapp.styleSheet()
    assert not [w for w in QApplication.allWidgets() if w.styleSheet()]
    dark = QPalette(qapp.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, QColor(30, 30, 30)),
        (QPalette.ColorRole.Base, QColor(10, 10, 10)),
        (QPalette.ColorRole.Text, QColor(250, 250, 250)),
        (QPalette.ColorRole.ToolTipBase, QColor(60, 60, 0)),
    ):
        dark.setColor(role, colour)
    original = QPalette(qapp.palette())
    try:
        qapp.setPalette(dark)
        card = window.view.card("6.10")
        qtbot.waitUntil(lambda: card.palette().color(card.backgroundRole()) == QColor(10, 10, 10))
        assert card.narrative.palette().color(QPalette.ColorRole.Text) == QColor(250, 250, 250)
        notice = card.depends_notice
        assert notice.palette().color(notice.backgroundRole()) == QColor(60, 60, 0)
    finally:
        qapp.setPalette(original)


def test_window_shortcuts_work_while_typing_in_a_narrative(
    start_window, make_return, qtbot
) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    card: QuestionCard | None = window.view.show_question("4.5")
    assert card is not None
    editor = card.narrative
    assert QApplication.focusWidget() is editor
    base = editor.font().pointSizeF()
    qtbot.keyClick(editor, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.factor == 1.1
    qtbot.waitUntil(lambda: editor.font().pointSizeF() == pytest.approx(base * 1.1))
    qtbot.keyClick(editor, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom.factor == 1.0
    qtbot.keyClick(editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.view.tabs.currentIndex() == 5
    assert editor.toPlainText() == ""
    # the keyboard focus starts at the top of the new page
    assert QApplication.focusWidget() is window.view.section_page(5).guidance_toggle
