"""A meeting by keys: start it (title, typed date, chair, attendees picked and typed), the
banner, switching the contributor to an attendee in two keystrokes, ending it; the file holds
it all. And the dialogs and the banner fit a 1024 × 768 projector at 200%."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Attendee
from tests.helpers import ANN, BOARD, PRIYA, TOM
from tests.ui.conftest import ScriptedDialogs, focused, named, settle
from tests.ui.helpers import send_keys
from ui.meeting.start_dialog import StartMeetingDialog
from ui.meeting.switcher import ContributorSwitcher

Key = Qt.Key
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def met_before(returns_dir: Path) -> Path:
    """A return whose partnership met once before (Priya Shah, Ann Baker and the chair)."""
    path = returns_dir / "leics.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Setup") as document:
        document.start_meeting(*BOARD, [Attendee(*PRIYA), Attendee(*ANN)])
        document.set_narrative("1.1", "Board minutes")
        document.end_meeting()
    return path


def press(qtbot, key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def back_in(qtbot, window) -> None:
    """A dialog has closed: the window has the keyboard again."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def open_start_dialog(qtbot, window) -> StartMeetingDialog:
    qtbot.keyClick(window, Key.Key_M, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.meeting_dialog is not None and window.meeting_dialog.isVisible())
    dialog = window.meeting_dialog
    assert isinstance(dialog, StartMeetingDialog)
    qtbot.waitUntil(lambda: focused() is dialog.title)
    return dialog


def start_by_keys(qtbot, window) -> StartMeetingDialog:
    """Start "Partnership Board" on 20 June 2013, chaired by Cllr K Wyatt, with five people."""
    dialog = open_start_dialog(qtbot, window)
    assert dialog.title.text() == "Partnership Board"  # the last meeting's, selected
    send_keys(qtbot, "Partnership Board")
    press(qtbot, Key.Key_Tab)
    assert focused() is dialog.date.edit
    press(qtbot, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    send_keys(qtbot, "20/6/13")
    qtbot.keyClick(dialog, Key.Key_H, ALT)  # C&hair
    assert focused() is dialog.chair
    assert dialog.date.edit.text() == "20 June 2013"  # understood on leaving the field
    assert dialog.chair.text() == "Cllr K Wyatt"  # as at the last meeting
    qtbot.keyClick(dialog, Key.Key_A, ALT)  # &Attendees…
    assert focused() is dialog.entry
    assert [a.name for a in dialog.attendees] == ["Cllr K Wyatt"]  # the chair attends

    # someone from the last meeting, found by part of their organisation and picked
    send_keys(qtbot, "partnership")
    popup = dialog.entry.completer().popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Key.Key_Down)
    qtbot.keyClick(popup, Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.entry.text() == "")
    # new people, typed "Name, Organisation" and Enter
    for person in (PRIYA, TOM, ("Jo Evans", "Healthwatch Leicestershire")):
        send_keys(qtbot, f"{person[0]}, {person[1]}")
        press(qtbot, Key.Key_Return)
        assert dialog.isVisible() and dialog.entry.text() == ""
    names = [a.name for a in dialog.attendees]
    assert names == ["Cllr K Wyatt", ANN[0], PRIYA[0], TOM[0], "Jo Evans"]
    assert dialog.list.item(1).text() == f"{ANN[0]} — {ANN[1]}"
    assert named(dialog, "Attendees") is dialog.list
    press(qtbot, Key.Key_Return)  # Enter in the empty field starts the meeting
    qtbot.waitUntil(lambda: window.session.current_meeting is not None)
    back_in(qtbot, window)
    return dialog


