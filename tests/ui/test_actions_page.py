"""Actions by keys: added from a question (Ctrl+Shift+A and the card's button), listed on the
Actions page, filtered by owner, question and status, sorted, ticked off, changed, and
followed to their question; the file holds them. The page fits a projector at 200%."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QComboBox

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Attendee
from tests.helpers import BOARD, PRIYA, TOM
from tests.ui.conftest import focused, named, settle
from tests.ui.helpers import send_keys
from ui.meeting.action_dialog import ActionDialog
from ui.pages.actions_model import ID, QUESTION
from ui.pages.actions_page import ActionsPage
from ui.pages.return_view import ReturnView

Key = Qt.Key
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def in_a_meeting(returns_dir: Path) -> Path:
    path = returns_dir / "leics.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Setup") as document:
        document.start_meeting(*BOARD, [Attendee(*PRIYA), Attendee(*TOM)])
    return path


def press(qtbot, key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def action_dialog(qtbot) -> ActionDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ActionDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ActionDialog)
    qtbot.waitUntil(lambda: focused() is dialog.text)
    return dialog


def add_by_keys(qtbot, window, text: str, owner: str, due: str) -> None:
    """In the action dialog: what, Tab, the owner (picked from the completion), Tab, due, Enter."""
    dialog = action_dialog(qtbot)
    send_keys(qtbot, text)
    press(qtbot, Key.Key_Tab)
    assert focused() is dialog.owner
    send_keys(qtbot, owner[:3].lower())
    popup = dialog.owner.completer().popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Key.Key_Down)
    qtbot.keyClick(popup, Key.Key_Return)
    assert dialog.owner.text() == owner
    press(qtbot, Key.Key_Tab)
    assert focused() is dialog.due.edit
    send_keys(qtbot, due)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def actions_page(view: ReturnView) -> ActionsPage:
    """The Actions page, once made (looked up afresh: mypy would keep it None after the check
    that it was not made yet)."""
    page = view.meetings.actions_page
    assert page is not None
    return page


def rows(page) -> list[str]:
    """The action numbers in the table as shown (filtered and sorted)."""
    proxy = page.proxy
    return [proxy.index(row, ID).data() for row in range(proxy.rowCount())]


def choose(qtbot, box: QComboBox, text: str) -> None:
    """Choose ``text`` in a combo box with the arrow keys, as a person would."""
    box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(box, Key.Key_Home)
    for _ in range(box.count()):
        if box.currentText() == text:
            return
        qtbot.keyClick(box, Key.Key_Down)
    assert box.currentText() == text


def test_actions_added_by_keys_filtered_sorted_ticked_off_and_followed(
    start_window, in_a_meeting: Path, qtbot
) -> None:
    window = start_window([str(in_a_meeting), "--as", "Alice"])
    view = window.view
    assert view.meetings.actions_index == view.completion_index + 1  # a meeting: the tab

    # Ctrl+Shift+A in 4.5's narrative: an action on 4.5
    card = view.show_question("4.5")
    assert focused() is card.narrative
    qtbot.keyClick(card.narrative, Key.Key_A, CTRL_SHIFT)
    assert action_dialog(qtbot).ref == "4.5"
    add_by_keys(qtbot, window, "Agree who owns the register", PRIYA[0], "15/7/2013")
    label = card.agreement.actions_label
    assert label.isVisible()
    expected = "Actions: Agree who owns the register (Priya Shah, due 15 July 2013, open)."
    assert label.text() == expected

    # the card's own button, on 4.6
    other = view.show_question("4.6")
    other.agreement.add_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Key.Key_Space)
    assert action_dialog(qtbot).ref == "4.6"
    add_by_keys(qtbot, window, "Cost the housing options", TOM[0], "1/7/13")
    # and another on 4.5, with no due date
    card.support.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(card.support, Key.Key_A, CTRL_SHIFT)
    dialog = action_dialog(qtbot)
    press(qtbot, Key.Key_Return)  # nothing said yet: not added
    assert dialog.isVisible() and dialog.problem.text() == "Please say what the action is."
    send_keys(qtbot, "Share the register with providers")
    press(qtbot, Key.Key_Tab)
    send_keys(qtbot, TOM[0])
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert [a.id for a in window.session.actions()] == ["a1", "a2", "a3"]

    # View › Actions: the page, the keyboard in its table
    window.show_actions()
    page = actions_page(view)
    assert view.tabs.currentIndex() == view.meetings.actions_index
    qtbot.waitUntil(lambda: focused() is page.table)
    assert rows(page) == ["a1", "a2", "a3"]
    assert page.summary.text() == "3 actions: 3 open, 0 done."
    table = page.proxy
    assert [table.index(0, c).data() for c in range(6)] == [
        "a1",
        "4.5",
        "Agree who owns the register",
        PRIYA[0],
        "15 July 2013",
        "Open",
    ]

    # filter by owner, by question, by status (Alt+O, Alt+Q, Alt+T, then the arrow keys)
    qtbot.keyClick(page, Key.Key_O, ALT)
    assert focused() is page.owner
    assert [page.owner.itemText(i) for i in range(page.owner.count())] == [
        "Everyone",
        PRIYA[0],
        TOM[0],
    ]
    press(qtbot, Key.Key_Down)
    assert rows(page) == ["a1"]
    press(qtbot, Key.Key_Down)
    assert rows(page) == ["a2", "a3"]
    qtbot.keyClick(page, Key.Key_Q, ALT)
    choose(qtbot, page.question, "4.5")
    assert rows(page) == ["a3"]
    choose(qtbot, page.owner, "Everyone")
    assert rows(page) == ["a1", "a3"]
    choose(qtbot, page.question, "All questions")

    # sort: by due date (undated last), by owner, and by a column heading
    qtbot.keyClick(page, Key.Key_R, ALT)
    assert focused() is page.sort
    choose(qtbot, page.sort, "Due date")
    assert rows(page) == ["a2", "a1", "a3"]
    choose(qtbot, page.sort, "Owner")
    assert rows(page) == ["a1", "a2", "a3"]
    header = page.table.horizontalHeader()
    middle = header.sectionViewportPosition(QUESTION) + header.sectionSize(QUESTION) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, header.height() // 2)
    )
    assert rows(page) == ["a1", "a3", "a2"]
    assert page.sort.currentText() == "Question"

    # Space ticks off the current action; Done filters; F2 changes the status in place
    page.focus_table()
    page.table.setCurrentIndex(page.proxy.index(2, 0))  # a2, on 4.6
    press(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: page.summary.text() == "3 actions: 2 open, 1 done.")
    assert page.done_button.text() == "&Mark open again"
    assert "done" in other.agreement.actions_label.text()
    choose(qtbot, page.status, "Done")
    assert rows(page) == ["a2"]
    choose(qtbot, page.status, "Open and done")
    page.focus_table()
    page.table.setCurrentIndex(page.proxy.index(0, 5))  # a1's status
    press(qtbot, Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QComboBox) and editor.currentText() == "Open"
    qtbot.keyClick(editor, Key.Key_Down)
    qtbot.keyClick(editor, Key.Key_Return)
    qtbot.waitUntil(lambda: page.summary.text() == "3 actions: 1 open, 2 done.")

    # Change…: any detail of the action
    page.table.setFocus(Qt.FocusReason.OtherFocusReason)
    page.table.setCurrentIndex(page.proxy.index(1, 0))  # a3
    page.change_button.click()
    dialog = action_dialog(qtbot)
    assert dialog.text.text() == "Share the register with providers"
    press(qtbot, Key.Key_End)
    send_keys(qtbot, " and families")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # Enter on a row goes to its question
    page.focus_table()
    page.table.setCurrentIndex(page.proxy.index(2, 2))  # a2, on 4.6
    press(qtbot, Key.Key_Return)
    assert view.tabs.currentIndex() == 4
    assert focused() is view.card("4.6").narrative
    assert window.session.save_now()
    window.close()

    with ReturnDocument.open(in_a_meeting, "Reader", read_only=True) as document:
        actions = {a.id: a for a in document.actions()}
        assert actions["a1"].owner == PRIYA[0] and actions["a1"].due == "2013-07-15"
        assert actions["a1"].status == "done" and actions["a2"].status == "done"
        assert actions["a2"].ref == "4.6" and actions["a2"].due == "2013-07-01"
        assert actions["a3"].text == "Share the register with providers and families"
        assert actions["a3"].due == "" and actions["a3"].status == "open"
        assert {a.meeting for a in actions.values()} == {"m1"}


def test_no_meeting_no_actions_tab_until_an_action_is_added(
    start_window, make_return, seam, qtbot
) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    view = window.view
    assert view.meetings.actions_page is None
    assert view.tabs.count() == view.completion_index + 1  # Completion is the last tab
    # Ctrl+Shift+A away from any question asks which one
    view.about.focus_heading()
    seam.queue("ask_text", "Q7.1")
    qtbot.keyClick(focused(), Key.Key_A, CTRL_SHIFT)
    dialog = action_dialog(qtbot)
    assert dialog.ref == "7.1"
    send_keys(qtbot, "Write to the provider")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: view.meetings.actions_page is not None)
    assert view.tabs.tabText(view.tabs.count() - 1) == "Actions"
    assert named(view, "Actions table") is actions_page(view).table
    assert window.session.actions()[0].meeting == ""  # set outside any meeting
    # a double click on the action goes to its question
    page = window.view.meetings.show_actions()
    settle(page)
    cell = page.table.visualRect(page.proxy.index(0, 2)).center()
    # a double click is a click and then the second press (QTest's alone starts no pair)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert view.tabs.currentIndex() == 7
    assert focused() is view.card("7.1").narrative


def test_the_actions_page_fits_a_projector_at_200_percent(
    start_window, in_a_meeting: Path, qtbot
) -> None:
    with ReturnDocument.open(in_a_meeting, "Setup") as document:
        for ref in ("1.1", "4.5", "9.2"):
            document.add_action(ref, "Agree who owns the register " * 3, PRIYA[0], "1/7/2013")
    window = start_window([str(in_a_meeting), "--as", "Alice"])
    window.zoom.set_factor(2.0)
    settle(window)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 768))
    page = window.view.meetings.show_actions()
    settle(page)
    inside = QRect(page.mapToGlobal(page.rect().topLeft()), page.size())
    for widget in (page.table, page.sort, page.status, page.change_button, page.hint):
        box = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
        assert inside.contains(box), widget.accessibleName()
    assert page.table.viewport().height() > 3 * page.fontMetrics().lineSpacing()
    assert page.table.horizontalScrollBar().maximum() == 0  # the columns fit the width


@pytest.fixture
def two_actions(in_a_meeting: Path) -> Path:
    """a1 on 4.5 (Priya Shah) and a2 on 1.2 (Tom Reed): sorted by question, a2 comes first."""
    with ReturnDocument.open(in_a_meeting, "Setup") as document:
        document.add_action("4.5", "Agree who owns the LD register", PRIYA[0], "2013-07-01")
        document.add_action("1.2", "Bring housing into the partner list", TOM[0], "2013-06-30")
    return in_a_meeting


def selected(page) -> list[str]:
    """The action numbers of the highlighted rows."""
    chosen = page.table.selectionModel().selectedRows(ID)
    return [index.data() for index in chosen]


def test_tab_into_the_table_highlights_the_row_space_acts_on(
    start_window, two_actions: Path, qtbot
) -> None:
    window = start_window([str(two_actions), "--as", "Alice"])
    view = window.view
    view.tabs.setCurrentIndex(view.meetings.actions_index)  # the tab, not View › Actions
    page = actions_page(view)
    settle(page)
    qtbot.keyClick(page, Key.Key_R, ALT)  # So&rt by: Question
    choose(qtbot, page.sort, "Question")
    assert rows(page) == ["a2", "a1"]
    press(qtbot, Key.Key_Tab)
    assert focused() is page.table
    assert selected(page) == ["a2"]  # the first row shown is highlighted: Space acts on it
    assert page.done_button.isEnabled()
    press(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: page.summary.text() == "2 actions: 1 open, 1 done.")
    done = {a.id for a in window.session.actions() if a.status == "done"}
    assert done == {"a2"}
    assert selected(page) == ["a2"]  # still the highlighted one
    # the highlight follows the arrow keys, and Space follows the highlight
    press(qtbot, Key.Key_Down)
    assert selected(page) == ["a1"]
    # with no row highlighted Space does nothing and Mark done is off
    page.table.clearSelection()
    assert not page.done_button.isEnabled()
    press(qtbot, Key.Key_Space)
    assert {a.id for a in window.session.actions() if a.status == "done"} == {"a2"}


def test_the_summary_says_how_many_of_the_actions_the_filters_show(
    start_window, two_actions: Path, qtbot
) -> None:
    window = start_window([str(two_actions), "--as", "Alice"])
    page = window.view.meetings.show_actions()
    settle(page)
    assert page.summary.text() == "2 actions: 2 open, 0 done."
    qtbot.keyClick(page, Key.Key_O, ALT)  # &Owner: Priya Shah
    press(qtbot, Key.Key_Down)
    assert rows(page) == ["a1"]
    assert page.summary.text() == "1 of 2 actions shown: 1 open, 0 done."
    page.focus_table()
    press(qtbot, Key.Key_Space)
    qtbot.waitUntil(lambda: page.summary.text() == "1 of 2 actions shown: 0 open, 1 done.")
    qtbot.keyClick(page, Key.Key_T, ALT)  # S&tatus: Open
    press(qtbot, Key.Key_Down)
    assert rows(page) == []
    assert page.summary.text() == "0 of 2 actions shown."
    choose(qtbot, page.status, "Open and done")
    choose(qtbot, page.owner, "Everyone")
    assert page.summary.text() == "2 actions: 1 open, 1 done."
