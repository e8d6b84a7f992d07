"""One meeting from start to finish in one window, by keys and clicks (issue 11): started with
its attendees (one more arriving late), three answers agreed and an action set in the presenter
view, an answer changed there, seen among the meeting's changes and put back as it was when the
meeting started, the meeting ended, the bundle and the meeting record exported and read back."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.template import default_template
from tests.helpers import ACTION_REGISTER, PRIYA, TOM, build_seed_return, pdf_body_text, squash
from tests.ui.conftest import ScriptedDialogs, W, click, focused, named
from tests.ui.helpers import send_keys
from ui.history.changes_dialog import ChangesDialog
from ui.history.panel import HistoryPanel
from ui.history.record_dialog import MeetingRecordDialog
from ui.meeting.start_dialog import StartMeetingDialog
from ui.pages.export_dialog import ExportDialog
from ui.presenter.window import PresenterWindow

Key = Qt.Key
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
ME = "Alice Smith"
CHAIR = "Cllr K Wyatt"
LATE = ("Dee Patel", "Rutland County Council")
AGREED = ("1.1", "1.2", "1.3")
MEETING = "Partnership Board, 20 June 2013"
ADDED = " The board asked for the register to be checked each month."


# ------------------------------------------------------------------------------ as a person
def press(qtbot, key: Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    """One key press to whatever has the keyboard focus."""
    qtbot.keyClick(focused(), key, modifier)


def menu_item(window, text: str) -> QAction:
    """A menu command found by its words (without the & of its access key)."""
    found = [a for a in window.findChildren(QAction) if a.text().replace("&", "") == text]
    assert len(found) == 1, f"{len(found)} menu items {text!r}"
    assert found[0].isEnabled(), f"{text!r} is greyed out"
    return found[0]


def modal(qtbot, kind: type[W]) -> W:
    """The dialog of ``kind`` once it is up and has the keyboard."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def back_in(qtbot, window) -> None:
    """A dialog has gone: the window has the keyboard again."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def open_presenter(qtbot, window) -> PresenterWindow:
    """F5: the presenter view, with the keyboard."""
    qtbot.keyClick(focused(), Key.Key_F5)
    qtbot.waitUntil(lambda: isinstance(window.presenter, PresenterWindow))
    presenter = window.presenter
    assert isinstance(presenter, PresenterWindow)
    qtbot.waitUntil(lambda: focused() is presenter.panel)
    return presenter


def shown_ref(presenter: PresenterWindow) -> str:
    """The question on the presenter's screen, as a screen reader hears it."""
    return presenter.panel.accessibleName().removeprefix("Question ").split(":")[0]


def between(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


# ------------------------------------------------------------------------------ the steps
def start_meeting(qtbot, window) -> None:
    """Ctrl+Shift+M: the title, a typed date, the chair, two attendees typed; Enter starts it."""
    qtbot.keyClick(window, Key.Key_M, CTRL_SHIFT)
    dialog = modal(qtbot, StartMeetingDialog)
    assert focused() is dialog.title
    send_keys(qtbot, "Partnership Board")
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_A, CTRL)
    send_keys(qtbot, "20/6/13")
    qtbot.keyClick(dialog, Key.Key_H, ALT)  # C&hair
    send_keys(qtbot, CHAIR)
    qtbot.keyClick(dialog, Key.Key_A, ALT)  # &Attendees…
    assert focused() is dialog.entry
    for name, organisation in (PRIYA, TOM):
        send_keys(qtbot, f"{name}, {organisation}")
        press(qtbot, Key.Key_Return)
    listed = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert listed == [CHAIR, " — ".join(PRIYA), " — ".join(TOM)]
    press(qtbot, Key.Key_Return)  # Enter in the empty field starts the meeting
    back_in(qtbot, window)


def late_arrival(qtbot, window) -> None:
    """Ctrl+Shift+P, "Name, Organisation" and Enter: added and made the contributor."""
    qtbot.keyClick(focused(), Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.switcher is not None and focused() is window.switcher.search)
    send_keys(qtbot, f"{LATE[0]}, {LATE[1]}")
    press(qtbot, Key.Key_Return)
    back_in(qtbot, window)


