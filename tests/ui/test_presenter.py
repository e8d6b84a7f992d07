"""The presenter view, driven by real key presses: open with F5, move between questions, agree
answers, add an action, jump by number, edit in place, high contrast, and fitting a
1024 × 768 projector at 200% and 300%."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Attendee
from stocktake_desktop.settings import load_preferences
from stocktake_desktop.template import default_template
from tests.helpers import BOARD, PRIYA, TOM, build_seed_return
from tests.ui.conftest import focused, named, settle
from tests.ui.helpers import cut_off, send_keys
from ui.meeting.action_dialog import ActionDialog
from ui.presenter.keys import find_question
from ui.presenter.screens import next_screen, projector_screen
from ui.presenter.window import PresenterWindow
from ui.widgets.agreement_panel import FELL_BACK
from ui.widgets.narrative_edit import GrowingTextEdit

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ADDED = " The board agreed this wording."


@pytest.fixture
def meeting_return(returns_dir: Path) -> Path:
    """The seed return with the Partnership Board under way (Priya Shah and Tom Reed)."""
    path = build_seed_return(returns_dir / "leics.stocktake", complete=False)
    with ReturnDocument.open(path, "Setup") as document:
        document.start_meeting(*BOARD, [Attendee(*PRIYA), Attendee(*TOM)])
    return path


def press(qtbot, key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press to whatever has the keyboard focus, as a person would."""
    qtbot.keyClick(focused(), key, modifier)


def open_presenter(qtbot, window) -> PresenterWindow:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Key.Key_F5)
    qtbot.waitUntil(lambda: window.presenter is not None and window.presenter.isVisible())
    presenter = window.presenter
    assert isinstance(presenter, PresenterWindow)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)
    qtbot.waitUntil(lambda: focused() is presenter.panel)
    return presenter


def shown_ref(presenter: PresenterWindow) -> str:
    """The question on screen, as a screen reader hears it."""
    name = presenter.panel.accessibleName()
    assert name.startswith("Question ")
    return name.removeprefix("Question ").split(":")[0]


def reread(path: Path):
    return ReturnDocument.open(path, "Reader", read_only=True)


