"""The change log of the whole return, by keys and clicks: opened from the View menu, narrowed
by person, question, meeting and dates, the change chosen shown word by word, Enter going to
its question; it grows as it is scrolled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from tests.helpers import ANN, PRIYA, TOM, add_two_meetings, build_seed_return
from tests.ui.conftest import focused
from tests.ui.helpers import assert_dialog_fits_projector, projector_at_200
from ui.history.log_dialog import ChangeLogDialog
from ui.history.log_model import COLUMNS

Key = Qt.Key


@pytest.fixture
def two_meetings(returns_dir: Path) -> Path:
    path = build_seed_return(returns_dir / "leics.stocktake")
    add_two_meetings(path)
    return path


def open_log(qtbot, window) -> ChangeLogDialog:
    action = next(
        a for a in window.findChildren(QAction) if a.text().replace("&", "") == "Change log…"
    )
    action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ChangeLogDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ChangeLogDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def column(dialog: ChangeLogDialog, name: str) -> list[str]:
    model = dialog.model
    model.load_all()
    index = COLUMNS.index(name)
    return [model.cell(row, index) for row in range(model.rowCount())]


def test_the_change_log_filtered_by_person_question_meeting_and_date(
    start_window, two_meetings: Path, qtbot
) -> None:
    window = start_window([str(two_meetings), "--as", "Alice"])
    dialog = open_log(qtbot, window)
    assert focused() is dialog.table
    everyone = dialog.model.total
    assert everyone > 100 and dialog.model.rowCount() < everyone  # rows come as needed
    assert dialog.count.text() == f"{everyone} changes, newest first."
    qtbot.keyClick(dialog.table, Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert dialog.model.rowCount() == everyone

    # by person: typing a name's start in the person filter picks it
    dialog.person.setFocus()
    qtbot.keyClicks(dialog.person, "Tom")
    assert dialog.person.currentText() == TOM[0]
    assert set(column(dialog, "Who")) == {TOM[0]}
    assert set(column(dialog, "Question")) == {"2.1", "—"}  # "—": the meetings he ran
    assert set(column(dialog, "Meeting")) == {
        "Partnership Board, 20 June 2013",
        "Health and Wellbeing Board, 27 June 2013",
    }
    assert column(dialog, "Field")[-2:] == ["Action", "Assessment"]  # oldest last
    dialog.table.setCurrentIndex(dialog.model.index(dialog.model.rowCount() - 1, 0))
    detail = dialog.detail.toPlainText()
    assert detail.startswith("2.1 · Assessment — ") and TOM[0] in detail
    assert "[+Pooled budget agreed+] for [-" in detail  # word by word, marked in the text
    assert detail.endswith("[+2013/14; CHC and S117 flows mapped.+]")

    # by question and meeting: Ann Baker rewrote 1.1 at the Health and Wellbeing Board
    dialog.choose(dialog.person, "Everyone")
    dialog.choose(dialog.question, "1.1 ")
    dialog.choose(dialog.meeting, "Health and Wellbeing Board")
    assert set(column(dialog, "Who")) == {ANN[0]}
    assert set(column(dialog, "Field")) == {"Assessment", "Agreement"}
    dialog.choose(dialog.meeting, "Outside meetings")
    assert set(column(dialog, "Who")) == {"Alice"}  # the seed was written outside meetings
    dialog.choose(dialog.meeting, "Any time")
    assert {PRIYA[0], ANN[0], "Alice"} <= set(column(dialog, "Who"))

    # by date: nothing before 1 January 2000
    dialog.until.edit.setFocus()
    qtbot.keyClicks(dialog.until.edit, "31/12/1999")
    qtbot.keyClick(dialog.until.edit, Key.Key_Return)
    assert dialog.count.text() == "No changes match."
    dialog.until.edit.clear()
    qtbot.keyClick(dialog.until.edit, Key.Key_Return)
    assert dialog.model.total > 0

    # Enter on a change goes to its question
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.waitUntil(lambda: focused() is window.view.card("1.1").narrative)


def test_the_change_log_fits_a_1024_by_768_window_at_200_percent(
    start_window, two_meetings: Path, qtbot
) -> None:
    window = start_window([str(two_meetings), "--as", "Alice"])
    projector_at_200(qtbot, window)
    dialog = open_log(qtbot, window)
    shown = (dialog.person, dialog.until, dialog.table, dialog.detail)
    assert_dialog_fits_projector(window, dialog, shown)