def agree_three_and_set_an_action(qtbot, presenter: PresenterWindow) -> None:
    """A on 1.1, 1.2 and 1.3 (→ between them); T on 1.3: what, the owner, the due date."""
    press(qtbot, Key.Key_Home)
    for ref in AGREED:
        if ref != AGREED[0]:
            press(qtbot, Key.Key_Right)
        assert shown_ref(presenter) == ref
        press(qtbot, Key.Key_A)
        assert presenter.message.text() == f"{ref} agreed."
        assert (
            named(presenter, "Agreement status", QLabel).text()
            == "Agreement: ✓ Agreed (in this meeting)"
        )
    press(qtbot, Key.Key_T)
    qtbot.waitUntil(lambda: focused().accessibleName() == "1.3 action: what is to be done")
    dialog = focused().window()
    send_keys(qtbot, ACTION_REGISTER)
    press(qtbot, Key.Key_Tab)
    assert focused().accessibleName() == "1.3 action: owner"
    send_keys(qtbot, PRIYA[0])
    press(qtbot, Key.Key_Tab)
    assert focused().accessibleName() == "1.3 action: due date"
    send_keys(qtbot, "01/07/2013")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: focused() is presenter.panel)
    assert presenter.message.text() == "Action added on 1.3."
    line = f"• {ACTION_REGISTER} ({PRIYA[0]}, due 1 July 2013, open)"
    assert line in [label.text() for label in presenter.findChildren(QLabel) if label.isVisible()]


def change_in_place(qtbot, presenter: PresenterWindow, ref: str) -> None:
    """To ``ref`` by typing its number, E, a sentence added, Esc."""
    send_keys(qtbot, ref)
    press(qtbot, Key.Key_Return)
    assert shown_ref(presenter) == ref
    changed = named(presenter, "Changed in this meeting", QLabel)
    assert not changed.isVisible()
    press(qtbot, Key.Key_E)
    assert focused() is presenter.panel.narrative
    send_keys(qtbot, ADDED)
    press(qtbot, Key.Key_Escape)
    assert focused() is presenter.panel
    assert changed.isVisible()
    assert changed.text() == "● Changed in this meeting: the assessment."
    assert named(presenter, "Agreement status", QLabel).text() == "Agreement: ✎ Draft"


def what_changed(qtbot, window) -> tuple[str, str]:
    """Ctrl+Shift+H: the summary and the changes listed, then Esc."""
    qtbot.keyClick(focused(), Key.Key_H, CTRL_SHIFT)
    dialog = modal(qtbot, ChangesDialog)
    assert dialog.since.currentText() == f"Changes made in this meeting ({MEETING})"
    shown = dialog.summary.text(), dialog.changes.toPlainText()
    press(qtbot, Key.Key_Escape)
    back_in(qtbot, window)
    return shown


def restore_to_start_of_meeting(qtbot, window, seam: ScriptedDialogs, ref: str) -> str:
    """Ctrl+G and the number, then Ctrl+H (the history of the answer in hand): only the
    assessment, the version from before the meeting chosen with a click, Restore this version
    (Alt+R), confirmed; the panel's message."""
    seam.queue("ask_text", ref)
    qtbot.keyClick(focused(), Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: focused() is window.view.card(ref).narrative)
    press(qtbot, Key.Key_H, CTRL)
    panel = modal(qtbot, HistoryPanel)
    assert panel.ref == ref
    qtbot.keyClick(panel, Key.Key_S, ALT)  # &Show:
    assert focused() is panel.field_choice
    for _ in range(panel.field_choice.findText("Assessment")):  # from "All fields"
        press(qtbot, Key.Key_Down)
    assert panel.field_choice.currentText() == "Assessment"
    lines = [panel.model.line(row) for row in range(panel.model.rowCount())]
    assert len(lines) == 2, lines
    assert f" · {LATE[0]} · in {MEETING} — " in lines[0] and lines[0].startswith("Current · ")
    assert " · Alice · outside meetings — " in lines[1]  # as the meeting found it
    row: QRect = panel.versions.visualRect(panel.model.index(1))
    qtbot.mouseClick(panel.versions.viewport(), Qt.MouseButton.LeftButton, NONE, row.center())
    assert [v.who for v in panel.chosen()] == ["Alice"]
    seam.queue("ask", True)
    qtbot.keyClick(panel, Key.Key_R, ALT)  # &Restore this version (pressed as it is shown)
    qtbot.waitUntil(lambda: bool(seam.called("ask")))
    asked = seam.called("ask")[-1]
    assert asked[1] == "Restore this version" and f"new change by {LATE[0]}" in asked[2]
    message = panel.message.text()
    press(qtbot, Key.Key_Escape)
    back_in(qtbot, window)
    return message