def test_a_meeting_agrees_answers_adds_an_action_and_edits_in_place(
    start_window, meeting_return: Path, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Alice"])
    presenter = open_presenter(qtbot, window)
    assert shown_ref(presenter) == "1.1"
    question = default_template().question("1.1")
    assert presenter.panel.accessibleName() == f"Question 1.1: {question.text}"
    assert presenter.help_line.isVisible() and "A agreed" in presenter.help_line.text()

    # next and previous, by every key the help line offers
    for key, ref in (
        (Key.Key_Right, "1.2"),
        (Key.Key_Space, "1.3"),
        (Key.Key_Left, "1.2"),
        (Key.Key_PageDown, "1.3"),
        (Key.Key_PageUp, "1.2"),
    ):
        press(qtbot, key)
        assert shown_ref(presenter) == ref

    # agree three answers, send one back for work
    for ref in ("1.2", "1.3", "1.4"):
        assert shown_ref(presenter) == ref
        press(qtbot, Key.Key_A)
        assert "✓ Agreed" in named(presenter, "Agreement status", QLabel).text()
        press(qtbot, Key.Key_Right)
    assert shown_ref(presenter) == "1.5"
    press(qtbot, Key.Key_N)
    assert "Needs work" in named(presenter, "Agreement status", QLabel).text()
    assert presenter.message.text() == "1.5 marked as needing work."

    # an action on 1.5: text, an attendee as owner, a due date
    press(qtbot, Key.Key_T)
    qtbot.waitUntil(lambda: focused().accessibleName() == "1.5 action: what is to be done")
    dialog = focused().window()
    send_keys(qtbot, "Agree who owns the register")
    press(qtbot, Key.Key_Tab)
    assert focused().accessibleName() == "1.5 action: owner"
    send_keys(qtbot, "Priya Shah")
    press(qtbot, Key.Key_Tab)
    assert focused().accessibleName() == "1.5 action: due date"
    send_keys(qtbot, "01/07/2013")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: focused() is presenter.panel)
    assert presenter.message.text() == "Action added on 1.5."
    listed = [w.text() for w in presenter.findChildren(QLabel) if w.isVisible()]
    assert "• Agree who owns the register (Priya Shah, due 1 July 2013, open)" in listed

    # to 6.10 by typing its number
    send_keys(qtbot, "6.10")
    assert presenter.jump_line.isVisible() and "6.10" in presenter.jump_line.text()
    press(qtbot, Key.Key_Return)
    assert shown_ref(presenter) == "6.10"
    assert not presenter.jump_line.isVisible()
    assert not named(presenter, "Changed in this meeting").isVisible()

    # edit the narrative in place (an agreed answer: it falls back to draft); Esc finishes
    press(qtbot, Key.Key_A)
    before = presenter.panel.narrative.toPlainText()
    press(qtbot, Key.Key_E)
    editor = focused()
    assert editor is presenter.panel.narrative and not editor.isReadOnly()
    assert editor.accessibleName().startswith("6.10 narrative: ")
    send_keys(qtbot, ADDED)
    press(qtbot, Key.Key_Escape)
    assert focused() is presenter.panel and presenter.panel.narrative.isReadOnly()
    assert presenter.isVisible()  # Esc finished the edit, it did not leave
    changed = named(presenter, "Changed in this meeting", QLabel)
    assert changed.isVisible() and changed.text().startswith("● Changed in this meeting")
    assert "✎ Draft" in named(presenter, "Agreement status", QLabel).text()

    # F5 leaves, at the question where the meeting got to; the card shows the edit
    press(qtbot, Key.Key_F5)
    qtbot.waitUntil(lambda: window.presenter is None)
    assert window.view.card("6.10").narrative.toPlainText() == before + ADDED
    assert window.view.tabs.currentIndex() == 6
    window.close()

    with reread(meeting_return) as document:
        assert document.answer("6.10").narrative == before + ADDED
        statuses = {ref: document.agreement(ref) for ref in ("1.2", "1.3", "1.4", "1.5")}
        assert [a.status for a in statuses.values()] == ["agreed"] * 3 + ["needs-work"]
        assert {a.meeting for a in statuses.values()} == {"m1"}
        (action,) = document.actions()
        assert (action.ref, action.text, action.owner, action.due, action.meeting) == (
            "1.5",
            "Agree who owns the register",
            "Priya Shah",
            "2013-07-01",
            "m1",
        )


