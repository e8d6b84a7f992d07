"""Status codes by keyboard: 1.2's codes each a tab stop, arrows choosing one code, and the
group entered at its chosen code from either direction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.template import default_template
from tests.ui.conftest import click, focused, named

SHIFT = Qt.KeyboardModifier.ShiftModifier
TEMPLATE = default_template()
CODES_1_2 = [f"1.2 status: {c.value}, {c.label}" for c in TEMPLATE.question("1.2").codes]
WARNING = "‘0 – No’ is ticked with other codes: is that right?"


def tab(backwards: bool = False) -> str:
    """Press Tab (or Shift+Tab) where the focus is; the accessible name focused next."""
    from pytestqt.qtbot import QtBot

    if backwards:
        QtBot.keyClick(focused(), Qt.Key.Key_Backtab, SHIFT)
    else:
        QtBot.keyClick(focused(), Qt.Key.Key_Tab)
    return focused().accessibleName()


def press(key: Qt.Key) -> str:
    from pytestqt.qtbot import QtBot

    QtBot.keyClick(focused(), key)
    return focused().accessibleName()


def before_codes(ref: str) -> str:
    """The stop Tab leaves for ``ref``'s codes: its card's first, History (the card before
    ends with its support, agreement and actions)."""
    return f"{ref} history — {TEMPLATE.question(ref).text}"


def _open(start_window, path: Path, ref: str):
    window = start_window([str(path), "--as", "Alice"])
    window.view.show_question(ref)
    return window


def _start_at(window, name: str) -> None:
    """Put the focus on a field as a click would (the keys do the rest)."""
    widget = named(window.view, name)
    window.view.show_question(name.split()[0], focus=False)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    assert focused() is widget


def _codes(path: Path, ref: str) -> tuple[int, ...]:
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        return document.answer(ref).codes


def test_every_1_2_code_is_reached_by_tab_and_ticked_by_space(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window = _open(start_window, path, "1.2")
    _start_at(window, before_codes("1.2"))
    ticked = {1, 3, 5, 7}
    for value, name in enumerate(CODES_1_2):
        assert tab() == name
        if value in ticked:
            assert press(Qt.Key.Key_Space) == name
    assert tab() == "1.2 clear status"
    assert tab() == "1.2 narrative"
    assert window.session.document.answer("1.2").codes == (1, 3, 5, 7)
    # and back again: Shift+Tab reaches every code too, and Space unticks
    assert tab(backwards=True) == "1.2 clear status"
    for value, name in reversed(list(enumerate(CODES_1_2))):
        assert tab(backwards=True) == name
        if value == 5:
            press(Qt.Key.Key_Space)
    assert tab(backwards=True) == before_codes("1.2")
    window.close()
    assert _codes(path, "1.2") == (1, 3, 7)


def test_arrow_keys_move_between_1_2_codes_without_ticking_or_scrolling(
    start_window, make_return, qtbot
) -> None:
    window = _open(start_window, make_return(), "1.2")
    _start_at(window, before_codes("1.2"))
    assert tab() == CODES_1_2[0]
    page = window.view.section_page(1)
    for name in CODES_1_2[1:]:
        assert press(Qt.Key.Key_Down) == name
    assert press(Qt.Key.Key_Down) == CODES_1_2[-1]  # the last code stays put
    scrolled = page.verticalScrollBar().value()
    assert press(Qt.Key.Key_Down) == CODES_1_2[-1]
    assert page.verticalScrollBar().value() == scrolled  # Down never scrolls the page
    assert press(Qt.Key.Key_Up) == CODES_1_2[-2]
    assert press(Qt.Key.Key_Home) == CODES_1_2[0]
    assert press(Qt.Key.Key_End) == CODES_1_2[-1]
    assert window.session.document.answer("1.2").codes == ()


def test_arrow_keys_choose_a_single_code(start_window, make_return, qtbot) -> None:
    path = make_return()
    window = _open(start_window, path, "1.3")
    _start_at(window, before_codes("1.3"))
    assert tab() == "1.3 status: 0, No"  # entering the group chooses nothing
    document = window.session.document
    assert document.answer("1.3").codes == ()
    assert press(Qt.Key.Key_Down) == "1.3 status: 1, Yes"
    assert document.answer("1.3").codes == (1,)
    assert press(Qt.Key.Key_Down) == "1.3 status: 2, Not clear"
    assert document.answer("1.3").codes == (2,)
    assert press(Qt.Key.Key_Right) == "1.3 status: 3, In development"
    assert press(Qt.Key.Key_Down) == "1.3 status: 3, In development"  # no wrapping round
    assert press(Qt.Key.Key_Up) == "1.3 status: 2, Not clear"
    assert press(Qt.Key.Key_Home) == "1.3 status: 0, No"
    assert document.answer("1.3").codes == (0,)
    assert press(Qt.Key.Key_End) == "1.3 status: 3, In development"
    assert press(Qt.Key.Key_Left) == "1.3 status: 2, Not clear"
    assert press(Qt.Key.Key_Space) == "1.3 status: 2, Not clear"  # Space keeps the choice
    assert document.answer("1.3").codes == (2,)
    card = window.view.card("1.3")
    assert [b.isChecked() for b in card.chooser.buttons.values()] == [False, False, True, False]
    window.close()
    assert _codes(path, "1.3") == (2,)


def test_tab_enters_a_single_choice_group_at_its_chosen_code(
    start_window, make_return, qtbot
) -> None:
    path = make_return(answers={"1.3": ([2], ""), "1.4": ([], "")})
    window = _open(start_window, path, "1.3")
    _start_at(window, before_codes("1.3"))
    assert tab() == "1.3 status: 2, Not clear"  # not 0: the chosen code
    assert tab() == "1.3 clear status"  # the other codes are not tab stops
    assert tab() == "1.3 narrative"
    assert tab(backwards=True) == "1.3 clear status"
    assert tab(backwards=True) == "1.3 status: 2, Not clear"
    assert tab(backwards=True) == before_codes("1.3")
    # a group with nothing chosen is entered at its first code, from either side
    _start_at(window, before_codes("1.4"))
    assert tab() == "1.4 status: 0, No"
    assert tab() == "1.4 narrative"  # Clear status is off while nothing is chosen
    assert tab(backwards=True) == "1.4 status: 0, No"
    # choosing with the mouse moves the tab stop to the code chosen
    click(qtbot, named(window.view, "1.4 status: 3, Not clear"))
    _start_at(window, before_codes("1.4"))
    assert tab() == "1.4 status: 3, Not clear"


def test_shift_tab_and_tab_never_skip_a_group(start_window, make_return, qtbot) -> None:
    answers = {"1.1": ([1], "Yes."), "1.4": ([2], ""), "1.2": ([0, 3], "")}
    window = _open(start_window, make_return(answers=answers), "1.9")
    section = [q for q in TEMPLATE.questions if q.section_number == 1]
    _start_at(window, f"{section[-1].ref} support required")
    backwards = _walk(backwards=True, stop="Section 1 guidance")
    toggle = window.view.section_page(1).guidance_toggle
    assert toggle.accessibleName().startswith("Section 1 guidance")
    toggle.setFocus(Qt.FocusReason.MouseFocusReason)
    forwards = _walk(backwards=False, stop=f"{section[-1].ref} support required")
    for seen in (backwards, forwards):
        for question in section:
            codes = [n for n in seen if n.startswith(f"{question.ref} status: ")]
            if question.multiple:
                assert len(codes) == len(question.codes), question.ref
            else:
                assert len(codes) == 1, (question.ref, codes)
    for chosen in (
        "1.1 status: 1, Included in existing arrangement local",
        "1.4 status: 2, Yes (via SAF)",
    ):
        assert chosen in backwards and chosen in forwards


def _walk(*, backwards: bool, stop: str, limit: int = 400) -> list[str]:
    seen = [focused().accessibleName()]
    for _ in range(limit):
        name = tab(backwards=backwards)
        seen.append(name)
        if name.startswith(stop):
            return seen
    raise AssertionError(f"never reached {stop!r}: {seen[-10:]}")


def test_no_ticked_with_other_codes_gets_a_gentle_warning(start_window, make_return, qtbot) -> None:
    path = make_return()
    window = _open(start_window, path, "1.2")
    card = window.view.card("1.2")
    _start_at(window, before_codes("1.2"))
    assert tab() == CODES_1_2[0]
    press(Qt.Key.Key_Space)  # 0 – No on its own: nothing to say
    warnings = [w for w in card.findChildren(QLabel) if w.text() == WARNING]
    assert not any(w.isVisible() for w in warnings)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Space)  # and 2 – Children Services
    warnings = [w for w in card.findChildren(QLabel) if w.text() == WARNING]
    assert len(warnings) == 1 and warnings[0].isVisible()
    assert named(window.view, "1.2 status").accessibleDescription() == WARNING
    assert window.session.document.answer("1.2").codes == (0, 2)  # a warning, not a refusal
    press(Qt.Key.Key_Space)
    assert not warnings[0].isVisible()
    press(Qt.Key.Key_Space)
    window.close()
    assert _codes(path, "1.2") == (0, 2)

    # shown again when the return is opened
    window = _open(start_window, path, "1.2")
    warnings = [w for w in window.view.card("1.2").findChildren(QLabel) if w.text() == WARNING]
    qtbot.waitUntil(lambda: len(warnings) == 1 and warnings[0].isVisible())
    # single-choice questions never warn (one code cannot be "with others")
    assert not [w for w in window.view.card("1.3").findChildren(QLabel) if w.text() == WARNING]
