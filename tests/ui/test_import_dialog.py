"""File › Import… in the window, by keys and clicks: a Word return built from seed 001 (the file
chosen through the dialog seam), its plan question by question with the note that a Word
return has no status codes, Cancel writing nothing, Import filling all 61 answers and the
views showing them; a source that is not a return, or of another edition, is refused in one
message with nothing written; the plan fits a 1024 x 768 projector at 200%."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QMenu

from stocktake_desktop.document import ReturnDocument
from tests.helpers import dumped, importable_seed, other_edition
from tests.ui.conftest import ScriptedDialogs, focused, settle
from tests.ui.helpers import cut_off, shut
from tests.word_fixtures import SEED_COMPLETION, build_word_document, build_word_return
from ui.imports.plan_dialog import ImportPlanDialog

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
WORD_NOTE = "A Word return has no status codes"


@pytest.fixture(scope="module")
def word_return(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_word_return(tmp_path_factory.mktemp("word") / "rotherham.docx")


@pytest.fixture
def target(returns_dir: Path) -> Path:
    path = returns_dir / "rotherham.stocktake"
    with ReturnDocument.create(path, "Rotherham", "Setup") as document:
        document.set_codes("1.1", [2])  # a code of its own, which a Word return leaves alone
    return path


def import_by_menu(qtbot, window, seam: ScriptedDialogs, source: Path) -> None:
    """File › &Import…, the source chosen in the (scripted) file dialog."""
    seam.queue("open_file", source)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Key.Key_F, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Key.Key_I)


def plan_dialog(qtbot, window) -> ImportPlanDialog:
    qtbot.waitUntil(lambda: window.import_dialog is not None and window.import_dialog.isVisible())
    dialog = window.import_dialog
    assert isinstance(dialog, ImportPlanDialog)
    qtbot.waitUntil(lambda: focused() is dialog.table)
    return dialog


def cells(dialog: ImportPlanDialog, row: int) -> list[str]:
    model = dialog.model
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_a_word_return_shows_its_plan_then_cancel_writes_nothing_and_import_fills_61(
    start_window, target: Path, word_return: Path, seam: ScriptedDialogs, qtbot
) -> None:
    window = start_window([str(target), "--as", "Jo"])
    before = dumped(target)
    import_by_menu(qtbot, window, seam, word_return)
    dialog = plan_dialog(qtbot, window)
    title, folder, patterns = seam.called("open_file")[0][1:]
    assert title == "Import into this return" and folder == target.parent
    assert "*.docx" in patterns and "*.xlsx" in patterns and "*.json" in patterns
    assert dialog.summary.text().startswith(
        "Would import rotherham.docx (a Word return) into rotherham.stocktake as Jo: 61 filled, "
        "0 replaced, 0 unchanged, 0 left alone, 0 not recognised"
    )
    assert WORD_NOTE in dialog.notes.toPlainText()
    assert dialog.notes.isVisible()
    template = window.session.document.template
    first = cells(dialog, 0)
    assert first[:3] == ["1.1", template.question("1.1").text, "filled: assessment"]
    assert first[3].startswith("The Joint Health and Social Services")
    assert dialog.model.rowCount() == 61 + len(SEED_COMPLETION)
    last = cells(dialog, dialog.model.rowCount() - 1)
    assert last[1:3] == ["CCG rep (signed by)", "filled"] and last[3] == "CHRIS EDWARDS"
    # the chosen row in full, moved by the keyboard
    qtbot.keyClick(dialog.table, Key.Key_Down)
    assert dialog.details.toPlainText().startswith(f"1.2, {template.question('1.2').text}:")
    assert "From the source:" in dialog.details.toPlainText()

    qtbot.keyClick(focused(), Key.Key_Escape)  # Cancel
    qtbot.waitUntil(lambda: shut(dialog))
    assert window.session.save_now()
    assert dumped(target) == before
    assert seam.called("inform") == []

    import_by_menu(qtbot, window, seam, word_return)
    dialog = plan_dialog(qtbot, window)
    qtbot.keyClick(focused(), Key.Key_I, ALT)  # &Import
    qtbot.waitUntil(lambda: shut(dialog))
    [said] = seam.called("inform")
    assert said[2].startswith("Imported rotherham.docx (a Word return) into rotherham.stocktake")
    card = window.view.card("2.1")  # the views show what was imported
    assert card.narrative.toPlainText() == window.session.document.answer("2.1").narrative != ""
    view = window.view
    assert view.progress() == (61, 61)
    view.show_question("completion")
    assert view.completion is not None
    assert view.completion.completed_by["name"].text() == SEED_COMPLETION["completed_by.name"]

    window.close_return(show_start=False)
    with ReturnDocument.open(target, "Reader", read_only=True) as document:
        answers = document.answers()
        assert len(answers) == 61 and all(a.narrative for a in answers.values())
        assert answers["1.1"].codes == (2,) and not any(
            a.codes for r, a in answers.items() if r != "1.1"
        )
        completion = document.completion()
        assert {k: completion[k] for k in SEED_COMPLETION} == SEED_COMPLETION
        assert document.change_log("2.1")[-1].who == "Jo"


def test_another_localitys_word_return_is_noted_first_in_the_plan(
    start_window, returns_dir: Path, word_return: Path, seam: ScriptedDialogs, qtbot
) -> None:
    northants = returns_dir / "northants.stocktake"
    ReturnDocument.create(northants, "Northamptonshire", "Setup").close()
    window = start_window([str(northants), "--as", "Jo"])
    import_by_menu(qtbot, window, seam, word_return)
    dialog = plan_dialog(qtbot, window)
    assert dialog.notes.isVisible()
    notes = dialog.notes.toPlainText().splitlines()
    assert notes[0].endswith(
        "This is Rotherham's return (its contact is at rotherham.gov.uk and it never names "
        "Northamptonshire); you are importing into Northamptonshire's. The locality stays "
        "Northamptonshire."
    )
    assert dialog.import_button.isEnabled()  # noted, not refused
    qtbot.keyClick(focused(), Key.Key_I, ALT)  # &Import
    qtbot.waitUntil(lambda: shut(dialog))
    assert window.session.document.answer("1.1").narrative != ""
    assert window.session.document.locality == "Northamptonshire"


def test_filtering_to_what_changes_and_the_filter_box_by_keys(
    start_window, target: Path, tmp_path: Path, seam: ScriptedDialogs, qtbot
) -> None:
    data = importable_seed()
    data["answers"] = {"1.1": data["answers"]["1.1"], "2.1": data["answers"]["2.1"]}
    data["answers"]["1.1"]["codes"] = [2]  # as the return has it already
    data["answers"]["1.1"]["narrative"] = ""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(data), encoding="utf-8")
    window = start_window([str(target), "--as", "Jo"])
    import_by_menu(qtbot, window, seam, answers)
    dialog = plan_dialog(qtbot, window)
    assert "left alone" in cells(dialog, 3)[2]  # 1.3: not in the answers file
    qtbot.keyClick(focused(), Key.Key_O, ALT)  # Show &only what will change
    qtbot.waitUntil(dialog.only_changes.isChecked)  # a mnemonic clicks a moment later
    refs = [cells(dialog, row)[0] for row in range(dialog.model.rowCount())]
    assert refs[:2] == ["", "2.1"]  # the locality is replaced, then 2.1 is filled
    assert "1.1" not in refs
    qtbot.keyClick(focused(), Key.Key_Escape)
    qtbot.waitUntil(lambda: shut(dialog))


def test_refused_sources_are_one_message_and_nothing_is_written(
    start_window, target: Path, tmp_path: Path, seam: ScriptedDialogs, qtbot
) -> None:
    letter = build_word_document(tmp_path / "letter.docx", ["Dear colleague,", "Thank you."])
    edition = other_edition(tmp_path)
    elsewhere = tmp_path / "2014.stocktake"
    ReturnDocument.create(elsewhere, "Rotherham", "Setup", template=edition).close()
    window = start_window([str(target), "--as", "Jo"])
    before = dumped(target)
    for count, source in enumerate((letter, elsewhere), 1):
        import_by_menu(qtbot, window, seam, source)
        qtbot.waitUntil(lambda count=count: len(seam.called("warn")) == count)
    warnings = seam.called("warn")
    assert [w[1] for w in warnings] == ["Import", "Import"]
    for warning, name in zip(warnings, ("letter.docx", "2014.stocktake"), strict=True):
        text = warning[2]
        assert text.startswith("Nothing was imported. ") and name in text
        assert "\n" not in text and "Traceback" not in text
    assert window.import_dialog is None
    assert window.session.save_now()
    assert dumped(target) == before


@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_the_plan_opens_sized_to_a_1024_by_768_screen(
    start_window, target: Path, word_return: Path, seam: ScriptedDialogs, qtbot, monkeypatch, zoom
) -> None:
    screen = QRect(0, 0, 1024, 768)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(screen))
    window = start_window([str(target), "--as", "Jo"])
    window.zoom.set_factor(zoom)
    window.setGeometry(4, 24, 1016, 740)  # the whole screen, less its frame
    qtbot.waitUntil(lambda: window.geometry() == QRect(4, 24, 1016, 740))
    import_by_menu(qtbot, window, seam, word_return)
    dialog = plan_dialog(qtbot, window)
    settle(dialog)
    assert dialog.width() >= window.width() * 0.8, dialog.size()  # roomy, not its 278 px
    assert dialog.height() >= window.height() * 0.8, dialog.size()
    assert screen.contains(dialog.frameGeometry()), dialog.frameGeometry()
    assert window.geometry().contains(dialog.geometry())
    assert cut_off(dialog) == []
    lines = dialog.fontMetrics().lineSpacing()
    assert dialog.table.height() >= lines * 8 and dialog.details.height() >= lines * 3
    assert dialog.table.columnWidth(1) >= dialog.fontMetrics().horizontalAdvance("m" * 12)


def test_the_plan_fits_a_projector_at_200_percent(
    start_window, target: Path, word_return: Path, seam: ScriptedDialogs, qtbot
) -> None:
    window = start_window([str(target), "--as", "Jo"])
    window.zoom.set_factor(2.0)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 768))
    import_by_menu(qtbot, window, seam, word_return)
    dialog = plan_dialog(qtbot, window)
    dialog.resize(1024, 768)
    settle(dialog)
    assert cut_off(dialog) == []
    lines = dialog.fontMetrics().lineSpacing()
    assert dialog.table.height() >= lines * 5 and dialog.details.height() >= lines * 2
    assert dialog.table.rowHeight(0) >= dialog.table.fontMetrics().height()
    window.zoom.set_factor(1.0)  # rows and columns follow the zoom while it is open
    qtbot.waitUntil(lambda: dialog.table.rowHeight(0) < lines)
    window.zoom.set_factor(3.0)
    qtbot.waitUntil(lambda: dialog.table.rowHeight(0) > lines)
    assert dialog.table.rowHeight(0) >= dialog.table.fontMetrics().height()
    assert dialog.table.columnWidth(0) > dialog.table.fontMetrics().horizontalAdvance("10.10")