def test_a_meeting_by_keys_from_start_to_end(
    start_window, met_before: Path, seam: ScriptedDialogs, qtbot
) -> None:
    window = start_window([str(met_before), "--as", "Alice Smith"])
    view = window.view
    assert not view.meeting_banner.isVisible()
    start_by_keys(qtbot, window)
    meeting = window.session.current_meeting
    assert meeting.title == "Partnership Board" and meeting.date == "2013-06-20"
    assert meeting.chair == "Cllr K Wyatt"
    assert [a.name for a in meeting.attendees] == [
        "Cllr K Wyatt",
        ANN[0],
        PRIYA[0],
        TOM[0],
        "Jo Evans",
    ]

    # the banner, on a section page too
    banner = view.meeting_banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.text.startswith("Meeting: Partnership Board — started ")
    assert banner.text.endswith(" — 5 attendees")
    view.show_question("2.1")
    assert banner.isVisible()
    assert "Ctrl+Shift+P" in banner.switch_button.text()
    assert not window.menus.meeting.start.isEnabled() and window.menus.meeting.end.isEnabled()
    assert not view.about.meeting_button.isEnabled()

    # two keystrokes: Ctrl+Shift+P, then the attendee's number
    qtbot.keyClick(focused(), Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(window.switcher, ContributorSwitcher))
    switcher = window.switcher
    qtbot.waitUntil(lambda: focused() is switcher.search)
    assert switcher.list.item(2).text() == f"3  {PRIYA[0]} — {PRIYA[1]}"
    press(qtbot, Key.Key_3)
    back_in(qtbot, window)
    assert window.contributor == PRIYA[0] == window.session.editor
    assert PRIYA[0] in window.status.contributor_button.text()
    card = view.card("2.1")
    card.narrative.setFocus(Qt.FocusReason.OtherFocusReason)
    send_keys(qtbot, "Priya's words.")
    press(qtbot, Key.Key_Tab)

    # or one chord: Alt+4, the fourth attendee (the menu names them)
    items = window.menus.meeting.attendees
    assert items[3].text() == f"&4 {TOM[0]}" and items[3].isVisible()
    assert not items[5].isVisible()
    qtbot.keyClick(focused(), Key.Key_4, ALT)
    assert window.contributor == TOM[0]
    assert items[3].text() == f"&4 {TOM[0]} (contributor now)"

    # someone arrives late: typed into the quick list, added and made the contributor
    qtbot.keyClick(focused(), Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.switcher is not switcher and window.switcher.isVisible())
    switcher = window.switcher
    qtbot.waitUntil(lambda: focused() is switcher.search)
    send_keys(qtbot, "Dee Patel, Rutland County Council")
    press(qtbot, Key.Key_Return)
    back_in(qtbot, window)
    assert window.contributor == "Dee Patel"
    qtbot.waitUntil(lambda: banner.text.endswith(" — 6 attendees"))
    # and found again by part of a name
    qtbot.keyClick(focused(), Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.switcher is not switcher and window.switcher.isVisible())
    qtbot.waitUntil(lambda: focused() is window.switcher.search)
    send_keys(qtbot, "evans")
    press(qtbot, Key.Key_Return)
    back_in(qtbot, window)
    assert window.contributor == "Jo Evans"
    card.support.setFocus(Qt.FocusReason.OtherFocusReason)
    send_keys(qtbot, "Advice on registers.")
    press(qtbot, Key.Key_Tab)

    # File › End meeting: confirmed, then the contributor is who it was before the meeting
    seam.queue("ask", False)  # "Keep it going"
    window.end_meeting()
    assert window.session.current_meeting is not None
    seam.queue("ask", True)
    window.menus.meeting.end.trigger()
    assert seam.called("ask")[-1][1] == "End meeting"
    assert window.session.current_meeting is None
    assert not banner.isVisible()
    assert window.contributor == "Alice Smith" == window.session.editor
    assert window.menus.meeting.start.isEnabled() and not window.menus.meeting.end.isEnabled()
    assert window.menus.meeting.no_attendees.isVisible()
    assert view.about.meeting_button.isEnabled()
    card.narrative.setFocus(Qt.FocusReason.OtherFocusReason)
    send_keys(qtbot, " After.")
    press(qtbot, Key.Key_Tab)
    assert window.session.save_now()
    window.close()

    # the file holds it all
    with ReturnDocument.open(met_before, "Reader", read_only=True) as document:
        first, second = document.meetings()
        assert first.id == "m1" and second.id == "m2" and not second.running
        assert [a.name for a in second.attendees][-1] == "Dee Patel"
        assert second.attendees[-1].organisation == "Rutland County Council"
        entries = [e for e in document.change_log() if e.ref == "2.1"]
        by_field = {(e.field, e.who): e.meeting for e in entries}
        assert by_field[("narrative", PRIYA[0])] == "m2"
        assert by_field[("support_required", "Jo Evans")] == "m2"
        assert by_field[("narrative", "Alice Smith")] == ""  # after the meeting ended
        assert document.answer("2.1").narrative == "Priya's words. After."


