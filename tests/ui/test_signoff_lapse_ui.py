"""Sign-off that stays honest, on the completion page: a sign-off made before later changes says
so under its role with the questions as links, shows what changed since, and **Confirm again**
dates it today (the file keeps it, the notice goes); the export dialog lists the lapse as a
warning that a final submission must confirm, as other warnings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document import ReturnDocument
from tests.helpers import build_seed_return
from tests.ui.conftest import click, focused, named
from ui.history.changes_dialog import ChangesDialog
from ui.history.lapse_notice import LapseNotice
from ui.pages.export_dialog import ExportDialog

Key = Qt.Key
CHAIR = "Chair of the Health and Wellbeing Board"
LAPSED = f"{CHAIR} signed on 20 November 2026; 3 answers changed since (4.5, 6.2, 9.1)"
LATER = " Updated after the sign-off."


@pytest.fixture
def signed_then_changed(returns_dir: Path) -> Path:
    """The seed return, signed off, then three answers changed by Tom Reed."""
    path = build_seed_return(returns_dir / "leics.stocktake")
    with ReturnDocument.open(path, "Tom Reed") as document:
        document.set_codes("3.5", [2])  # the seed's 3.5 has no code: complete it first
        for role in document.template.sign_off_roles:
            document.confirm_sign_off(role.key)
        for ref, day in (
            ("chair_hwb", "2026-11-20"),
            ("la_chief_executive", "2026-11-21"),
            ("ccg_rep", "2026-11-21"),
        ):
            document.set_sign_off(ref, date=day)
        for ref in ("4.5", "6.2", "9.1"):
            document.set_narrative(ref, document.answer(ref).narrative + LATER)
    return path


def completion_page(qtbot, window):
    view = window.view
    view.show_question("completion")
    page = view.completion
    assert page is not None
    qtbot.waitUntil(lambda: page.isVisible())
    return page


def test_a_lapsed_sign_off_shows_what_changed_and_confirming_again_clears_it(
    start_window, signed_then_changed: Path, seam, qtbot
) -> None:
    window = start_window([str(signed_then_changed), "--as", "Alice"])
    page = completion_page(qtbot, window)
    notice = page.lapse_notices["chair_hwb"]
    assert isinstance(notice, LapseNotice) and notice.isVisible()
    assert notice.text.accessibleName() == LAPSED
    shown = notice.text.text()
    assert "Signed before later changes." in shown
    assert '<a href="4.5">4.5</a>, <a href="6.2">6.2</a>, <a href="9.1">9.1</a>' in shown
    assert all(page.lapse_notices[k].isVisible() for k in ("la_chief_executive", "ccg_rep"))
    checklist = [item.accessibleName() for item in page.items]
    assert any(f"{LAPSED} (warning)" in line for line in checklist), checklist

    # what changed since the signature, word by word
    click(qtbot, named(page, f"{CHAIR}: what changed since the sign-off"))
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ChangesDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ChangesDialog)
    assert not dialog.restore_button.isVisible() and not dialog.since.isVisible()
    assert dialog.summary.text() == "3 answers (4.5, 6.2, 9.1) changed; 3 fields in all."
    assert "[+Updated after the sign-off.+]" in dialog.changes.toPlainText()
    assert "by Tom Reed" in dialog.changes.toPlainText()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(focused(), Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)

    # confirm again: asked, then dated today; the notice goes and the file keeps it
    seam.queue("ask", True)
    click(qtbot, named(page, f"{CHAIR}: confirm the sign-off again"))
    question = seam.called("ask")[-1][2]
    assert question.startswith("Has Councillor Ann Other seen the return as it is now?")
    assert friendly_date(date.today()) in question
    assert not notice.isVisible()
    assert page.sign_off_dates["chair_hwb"].edit.text() == friendly_date(date.today())
    assert page.lapse_notices["ccg_rep"].isVisible()  # the others still need confirming
    assert window.session.save_now()
    with ReturnDocument.open(signed_then_changed, "Reader", read_only=True) as document:
        assert document.sign_off()["chair_hwb"] == (
            "Councillor Ann Other",
            date.today().isoformat(),
        )
        assert [lapse.role for lapse in document.lapsed_sign_offs()] == [
            "la_chief_executive",
            "ccg_rep",
        ]


def test_a_question_link_in_the_notice_goes_to_the_question(
    start_window, signed_then_changed: Path, qtbot
) -> None:
    window = start_window([str(signed_then_changed), "--as", "Alice"])
    page = completion_page(qtbot, window)
    notice = page.lapse_notices["chair_hwb"]
    notice.text.linkActivated.emit("6.2")  # as a click or Enter on the link does
    qtbot.waitUntil(lambda: focused() is window.view.card("6.2").narrative)


def test_cancel_leaves_the_sign_off_as_it_was(
    start_window, signed_then_changed: Path, seam, qtbot
) -> None:
    window = start_window([str(signed_then_changed), "--as", "Alice"])
    page = completion_page(qtbot, window)
    seam.queue("ask", False)
    click(qtbot, named(page, f"{CHAIR}: confirm the sign-off again"))
    assert page.lapse_notices["chair_hwb"].isVisible()
    assert window.session.document.sign_off()["chair_hwb"][1] == "2026-11-20"


def test_the_export_dialog_needs_the_same_confirmation_for_a_lapsed_sign_off(
    start_window, signed_then_changed: Path, qtbot
) -> None:
    window = start_window([str(signed_then_changed), "--as", "Alice"])
    dialog = ExportDialog(window, window.session)
    qtbot.addWidget(dialog)
    dialog.show()
    lines = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert f"Warning · Completion: {LAPSED} (warning)" in lines
    dialog.final.setChecked(True)
    assert dialog.confirm.isVisible() and not dialog.export_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert dialog.export_button.isEnabled()
    dialog.reject()