def export_bundle_by_keys(qtbot, window, seam: ScriptedDialogs, out: Path) -> str:
    """Ctrl+E (the dialog runs modally): Change folder…, Export draft, then Close; the
    heading of the page that says it is done."""
    seen: list[str] = []

    def drive() -> None:
        dialog = modal(qtbot, ExportDialog)
        try:
            seam.queue("choose_folder", out)
            click(qtbot, dialog.change_folder)
            assert dialog.export_button.text().replace("&", "") == "Export draft"
            click(qtbot, dialog.export_button)
            qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=60_000)
            seen.append(dialog.done_heading.text())
            click(qtbot, dialog.close_button)
        finally:  # a failed step never leaves the test waiting in the dialog's exec()
            if dialog.isVisible():
                dialog.done(0)

    QTimer.singleShot(0, drive)
    qtbot.keyClick(window, Key.Key_E, CTRL)  # returns once the dialog has closed
    back_in(qtbot, window)
    assert len(seen) == 1, "the export dialog was not driven"
    return seen[0]


def export_record(qtbot, window, seam: ScriptedDialogs, out: Path) -> None:
    """File › Export meeting record…: the meeting just ended, another folder, Enter."""
    menu_item(window, "Export meeting record…").trigger()
    dialog = modal(qtbot, MeetingRecordDialog)
    assert focused() is dialog.meeting and dialog.meeting.currentText() == MEETING
    seam.queue("choose_folder", out)
    click(qtbot, dialog.change_folder)
    assert dialog.folder_label.text() == str(out)
    qtbot.keyClick(dialog.meeting, Key.Key_Return)  # Enter exports
    back_in(qtbot, window)


# ------------------------------------------------------------------------------ the journey
def test_a_meeting_from_start_to_exported_record_by_keys(
    start_window, returns_dir: Path, seam: ScriptedDialogs, qtbot, tmp_path: Path
) -> None:
    seed = build_seed_return(returns_dir / "leics.stocktake", complete=False)  # Alice's answers
    with ReturnDocument.open(seed, "Reader", read_only=True) as document:
        at_start = document.answer("4.5").narrative
    window = start_window([str(seed), "--as", ME])
    view = window.view
    banner = view.meeting_banner
    assert not banner.isVisible()

    # start the meeting, with its attendees; one more arrives late
    start_meeting(qtbot, window)
    qtbot.waitUntil(banner.isVisible)
    assert banner.text.startswith("Meeting: Partnership Board — started ")
    assert banner.text.endswith(" — 3 attendees")
    late_arrival(qtbot, window)
    qtbot.waitUntil(lambda: banner.text.endswith(" — 4 attendees"))
    assert LATE[0] in window.status.contributor_button.text()

    # the presenter view: three answers agreed and an action set, one answer changed
    presenter = open_presenter(qtbot, window)
    assert presenter.position.text().endswith(" · Meeting: Partnership Board")
    agree_three_and_set_an_action(qtbot, presenter)
    change_in_place(qtbot, presenter, "4.5")
    press(qtbot, Key.Key_F5)  # leaves, at 4.5
    qtbot.waitUntil(lambda: window.presenter is None)
    back_in(qtbot, window)
    card = view.card("4.5")
    assert card.narrative.toPlainText() == at_start + ADDED

    # what changed in this meeting lists it, word by word
    summary, changes = what_changed(qtbot, window)
    assert summary == "4 answers (1.1, 1.2, 1.3, 4.5) changed; 4 fields in all.", summary
    assert f"[+{ADDED.strip()}+]" in changes

    # back to how it was at the start of the meeting; the meeting's changes no longer list it
    message = restore_to_start_of_meeting(qtbot, window, seam, "4.5")
    assert message.startswith("Restored: 4.5's assessment is the version of ")
    assert message.endswith(f" again, as a new change by {LATE[0]}.")
    assert card.narrative.toPlainText() == at_start
    summary, _changes = what_changed(qtbot, window)
    assert summary == "3 answers (1.1, 1.2, 1.3) changed; 3 fields in all.", summary
    presenter = open_presenter(qtbot, window)
    send_keys(qtbot, "4.5")
    press(qtbot, Key.Key_Return)
    assert shown_ref(presenter) == "4.5"
    assert not named(presenter, "Changed in this meeting").isVisible()
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presenter is None)
    back_in(qtbot, window)

    # the meeting ends: the banner goes, the contributor is who it was before
    seam.queue("ask", True)
    menu_item(window, "End meeting…").trigger()
    assert seam.called("ask")[-1][1] == "End meeting"
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert window.contributor == ME
    assert menu_item(window, "Start a meeting…").isEnabled()

    # the bundle and the meeting record
    bundle_out, record_out = tmp_path / "bundle", tmp_path / "records"
    for folder in (bundle_out, record_out):
        folder.mkdir()
    assert export_bundle_by_keys(qtbot, window, seam, bundle_out) == "Draft exported"
    export_record(qtbot, window, seam, record_out)
    (record,) = record_out.glob("*.pdf")
    told = seam.called("inform")[-1][2]
    assert told == f"The record of {MEETING} was saved as {record.name} in {record_out}."
    window.close()

    check_the_file(seed, at_start)
    (zipped,) = bundle_out.glob("*.zip")
    received = tmp_path / "received"
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(received)
    (pdf,) = received.rglob("*.pdf")
    (workbook,) = received.rglob("*.xlsx")
    check_the_pdf(squash(pdf_body_text(pdf)))
    check_the_workbook(workbook)
    check_the_record(squash(pdf_body_text(record)))