def test_a_running_meeting_is_shown_again_on_opening_and_another_cannot_start(
    start_window, met_before: Path, seam: ScriptedDialogs, qtbot
) -> None:
    with ReturnDocument.open(met_before, "Setup") as document:
        document.start_meeting("Health and Wellbeing Board", "27/6/2013", "Dr A Jones")
    window = start_window([str(met_before), "--as", "Alice"])
    banner = window.view.meeting_banner
    assert banner.isVisible()
    assert banner.text.startswith("Meeting: Health and Wellbeing Board — started ")
    assert banner.text.endswith(" — 0 attendees")
    assert window.menus.meeting.no_attendees.text() == "No attendees listed"
    window.start_meeting()
    assert "still under way" in seam.called("inform")[-1][2]
    assert window.meeting_dialog is None
    # the banner's own button ends it
    seam.queue("ask", True)
    banner.end_button.click()
    assert window.session.current_meeting is None


def test_a_meeting_needs_a_title_and_a_date(start_window, make_return, qtbot) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    window.view.about.meeting_button.click()  # the About page's button
    qtbot.waitUntil(lambda: window.meeting_dialog is not None)
    dialog = window.meeting_dialog
    qtbot.waitUntil(lambda: focused() is dialog.title)
    assert dialog.title.text() == "" and not dialog.same_button.isEnabled()
    press(qtbot, Key.Key_Return)
    assert dialog.isVisible() and "title" in dialog.problem.text()
    assert focused() is dialog.title
    send_keys(qtbot, "Partnership Board")
    dialog.date.edit.setFocus(Qt.FocusReason.OtherFocusReason)
    press(qtbot, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    send_keys(qtbot, "31/2/2013")
    press(qtbot, Key.Key_Return)
    assert dialog.isVisible() and "date" in dialog.problem.text()
    assert window.session.current_meeting is None
    press(qtbot, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    send_keys(qtbot, "28 June 2013")
    # Delete takes an attendee off the list again
    dialog.entry.setFocus(Qt.FocusReason.OtherFocusReason)
    send_keys(qtbot, "Sam Jones, Rutland")
    press(qtbot, Key.Key_Return)
    dialog.list.setFocus(Qt.FocusReason.TabFocusReason)
    dialog.list.setCurrentRow(0)
    press(qtbot, Key.Key_Delete)
    assert dialog.attendees == []
    dialog.start_button.click()
    session = window.session  # afresh: mypy would keep the meeting None as checked above
    assert session.current_meeting.date == "2013-06-28"
    assert window.view.meeting_banner.text.endswith(" — 0 attendees")


# ------------------------------------------------------------------------------ a projector
def _outside(widget: QWidget, area: QRect) -> list[str]:
    """Controls of ``widget`` cut off by its edges or by ``area`` (global coordinates)."""
    found = []
    for child in widget.findChildren(QWidget):
        if not child.isVisible() or not isinstance(child, QLabel | QAbstractButton):
            continue
        if isinstance(child.parentWidget(), QLineEdit):  # its clear button
            continue
        box = QRect(child.mapToGlobal(child.rect().topLeft()), child.size())
        if not area.contains(box):
            found.append(f"{type(child).__name__} {child.text()[:30]!r} outside")
        hint = child.minimumSizeHint()
        if isinstance(child, QLabel) and child.wordWrap():
            if child.height() + 1 < child.heightForWidth(child.width()):
                found.append(f"label {child.text()[:30]!r} clipped")
        elif child.width() + 1 < hint.width() or child.height() + 1 < hint.height():
            found.append(f"{type(child).__name__} {child.text()[:30]!r} clipped")
    return found


def fits(qtbot, widget: QWidget, area: QRect) -> None:
    """Wait until nothing of ``widget`` is cut off (layouts take a few event-loop turns)."""

    def check() -> None:
        problems = _outside(widget, area)
        assert not problems, problems

    qtbot.waitUntil(check, timeout=5000)


def test_the_dialogs_and_the_banner_fit_a_projector_at_200_percent(
    start_window, met_before: Path, qtbot
) -> None:
    window = start_window([str(met_before), "--as", "Alice"])
    window.zoom.set_factor(2.0)
    settle(window)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 768))
    screen = QRect(window.mapToGlobal(window.rect().topLeft()), window.size())
    dialog = open_start_dialog(qtbot, window)
    dialog.same_button.click()
    settle(dialog)
    assert dialog.width() <= 1024 and dialog.height() <= 768
    fits(qtbot, dialog, dialog.geometry().adjusted(-2, -2, 2, 2))
    dialog.start_button.click()
    view = window.view
    view.show_question("4.5", focus=False)
    banner = view.meeting_banner
    settle(window)
    fits(qtbot, banner, screen)
    assert banner.height() < 768 // 5
    qtbot.keyClick(window, Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.switcher is not None and window.switcher.isVisible())
    switcher = window.switcher
    settle(switcher)
    assert switcher.width() <= 1024 and switcher.height() <= 768
    assert switcher.list.count() == 3  # the chair, Priya Shah, Ann Baker
    fits(qtbot, switcher, switcher.geometry().adjusted(-2, -2, 2, 2))
    press(qtbot, Key.Key_Escape)
    assert window.contributor == "Alice"
    assert QApplication.activeModalWidget() is None


