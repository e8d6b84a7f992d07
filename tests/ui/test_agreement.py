"""Agreement on the question cards, by keys: three answers agreed in a meeting, the counts on
the section tabs and the completion page, an agreed answer edited later back to draft (shown
in words), the note; names that say the question; the file holds it all."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Attendee
from stocktake_desktop.template import default_template
from tests.helpers import BOARD, PRIYA, TOM
from tests.ui.conftest import ScriptedDialogs, focused, named
from tests.ui.helpers import send_keys
from ui.widgets.agreement_panel import FELL_BACK, AgreementPanel, choice_name

Key = Qt.Key


@pytest.fixture
def in_a_meeting(returns_dir: Path) -> Path:
    path = returns_dir / "leics.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Setup") as document:
        for ref in ("4.5", "4.6", "4.7"):
            document.set_codes(ref, [1])
            document.set_narrative(ref, f"What we do for {ref}.")
        document.start_meeting(*BOARD, [Attendee(*PRIYA), Attendee(*TOM)])
    return path


def press(qtbot, key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def test_three_answers_agreed_by_keys_and_one_edited_back_to_draft(
    start_window, in_a_meeting: Path, qtbot
) -> None:
    window = start_window([str(in_a_meeting), "--as", PRIYA[0]])
    view = window.view
    tabs = view.tabs
    assert tabs.tabText(4) == "4. Current Review Programme — 3/9"

    for ref in ("4.5", "4.6", "4.7"):
        card = view.show_question(ref)
        panel: AgreementPanel = card.agreement
        assert panel.status == "draft" and not panel.where.isVisible()
        # Tab on from the support field reaches the agreement: one stop, the chosen status
        card.support.setFocus(Qt.FocusReason.TabFocusReason)
        press(qtbot, Key.Key_Tab)
        assert focused() is panel.choices["draft"]
        press(qtbot, Key.Key_Right)  # arrow keys move and choose, as radio buttons do
        assert focused() is panel.choices["agreed"] and panel.status == "agreed"
        assert window.session.agreement(ref).status == "agreed"
        assert panel.where.text() == "Agreed at Partnership Board, 20 June 2013."
        assert panel.choices["agreed"].text() == "Agreed"  # in words, not colour alone

    assert tabs.tabText(4) == "4. Current Review Programme — 3/9 · 3 agreed"
    assert tabs.tabBar()._short[4] == "4 · 3/9\n3 agreed"
    view.tabs.setCurrentIndex(view.completion_index)
    completion = view.completion
    qtbot.waitUntil(lambda: "3 of 61 answers agreed" in completion.agreed.text())
    assert completion.agreed.text() == "Agreed: 3 of 61 answers agreed, 0 need work, 58 draft."

    # 4.6 needs work, with a note (Tab from the status to the note)
    card = view.show_question("4.6")
    panel = card.agreement
    panel.choices["agreed"].setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Key.Key_Right)
    assert panel.status == "needs-work"
    press(qtbot, Key.Key_Tab)
    assert focused() is panel.note
    send_keys(qtbot, "Add the CCG's figures")
    press(qtbot, Key.Key_Tab)
    assert focused() is panel.add_button
    assert window.session.agreement("4.6").note == "Add the CCG's figures"
    assert tabs.tabText(4).endswith(" · 2 agreed")

    # an agreed answer edited later falls back to draft, and the card says so in words
    card = view.show_question("4.5")
    panel = card.agreement
    assert panel.status == "agreed"
    send_keys(qtbot, " And more.")
    press(qtbot, Key.Key_Tab)  # leaving the field writes at once
    qtbot.waitUntil(lambda: panel.status == "draft")
    assert panel.choices["draft"].isChecked() and not panel.choices["agreed"].isChecked()
    assert panel.where.isVisible() and panel.where.text() == FELL_BACK
    assert tabs.tabText(4).endswith(" · 1 agreed")
    # choosing again clears the notice
    panel.choices["draft"].setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Key.Key_End)
    assert panel.status == "needs-work" and panel.where.text() != FELL_BACK
    press(qtbot, Key.Key_Home)
    assert panel.status == "draft"
    press(qtbot, Key.Key_Right)
    assert panel.status == "agreed"
    assert window.session.save_now()
    window.close()

    with ReturnDocument.open(in_a_meeting, "Reader", read_only=True) as document:
        agreements = document.agreements()
        assert agreements["4.5"].status == "agreed" and agreements["4.5"].meeting == "m1"
        assert agreements["4.6"].status == "needs-work"
        assert agreements["4.6"].note == "Add the CCG's figures"
        assert agreements["4.7"].status == "agreed"
        log = [(e.field, e.old, e.new, e.meeting) for e in document.change_log() if e.ref == "4.5"]
        assert ("agreement", "agreed", "draft", "m1") in log  # the fall-back, in the history
        assert log[-1] == ("agreement", "draft", "agreed", "m1")


def test_the_agreement_names_say_the_question_and_a_read_only_return_cannot_change_it(
    start_window, in_a_meeting: Path, seam: ScriptedDialogs, qtbot
) -> None:
    with ReturnDocument.open(in_a_meeting, "Setup") as document:
        document.set_agreement("2.1", "agreed")
    window = start_window([str(in_a_meeting), "--as", "Alice"])
    view = window.view
    question = default_template().question("2.1")
    card = view.show_question("2.1")
    panel = card.agreement
    assert named(view, choice_name(question, "agreed")) is panel.choices["agreed"]
    assert choice_name(question, "needs-work") == f"2.1 agreement: Needs work — {question.text}"
    assert named(view, f"2.1 agreement note — {question.text}") is panel.note
    assert named(view, f"2.1 add action — {question.text}") is panel.add_button
    assert panel.choices["agreed"] in card.inputs()
    assert panel.choices["draft"] not in card.inputs()  # one tab stop: the chosen status
    window.close()

    in_a_meeting.chmod(0o444)
    try:
        seam.queue("ask", True)  # "Open read-only"
        window = start_window([str(in_a_meeting), "--as", "Alice"])
        assert window.session.read_only
        panel = window.view.card("2.1").agreement
        assert panel.status == "agreed"
        assert not panel.choices["draft"].isEnabled() and panel.note.isReadOnly()
        assert not panel.add_button.isEnabled()
        assert not window.menus.meeting.end.isEnabled()  # a meeting is not ended read-only
        assert not window.view.about.meeting_button.isEnabled()
        assert not window.view.meeting_banner.end_button.isVisible()
    finally:
        in_a_meeting.chmod(0o644)


def test_needs_work_is_said_in_a_sentence(
    start_window, in_a_meeting: Path, make_return, qtbot
) -> None:
    window = start_window([str(in_a_meeting), "--as", PRIYA[0]])
    panel = window.view.show_question("4.5").agreement
    panel.choices["draft"].setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Key.Key_End)  # Needs work
    assert panel.status == "needs-work"
    assert panel.where.text() == "Marked as needing work at Partnership Board, 20 June 2013."
    window.close()
    # set outside any meeting
    window = start_window([str(make_return("other.stocktake")), "--as", PRIYA[0]])
    panel = window.view.show_question("4.5").agreement
    panel.choices["draft"].setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Key.Key_End)
    assert panel.where.isVisible() and panel.where.text() == "Marked as needing work."


def test_back_to_draft_is_still_said_after_the_return_is_opened_again(
    start_window, in_a_meeting: Path, qtbot
) -> None:
    with ReturnDocument.open(in_a_meeting, PRIYA[0]) as document:
        document.set_agreement("4.5", "agreed")
        document.set_agreement("4.6", "agreed")
        document.set_agreement("4.6", "draft")  # set back by hand: no notice
    window = start_window([str(in_a_meeting), "--as", PRIYA[0]])
    card = window.view.show_question("4.5")
    assert card.agreement.status == "agreed"
    qtbot.waitUntil(lambda: focused() is card.narrative)
    send_keys(qtbot, " And more.")
    press(qtbot, Key.Key_Tab)  # leaving the field writes at once
    qtbot.waitUntil(lambda: card.agreement.where.text() == FELL_BACK)
    assert window.session.save_now()
    window.close()
    window = start_window([str(in_a_meeting), "--as", PRIYA[0]])
    panel = window.view.show_question("4.5").agreement
    assert panel.status == "draft"
    assert panel.where.isVisible() and panel.where.text() == FELL_BACK
    assert window.view.show_question("4.6").agreement.where.text() != FELL_BACK