# ------------------------------------------------------------------------------ read back
def check_the_file(path: Path, at_start: str) -> None:
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        (meeting,) = document.meetings()
        held = (meeting.id, meeting.title, meeting.date, meeting.chair, meeting.running)
        assert held == ("m1", "Partnership Board", "2013-06-20", CHAIR, False)
        assert meeting.ended_at >= meeting.started_at  # ISO 8601 times, so empty fails
        people = [(a.name, a.organisation) for a in meeting.attendees]
        assert people == [(CHAIR, ""), PRIYA, TOM, LATE]
        for ref in AGREED:
            agreement = document.agreement(ref)
            assert (agreement.status, agreement.meeting) == ("agreed", "m1"), ref
        assert document.agreement("4.5").status == "draft"
        (action,) = document.actions()
        assert (action.ref, action.text, action.owner) == ("1.3", ACTION_REGISTER, PRIYA[0])
        assert (action.due, action.meeting) == ("2013-07-01", "m1")
        assert document.answer("4.5").narrative == at_start
        restored = document.field_versions("4.5")[0]
        assert (restored.who, restored.meeting, restored.value) == (LATE[0], "m1", at_start)


def check_the_pdf(body: str) -> None:
    agreed = between(body, "How this return was agreed", "Action plan")
    assert "Of its 61 answers, 3 are agreed and 58 are still drafts." in agreed
    for name, organisation in (PRIYA, TOM, LATE):
        assert f"{name} {organisation}" in agreed, name
    answers = agreed[agreed.index("Each answer") :]
    for ref, following in zip(AGREED, ("1.2", "1.3", "1.4"), strict=True):
        assert f"Agreed {MEETING} {following} " in answers, ref
    plan = between(body, "Action plan", "This document has been completed by")
    line = f"1.3 {ACTION_REGISTER} Set at {MEETING} {PRIYA[0]} {PRIYA[1]} 1 July 2013 Open"
    assert line in plan


def check_the_workbook(path: Path) -> None:
    book = openpyxl.load_workbook(path)  # read whole, the file closed again
    header, *rows = book["Actions"].iter_rows(values_only=True)
    (row,) = rows
    action = dict(zip(header, row, strict=True))
    assert action["Action"] == ACTION_REGISTER and action["Owner"] == PRIYA[0]
    assert action["Organisation"] == PRIYA[1] and action["Due"] == datetime(2013, 7, 1)
    assert action["Status"] == "Open" and action["Set at"] == MEETING
    sheet = book["Return"]
    columns = [cell.value for cell in sheet[1]]
    ref_column, agreed_column = columns.index("Ref"), columns.index("Agreed")
    agreed = {
        row[ref_column]: row[agreed_column] for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert len(agreed) == len(default_template().questions)
    assert sorted(ref for ref, value in agreed.items() if value == "Yes") == list(AGREED)


def check_the_record(text: str) -> None:
    assert text.startswith(f"Meeting record {MEETING}")
    assert f"Chair {CHAIR}" in text and "Ended Still under way" not in text
    assert "4 people attended. In this meeting 3 answers were agreed and 1 action was set." in text
    attendees = between(text, "Attendees", "Answers agreed or changed")
    for name, organisation in (PRIYA, TOM, LATE):
        assert f"{name} {organisation}" in attendees, name
    answers = between(text, "Answers agreed or changed", "Actions set in")
    assert answers.count("Agreement: Draft → Agreed (by Dee Patel)") == 3
    assert "4.5 " not in answers  # changed and put back: nothing changed in the end
    actions = text[text.index("Actions set in this meeting") :]
    assert f"1.3 {ACTION_REGISTER} {PRIYA[0]} {PRIYA[1]} 1 July 2013 Open" in actions
