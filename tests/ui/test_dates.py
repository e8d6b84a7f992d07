"""Sign-off dates by keyboard: typed in British or ISO forms, read back, never a trap."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.template import default_template
from tests.ui.conftest import focused, named
from ui.meeting.action_dialog import ActionDialog
from ui.meeting.start_dialog import StartMeetingDialog

CHAIR = "Chair of the Health and Wellbeing Board"
CHAIR_DATE = f"{CHAIR} date signed"
CTRL = Qt.KeyboardModifier.ControlModifier


def _open_completion(start_window, path: Path) -> tuple[Any, QLineEdit]:
    window = start_window([str(path), "--as", "Alice"])
    view = window.view
    view.tabs.setCurrentIndex(view.completion_index)
    edit = named(view.completion, CHAIR_DATE)
    assert isinstance(edit, QLineEdit)
    return window, edit


def _focus(qtbot, edit: QLineEdit) -> None:
    qtbot.waitUntil(lambda: edit.isVisible() and edit.height() > 0)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert focused() is edit


def _saved(path: Path, role: str = "chair_hwb") -> str:
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        return document.sign_off()[role][1]


def _with_date(make_return, iso: str) -> Path:
    path = make_return()
    with ReturnDocument.open(path, "Setup") as document:
        document.set_sign_off("chair_hwb", date=iso)
    return path


@pytest.mark.parametrize(
    "typed",
    ["28/06/2013", "28/6/13", "28 June 2013", "28 Jun 2013", "28-06-2013", "2013-06-28"],
)
def test_a_typed_date_in_each_form_is_saved_as_iso_and_shown_in_words(
    start_window, make_return, qtbot, typed: str
) -> None:
    path = make_return()
    window, edit = _open_completion(start_window, path)
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, typed)
    assert edit.text() == typed  # nothing is put in front of what is typed
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert focused() is not edit
    assert edit.text() == "28 June 2013"
    message = named(window.view.completion, f"{CHAIR_DATE}: not understood")
    assert not message.isVisible()
    assert window.session.document.sign_off()["chair_hwb"][1] == "2013-06-28"
    window.close()
    assert _saved(path) == "2013-06-28"


def test_typing_is_saved_after_a_pause_without_leaving_the_field(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window, edit = _open_completion(start_window, path)
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, "5/7/2013")
    document = window.session.document
    qtbot.waitUntil(lambda: document.sign_off()["chair_hwb"][1] == "2013-07-05", timeout=3000)
    assert focused() is edit and edit.text() == "5/7/2013"  # not rewritten under the cursor
    window.close()
    assert _saved(path) == "2013-07-05"


def test_a_date_that_is_not_understood_is_kept_and_explained_and_nothing_is_saved(
    start_window, make_return, qtbot
) -> None:
    path = _with_date(make_return, "2013-07-01")
    window, edit = _open_completion(start_window, path)
    assert edit.text() == "1 July 2013"
    _focus(qtbot, edit)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "31/02/2013")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert focused() is not edit  # a wrong date never holds the focus
    assert edit.text() == "31/02/2013"
    message = named(window.view.completion, f"{CHAIR_DATE}: not understood")
    assert isinstance(message, QLabel) and message.isVisible()
    shown = message.text()
    assert "Date not understood." in shown and "There is no 31 February 2013" in shown
    assert "The return still has 1 July 2013." in shown
    description = edit.accessibleDescription()
    assert description.startswith("Date not understood. There is no 31 February 2013")
    assert window.session.document.sign_off()["chair_hwb"][1] == "2013-07-01"

    # words that are no date at all say what to type
    _focus(qtbot, edit)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "end of June")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "Type a date such as 28/06/2013 or 28 June 2013." in message.text()
    assert edit.text() == "end of June"

    # putting it right takes the message away as soon as the text is a date
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "2/7/2013")
    assert not message.isVisible()
    assert "Alt+Down" in edit.accessibleDescription()
    window.close()
    assert _saved(path) == "2013-07-02"


def test_a_bad_date_in_an_empty_field_says_nothing_is_saved(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window, edit = _open_completion(start_window, path)
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, "No date8/06/2013")  # what the old field made of a typed date
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    message = named(window.view.completion, f"{CHAIR_DATE}: not understood", QLabel)
    assert message.isVisible() and "No date is saved." in message.text()
    window.close()
    assert _saved(path) == ""


def test_an_emptied_field_is_no_date(start_window, make_return, qtbot) -> None:
    path = _with_date(make_return, "2013-07-01")
    window, edit = _open_completion(start_window, path)
    _focus(qtbot, edit)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.text() == ""
    assert window.session.document.sign_off()["chair_hwb"][1] == ""
    window.close()
    assert _saved(path) == ""


def test_tab_and_shift_tab_always_leave_a_date_field(start_window, make_return, qtbot) -> None:
    window, edit = _open_completion(start_window, make_return())
    page = window.view.completion
    name = named(page, f"{CHAIR}: name")
    calendar = named(page, f"{CHAIR_DATE}: open calendar")
    today = named(page, f"{CHAIR_DATE}: today")
    next_name = named(page, "Local Authority Chief Executive: name")
    for typed in ("", "28/06", "28/06/2013", "nonsense"):
        _focus(qtbot, edit)
        qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(edit, typed)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
        assert focused() is calendar, typed
        qtbot.keyClick(calendar, Qt.Key.Key_Tab)
        assert focused() is today
        qtbot.keyClick(today, Qt.Key.Key_Tab)
        assert focused() is next_name
        _focus(qtbot, edit)
        qtbot.keyClick(edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert focused() is name, typed
        qtbot.keyClick(name, Qt.Key.Key_Tab)
        assert focused() is edit


def _calendar() -> QCalendarWidget:
    popup = QApplication.activePopupWidget()
    assert popup is not None and popup.isVisible()
    calendar = popup.findChild(QCalendarWidget)
    assert calendar is not None and calendar.accessibleName() == f"{CHAIR_DATE}: calendar"
    return calendar


def test_the_calendar_opens_at_the_deadline_and_works_by_keyboard(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window, edit = _open_completion(start_window, path)
    deadline = default_template().deadline
    assert (deadline.year, deadline.month) == (2013, 7)
    _focus(qtbot, edit)
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = _calendar()
    assert (calendar.yearShown(), calendar.monthShown()) == (2013, 7)
    assert calendar.selectedDate().toPython() == deadline
    assert focused().accessibleName() == f"{CHAIR_DATE}: calendar"  # the days have the focus
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # Escape closes and picks nothing
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert focused() is edit and edit.text() == ""

    qtbot.keyClick(edit, Qt.Key.Key_F4)
    calendar = _calendar()
    qtbot.keyClick(focused(), Qt.Key.Key_Left)  # the day before the deadline
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert focused() is edit and edit.text() == "4 July 2013"
    assert window.session.document.sign_off()["chair_hwb"][1] == "2013-07-04"

    # with a date in the field, the calendar opens at that date
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "3 March 2014")
    qtbot.keyClick(edit, Qt.Key.Key_F4)
    calendar = _calendar()
    assert calendar.selectedDate().toPython() == date(2014, 3, 3)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    window.close()
    assert _saved(path) == "2014-03-03"


def test_the_calendar_and_today_buttons_work_from_the_keyboard(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window, edit = _open_completion(start_window, path)
    page = window.view.completion
    _focus(qtbot, edit)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    button = named(page, f"{CHAIR_DATE}: open calendar")
    assert focused() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)
    calendar = _calendar()
    assert (calendar.yearShown(), calendar.monthShown()) == (2013, 7)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert edit.text() == "5 July 2013"
    today = named(page, f"{CHAIR_DATE}: today")
    today.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(today, Qt.Key.Key_Space)
    assert window.session.document.sign_off()["chair_hwb"][1] == date.today().isoformat()
    window.close()
    assert _saved(path) == date.today().isoformat()


def test_each_date_field_is_named_for_its_role(start_window, make_return) -> None:
    window, _edit = _open_completion(start_window, make_return())
    page = window.view.completion
    for role in default_template().sign_off_roles:
        edit = named(page, f"{role.label} date signed")
        assert isinstance(edit, QLineEdit)
        assert "28/06/2013" in edit.accessibleDescription()
        assert "Alt+Down" in edit.accessibleDescription()


def test_a_read_only_return_shows_its_dates_and_opens_no_calendar(
    start_window, make_return, qtbot, seam
) -> None:
    path = _with_date(make_return, "2013-07-01")
    path.chmod(0o444)
    try:
        seam.queue("ask", True)  # "Open read-only"
        window = start_window([str(path), "--as", "Alice"])
        view = window.view
        view.tabs.setCurrentIndex(view.completion_index)
        edit = named(view.completion, CHAIR_DATE)
        assert isinstance(edit, QLineEdit) and edit.isReadOnly()
        assert edit.text() == "1 July 2013"
        assert not named(view.completion, f"{CHAIR_DATE}: open calendar").isEnabled()
        _focus(qtbot, edit)
        qtbot.keyClick(edit, Qt.Key.Key_F4)
        assert QApplication.activePopupWidget() is None
    finally:
        path.chmod(0o644)


ALT = Qt.KeyboardModifier.AltModifier


def _active_dialog(qtbot, kind: type) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    return dialog


def test_alt_d_in_the_start_a_meeting_dialog_reaches_the_date(
    start_window, make_return, qtbot
) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = _active_dialog(qtbot, StartMeetingDialog)
    assert isinstance(dialog, StartMeetingDialog)
    qtbot.waitUntil(lambda: focused() is dialog.title)
    qtbot.keyClicks(dialog.title, "Partnership Board")
    qtbot.keyClick(focused(), Qt.Key.Key_D, ALT)  # &Date:
    assert focused() is dialog.date.edit
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), "20/6/13")
    assert dialog.title.text() == "Partnership Board"  # the title is not typed over
    qtbot.keyClick(focused(), Qt.Key.Key_T, ALT)  # &Title: and back again
    assert focused() is dialog.title
    qtbot.keyClick(focused(), Qt.Key.Key_D, ALT)
    assert focused() is dialog.date.edit and dialog.date.iso() == "2013-06-20"
    dialog.reject()


def test_alt_d_in_the_action_dialog_reaches_the_due_date(start_window, make_return, qtbot) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    card = window.view.show_question("4.5")
    qtbot.keyClick(card.narrative, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = _active_dialog(qtbot, ActionDialog)
    assert isinstance(dialog, ActionDialog)
    qtbot.waitUntil(lambda: focused() is dialog.text)
    qtbot.keyClicks(dialog.text, "Write to the provider")
    qtbot.keyClick(focused(), Qt.Key.Key_D, ALT)  # &Due:
    assert focused() is dialog.due.edit
    qtbot.keyClicks(focused(), "1/7/13")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    (action,) = window.session.actions()
    assert (action.text, action.due) == ("Write to the provider", "2013-07-01")


def test_a_sign_off_dates_label_gives_its_mnemonic_to_the_text(
    start_window, make_return, qtbot
) -> None:
    window, edit = _open_completion(start_window, make_return())
    field = window.view.completion.sign_off_dates["chair_hwb"]
    form = field.parentWidget().layout()
    assert isinstance(form, QFormLayout)
    label = form.labelForField(field)  # the label the form made: its buddy is the field
    assert isinstance(label, QLabel) and label.buddy() is field
    # the page's labels carry no mnemonic (both roles say "Date signed:"); give this one a
    # letter to check that a mnemonic on a sign-off date reaches its text
    label.setText("Date si&gned:")
    _focus(qtbot, named(window.view.completion, f"{CHAIR}: name", QLineEdit))
    qtbot.keyClick(focused(), Qt.Key.Key_G, ALT)
    assert focused() is edit