def test_a_contributor_changed_by_hand_in_a_meeting_stays_after_it(
    start_window, met_before: Path, seam: ScriptedDialogs, qtbot
) -> None:
    with ReturnDocument.open(met_before, "Setup") as document:
        document.start_meeting(*BOARD, [Attendee(*PRIYA), Attendee(*TOM)])
    window = start_window([str(met_before), "--as", "Alice"])
    qtbot.keyClick(window, Key.Key_2, ALT)
    assert window.contributor == TOM[0]
    seam.queue("ask_text", "Bob Hill")  # Edit › Change contributor…: a change by hand
    window.change_contributor()
    seam.queue("ask", True)
    window.end_meeting()
    assert window.contributor == "Bob Hill" == window.session.editor


def test_the_chair_is_given_an_organisation_and_listed_with_it(
    start_window, met_before: Path, qtbot
) -> None:
    window = start_window([str(met_before), "--as", "Alice"])
    dialog = open_start_dialog(qtbot, window)
    qtbot.keyClick(dialog, Key.Key_H, ALT)  # C&hair
    assert focused() is dialog.chair
    press(qtbot, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    send_keys(qtbot, "Dr A Jones")
    qtbot.keyClick(dialog, Key.Key_O, ALT)  # Chair's &organisation
    assert focused() is named(dialog, "Chair's organisation")
    send_keys(qtbot, "Leicestershire County Council")
    press(qtbot, Key.Key_Tab)
    chair = "Dr A Jones — Leicestershire County Council"
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())][-1] == chair
    dialog.start_button.click()
    qtbot.waitUntil(lambda: window.session.current_meeting is not None)
    meeting = window.session.current_meeting
    assert meeting.chair == "Dr A Jones"
    assert Attendee("Dr A Jones", "Leicestershire County Council") in meeting.attendees
    # the next meeting offers the same chair, with the organisation
    window.session.end_meeting()
    back_in(qtbot, window)
    qtbot.keyClick(window, Key.Key_M, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), StartMeetingDialog))
    again = QApplication.activeModalWidget()
    assert isinstance(again, StartMeetingDialog)
    assert again.chair.text() == "Dr A Jones"
    assert named(again, "Chair's organisation", QLineEdit).text() == "Leicestershire County Council"
    assert again.list.item(0).text() == chair
    again.reject()