def test_typing_in_place_reaches_the_file_without_finishing(
    start_window, meeting_return: Path, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Alice"])
    presenter = open_presenter(qtbot, window)
    press(qtbot, Key.Key_Return)  # Enter edits, like E
    assert focused() is presenter.panel.narrative
    send_keys(qtbot, " Still typing")

    def on_disk() -> bool:
        with reread(meeting_return) as document:
            return document.answer("1.1").narrative.endswith(" Still typing")

    qtbot.waitUntil(on_disk, timeout=5000)  # the debouncer and the background save
    assert focused() is presenter.panel.narrative
    press(qtbot, Key.Key_Return, CTRL)  # Ctrl+Enter finishes too
    assert focused() is presenter.panel
    press(qtbot, Key.Key_Escape)  # and Esc, when not editing, leaves
    qtbot.waitUntil(lambda: window.presenter is None)


def test_going_to_a_question_by_g_and_by_number(start_window, meeting_return: Path, qtbot) -> None:
    window = start_window([str(meeting_return), "--as", "Alice"])
    presenter = open_presenter(qtbot, window)
    press(qtbot, Key.Key_G)
    assert presenter.jump_line.isVisible()
    send_keys(qtbot, "4.5")
    press(qtbot, Key.Key_Return)
    assert shown_ref(presenter) == "4.5"
    press(qtbot, Key.Key_G, CTRL)
    send_keys(qtbot, "13.2")
    press(qtbot, Key.Key_Enter)
    assert shown_ref(presenter) == "4.5"
    assert presenter.message.text() == "There is no question 13.2. Questions run from 1.1 to 11.3."
    send_keys(qtbot, "7")  # a section's number: its first question
    press(qtbot, Key.Key_Backspace)
    send_keys(qtbot, "9")
    press(qtbot, Key.Key_Return)
    assert shown_ref(presenter) == "9.1"
    send_keys(qtbot, "2.1")
    press(qtbot, Key.Key_Escape)  # cancels the number, stays in the presenter view
    assert not presenter.jump_line.isVisible() and shown_ref(presenter) == "9.1"
    assert presenter.isVisible()
    press(qtbot, Key.Key_End)
    assert shown_ref(presenter) == "11.3"
    press(qtbot, Key.Key_Home)
    assert shown_ref(presenter) == "1.1"


def test_the_code_list_marks_the_chosen_code_in_words(
    start_window, meeting_return: Path, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Alice"])
    presenter = open_presenter(qtbot, window)
    send_keys(qtbot, "4.5")
    press(qtbot, Key.Key_Return)
    with reread(meeting_return) as document:
        (code,) = document.answer("4.5").codes
    question = default_template().question("4.5")
    label = f"{code} – {question.label_for(code)}"
    assert named(presenter, f"4.5 code {label}, chosen").isVisible()
    chosen = [w for w in presenter.findChildren(QLabel) if w.isVisible() and w.text() == "✓ chosen"]
    assert len(chosen) == 1


def test_the_zoom_keys_work_in_the_presenter_view(
    start_window, meeting_return: Path, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Alice"])
    presenter = open_presenter(qtbot, window)
    text = presenter.panel.question_text
    size = text.font().pointSizeF()
    press(qtbot, Key.Key_Equal, CTRL)
    assert window.zoom.factor == 1.1
    assert text.font().pointSizeF() > size
    press(qtbot, Key.Key_0, CTRL)
    assert window.zoom.factor == 1.0
    assert text.font().pointSizeF() == size
    assert load_preferences().zoom == 1.0


def test_high_contrast_toggles_and_is_remembered(start_window, meeting_return: Path, qtbot) -> None:
    window = start_window([str(meeting_return), "--as", "Alice"])
    presenter = open_presenter(qtbot, window)
    normal = presenter.palette().color(QPalette.ColorRole.Window)
    press(qtbot, Key.Key_H)
    assert presenter.high_contrast
    assert presenter.palette().color(QPalette.ColorRole.Window) == Qt.GlobalColor.black
    assert presenter.panel.palette().color(QPalette.ColorRole.WindowText) == Qt.GlobalColor.white
    assert presenter.message.text() == "High contrast on."
    assert load_preferences().presenter_high_contrast
    press(qtbot, Key.Key_F5)
    qtbot.waitUntil(lambda: window.presenter is None)
    presenter = open_presenter(qtbot, window)  # remembered
    assert presenter.high_contrast
    assert presenter.palette().color(QPalette.ColorRole.Window) == Qt.GlobalColor.black
    press(qtbot, Key.Key_H)
    assert presenter.palette().color(QPalette.ColorRole.Window) == normal
    assert not load_preferences().presenter_high_contrast
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presenter is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Key.Key_Equal, CTRL)  # a closed presenter view does not follow
    assert window.zoom.factor == 1.1


def test_a_read_only_return_changes_nothing(
    start_window, meeting_return: Path, qtbot, seam
) -> None:
    meeting_return.chmod(0o444)
    try:
        seam.queue("ask", True)  # open it read-only
        window = start_window([str(meeting_return), "--as", "Alice"])
        assert window.session is not None and window.session.read_only
        presenter = open_presenter(qtbot, window)
        press(qtbot, Key.Key_A)
        assert "read-only" in presenter.message.text()
        press(qtbot, Key.Key_E)
        assert focused() is presenter.panel
        press(qtbot, Key.Key_T)
        assert focused() is presenter.panel
        assert "Draft" in named(presenter, "Agreement status", QLabel).text()
    finally:
        meeting_return.chmod(0o644)


@pytest.mark.parametrize("zoom", [1.0, 2.0, 3.0])
def test_the_action_dialog_follows_the_presenters_type_size(
    start_window, meeting_return: Path, qtbot, zoom: float
) -> None:
    window = start_window([str(meeting_return), "--as", "Alice"])
    window.zoom.set_factor(zoom)
    presenter = open_presenter(qtbot, window)
    press(qtbot, Key.Key_T)
    qtbot.waitUntil(lambda: focused().accessibleName() == "1.1 action: what is to be done")
    dialog = focused().window()
    assert isinstance(dialog, ActionDialog)
    body = presenter.panel.narrative.font().pointSizeF()
    assert body >= QApplication.font().pointSizeF()  # the presenter's type: larger to 300%
    shown = [dialog.text, dialog.owner, dialog.due.edit, dialog.due.today, dialog.ok]
    shown += [w for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    for widget in shown:
        assert widget.font().pointSizeF() == pytest.approx(body), widget.accessibleName()
    popup = dialog.owner.completer().popup()
    assert popup is not None
    assert popup.font().pointSizeF() == pytest.approx(body)  # the owners offered, too
    assert cut_off(dialog) == []  # and it fits a 1024 x 768 projector
    send_keys(qtbot, "Agree who owns the register")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [a.text for a in window.session.actions()] == ["Agree who owns the register"]


def test_an_agreed_answer_edited_says_it_went_back_to_draft_as_the_card_does(
    start_window, meeting_return: Path, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Alice"])
    # 1.2 agreed, then edited on its card, before the presenter view opens
    card = window.view.show_question("1.2")
    card.agreement.choose("agreed")
    card.narrative.setFocus(Qt.FocusReason.OtherFocusReason)
    send_keys(qtbot, ADDED)
    press(qtbot, Key.Key_Tab)
    qtbot.waitUntil(lambda: card.agreement.where.text() == FELL_BACK)
    window.activateWindow()
    presenter = open_presenter(qtbot, window)
    assert shown_ref(presenter) == "1.2"  # the card with the focus
    status = named(presenter, "Agreement status", QLabel)
    assert status.text() == f"Agreement: ✎ Draft (in this meeting) — {FELL_BACK}"
    press(qtbot, Key.Key_Left)
    assert FELL_BACK not in status.text()  # 1.1 was never agreed
    press(qtbot, Key.Key_Right)
    # 1.3 agreed here and edited in place
    press(qtbot, Key.Key_Right)
    press(qtbot, Key.Key_A)
    assert FELL_BACK not in status.text()
    press(qtbot, Key.Key_E)
    send_keys(qtbot, ADDED)
    press(qtbot, Key.Key_Escape)
    assert status.text() == f"Agreement: ✎ Draft (in this meeting) — {FELL_BACK}"
    press(qtbot, Key.Key_D)  # chosen as draft: no longer a fall-back
    assert status.text() == "Agreement: ✎ Draft (in this meeting)"


def test_it_starts_at_the_last_question_visited_from_any_page(
    start_window, meeting_return: Path, qtbot
) -> None:
    window = start_window([str(meeting_return), "--as", "Alice"])
    view = window.view
    card = view.show_question("4.5")
    assert focused() is card.narrative
    window.show_actions()  # View › Actions: the Actions page, the keyboard in its table
    qtbot.waitUntil(lambda: focused() is view.meetings.actions_page.table)
    presenter = open_presenter(qtbot, window)
    assert shown_ref(presenter) == "4.5"
    send_keys(qtbot, "6.10")
    press(qtbot, Key.Key_Return)
    press(qtbot, Key.Key_Escape)  # left at 6.10
    qtbot.waitUntil(lambda: window.presenter is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.tabs.setCurrentIndex(0)  # the About page
    view.about.focus_heading()
    presenter = open_presenter(qtbot, window)
    assert shown_ref(presenter) == "6.10"
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presenter is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # a section shown without a question of it visited: its first question
    view.tabs.setCurrentIndex(2)
    view.tabs.tabBar().setFocus(Qt.FocusReason.OtherFocusReason)
    presenter = open_presenter(qtbot, window)
    assert shown_ref(presenter) == "2.1"


# ------------------------------------------------------------------------------ fitting
def _content(presenter: PresenterWindow) -> QWidget:
    """The widget the panel scrolls (it always has one)."""
    content = presenter.panel.widget()
    assert content is not None
    return content


def _problems(presenter: PresenterWindow) -> list[str]:
    """Each visible text that is cut off or sticks out of the window (or the panel's side)."""
    found = []
    window = presenter.rect()
    panel = presenter.panel
    viewport = panel.viewport()
    if panel.horizontalScrollBar().isVisible() or _content(presenter).width() > viewport.width():
        found.append("the panel scrolls sideways")
    for widget in presenter.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | GrowingTextEdit):
            continue
        text = widget.text() if isinstance(widget, QLabel) else widget.toPlainText()
        if not text:
            continue
        box = QRect(widget.mapTo(presenter, QPoint(0, 0)), widget.size())
        if box.left() < window.left() or box.right() > window.right():
            found.append(f"{text[:30]!r} sticks out at the side: {box} in {window}")
        inside_panel = viewport.isAncestorOf(widget)
        if inside_panel:
            area = QRect(viewport.mapTo(presenter, QPoint(0, 0)), viewport.size())
            if box.left() < area.left() or box.right() > area.right():
                found.append(f"{text[:30]!r} is wider than the panel")
        elif box.top() < window.top() or box.bottom() > window.bottom():
            found.append(f"{text[:30]!r} is below or above the window")
        if isinstance(widget, QLabel):
            if widget.wordWrap() and widget.heightForWidth(widget.width()) > widget.height():
                found.append(f"{text[:30]!r} is cut off at the foot")
            if widget.width() < widget.minimumSizeHint().width():
                found.append(f"{text[:30]!r} is cut off at the side")
        else:
            if widget.height() < widget.content_height() - 2:
                found.append(f"{text[:30]!r} (an answer) is cut off at the foot")
            if widget.horizontalScrollBar().maximum() > 0:
                found.append(f"{text[:30]!r} (an answer) runs off at the side")
    return found


@pytest.mark.parametrize("zoom", [0.5, 1.0, 1.5, 2.0, 3.0])
def test_it_fits_1024_by_768_at_every_zoom(
    start_window, meeting_return: Path, qtbot, zoom: float
) -> None:
    with ReturnDocument.open(meeting_return, "Setup") as document:
        document.set_narrative("2.1", "Registerwithoutanyspaces" * 12)
        document.add_action("4.5", "Agree who owns the register", PRIYA[0], "2013-07-01")
        document.set_good_practice_note("4.5", "Joint review panel with families")
    window = start_window([str(meeting_return), "--as", "Alice"])
    window.zoom.set_factor(zoom)
    presenter = open_presenter(qtbot, window)
    press(qtbot, Key.Key_F11)  # out of full screen, then the size of the projector
    qtbot.waitUntil(lambda: not presenter.isFullScreen())
    presenter.resize(1024, 768)
    qtbot.waitUntil(lambda: presenter.size().toTuple() == (1024, 768))
    for _ in range(len(presenter.questions)):
        press(qtbot, Key.Key_A)  # a message under the question
        send_keys(qtbot, "10.")  # and the number being typed
        assert presenter.message.isVisible() and presenter.jump_line.isVisible()
        settle(_content(presenter))
        assert _problems(presenter) == [], shown_ref(presenter)
        press(qtbot, Key.Key_Right)  # puts the number away
        assert not presenter.jump_line.isVisible()
    assert shown_ref(presenter) == "11.3"
    if zoom >= 2.0:  # long answers scroll, with the arrow keys
        send_keys(qtbot, "4.5")
        press(qtbot, Key.Key_Return)
        settle(_content(presenter))
        bar = presenter.panel.verticalScrollBar()
        assert bar.isVisible() and bar.value() == 0
        press(qtbot, Key.Key_Down)
        assert bar.value() > 0


# ------------------------------------------------------------------------------ two screens
TWO_SCREENS = {
    "screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768},
        {"name": "Projector", "x": 1366, "y": 0, "width": 1024, "height": 768},
    ]
}
SCREENS_CHILD = """
import json, sys, time
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui.app import application, start

def wait_for(condition, what):
    deadline = time.monotonic() + 20
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for " + what)
        QTest.qWait(10)

app = application()
window = start([sys.argv[1], "--as", "Alice"], app)
window.activateWindow()
wait_for(lambda: QApplication.activeWindow() is window, "the main window")
seen = {"main": window.screen().name()}
QTest.keyClick(window, Qt.Key.Key_F5)
wait_for(lambda: window.presenter is not None and window.presenter.isFullScreen(), "F5")
presenter = window.presenter
seen["opened"] = presenter.screen().name()
seen["geometry"] = list(presenter.geometry().getRect())
QTest.keyClick(presenter.panel, Qt.Key.Key_M)
wait_for(lambda: presenter.message.text() != "", "M")
seen["moved"] = presenter.screen().name()
seen["message"] = presenter.message.text()
seen["still_full_screen"] = presenter.isFullScreen()
QTest.keyClick(presenter.panel, Qt.Key.Key_Escape)
wait_for(lambda: window.presenter is None, "Esc")
window.close()
print("SCREENS " + json.dumps(seen))
"""


def test_with_a_projector_it_opens_there_and_m_moves_it(meeting_return: Path) -> None:
    """A child process whose (offscreen) platform has a laptop screen and a projector."""
    config = meeting_return.parent / "screens.json"
    config.write_text(json.dumps(TWO_SCREENS), encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    done = subprocess.run(
        [sys.executable, "-c", SCREENS_CHILD, str(meeting_return)],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("SCREENS "))
    seen = json.loads(line.removeprefix("SCREENS "))
    assert seen["main"] == "Laptop"
    assert seen["opened"] == "Projector"
    assert seen["geometry"] == [1366, 0, 1024, 768]  # the whole projector
    assert seen["moved"] == "Laptop" and seen["message"] == "Moved to the screen Laptop."
    assert seen["still_full_screen"]


# ------------------------------------------------------------------------------ small parts
def test_typed_numbers_find_questions() -> None:
    template = default_template()
    assert find_question(template, "6.10") == "6.10"
    assert find_question(template, "Q4.5.") == "4.5"
    assert find_question(template, "4") == "4.1"
    assert find_question(template, "13.2") is None
    assert find_question(template, "4.x") is None
    assert find_question(template, "") is None


def test_the_projector_is_the_screen_the_main_window_is_not_on() -> None:
    assert projector_screen(["laptop", "projector"], "laptop") == "projector"
    assert projector_screen(["projector", "laptop"], "laptop") == "projector"
    assert projector_screen(["laptop"], "laptop") == "laptop"
    assert next_screen(["laptop", "projector"], "projector") == "laptop"
    assert next_screen(["laptop", "projector"], "laptop") == "projector"
    assert next_screen(["laptop"], "laptop") is None
