"""Render the screenshots in docs/screenshots/ (offscreen; run from the repository root).

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py

Uses a private data folder, the seed return and a 1280x860 window; the projector shots are a
1024x768 window (the whole of a 1024x768 screen) at 200%; the presenter view is 1024x768 at
100% and, in high contrast, at 200%.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = ROOT / "docs" / "screenshots"
SIZE = (1280, 860)
PROJECTOR = (1024, 768)

CRASH = """
import os, sys
from pathlib import Path
from stocktake_desktop.document import ReturnDocument
d = ReturnDocument.create(Path(sys.argv[1]), "Rutland", "Priya Shah")
d.set_narrative("1.1", "Drafted before the power cut")
os._exit(1)
"""


def presenter_shots(window: MainWindow, settle: Callable[[], None]) -> None:
    """The presenter view at 1024x768 in a meeting: 4.5 rewritten and agreed, with an action;
    then in high contrast at 200%."""
    from stocktake_desktop.document.models import Attendee

    session, view = window.session, window.view
    assert session is not None and view is not None
    people = [Attendee("Priya Shah", "Northamptonshire County Council"), Attendee("Tom Reed")]
    session.start_meeting("Partnership Board", "2013-06-20", "Cllr K Wyatt", people)
    narrative = session.document.answer("4.5").narrative
    session.set_narrative("4.5", narrative + " The board agreed this at its June meeting.")
    session.set_agreement("4.5", "agreed")
    session.add_action("4.5", "Agree who owns the register", "Priya Shah", "2013-07-01")
    view.show_question("4.5")
    window.toggle_presenter()
    presenter = window.presenter
    assert presenter is not None
    presenter.showNormal()
    presenter.resize(*PROJECTOR)
    settle()
    presenter.grab().save(str(OUT / "presenter-1024x768.png"))
    window.zoom.set_factor(2.0)
    presenter.set_high_contrast(True)
    presenter.say("")
    settle()
    presenter.grab().save(str(OUT / "presenter-1024x768-high-contrast-200.png"))
    presenter.set_high_contrast(False)
    window.zoom.set_factor(1.0)
    presenter.close()
    session.end_meeting()


def meeting_shots(window: MainWindow, settle: Callable[[], None]) -> None:
    """A meeting on a 1024x768 projector at 200%: starting it (the last meeting's people
    brought back, one more typed), the banner over a section with agreed answers; then the
    Actions page at 100%."""
    from PySide6.QtCore import Qt

    session, view = window.session, window.view
    assert session is not None and view is not None
    window.zoom.set_factor(2.0)
    window.resize(*PROJECTOR)
    settle()
    window.start_meeting()
    dialog = window.meeting_dialog
    assert dialog is not None
    dialog.date.set_iso_silently("2013-06-27")
    dialog.same_button.click()
    dialog.add_typed("Jo Evans, Healthwatch Leicestershire")
    dialog.add_typed("Ann Baker, Leicestershire Partnership NHS Trust")
    settle()
    dialog.grab().save(str(OUT / "meeting-start-dialog-200.png"))
    dialog.start_button.click()
    for ref in ("4.1", "4.2", "4.4", "4.5"):
        session.set_agreement(ref, "agreed")
    session.set_agreement("4.3", "needs-work", "Add the CCG's placement figures")
    session.add_action("4.3", "Send the placement figures", "Tom Reed", "2013-06-28")
    session.add_action("2.1", "Share the register with providers", "Ann Baker")
    session.add_action("9.2", "Cost the housing options for 2 people", "Jo Evans", "2013-07-19")
    card = view.show_question("4.3", focus=False)
    assert card is not None
    settle()
    view.section_page(4).scroll_to(card.support)
    card.agreement.choices["needs-work"].setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    window.grab().save(str(OUT / "meeting-banner-1024x768-200.png"))
    window.zoom.set_factor(1.0)
    window.resize(*SIZE)
    window.show_actions()
    settle()
    window.grab().save(str(OUT / "actions-page.png"))
    session.end_meeting()


def history_shots(window: MainWindow, settle: Callable[[], None]) -> None:
    """History and restore: 4.5 rewritten in a meeting by two people, its history panel with
    two versions compared (1280x860); what changed in the meeting, at 1280x860 and on a
    1024x768 projector at 200%; the change log; the chair's sign-off, given before, lapsed."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from stocktake_desktop.document.models import Attendee
    from ui.history.changes_dialog import open_changes
    from ui.history.log_dialog import open_change_log
    from ui.history.panel import open_history

    session, view = window.session, window.view
    assert session is not None and view is not None
    view.show_question("completion")  # the chair signs, as typed on the completion page
    page = view.completion
    assert page is not None
    for edit, text in (
        (page.sign_off_names["chair_hwb"], "Cllr K Wyatt"),
        (page.sign_off_dates["chair_hwb"].edit, "28/06/2013"),
    ):
        QTest.keyClicks(edit, text)
        edit.editingFinished.emit()
    people = [Attendee("Priya Shah", "Northamptonshire County Council"), Attendee("Tom Reed")]
    session.start_meeting("Health and Wellbeing Board", "2013-06-27", "Dr A Jones", people)
    narrative = session.document.answer("4.5").narrative
    session.set_editor("Priya Shah")
    session.set_narrative("4.5", narrative + " The CCG keeps the register; the council a copy.")
    session.set_editor("Tom Reed")
    session.set_narrative("4.5", narrative + " The CCG keeps the register and reviews it monthly.")
    session.set_codes("2.1", (2,))
    session.set_editor("Alice Smith")
    view.show_question("4.5", focus=False)
    settle()
    panel = open_history(view.card("4.5"), session, "4.5")
    panel.resize(1100, 720)  # as on a 1280x860 screen (the offscreen one is smaller)
    panel.choose_rows([0, 1])
    settle()
    panel.grab().save(str(OUT / "history-panel.png"))
    panel.close()
    changes = open_changes(window, session)
    changes.resize(1100, 720)
    settle()
    changes.grab().save(str(OUT / "changed-in-meeting.png"))
    changes.close()
    window.zoom.set_factor(2.0)
    window.resize(*PROJECTOR)
    settle()
    changes = open_changes(window, session)
    changes.resize(972, 730)  # the most a 1024x768 window leaves it
    settle()
    changes.grab().save(str(OUT / "changed-in-meeting-1024x768-200.png"))
    changes.close()
    window.zoom.set_factor(1.0)
    window.resize(*SIZE)
    settle()
    log = open_change_log(window, session)
    log.resize(1200, 780)
    settle()
    log.grab().save(str(OUT / "change-log.png"))
    log.close()
    view.show_question("completion")
    page.refresh()  # now, not after its pause
    notice = page.lapse_notices["chair_hwb"]
    page.scroll_to(notice)
    notice.confirm_button.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    window.grab().save(str(OUT / "sign-off-lapsed.png"))
    session.end_meeting()


def merge_import_shots(window: MainWindow, returns: Path, settle: Callable[[], None]) -> None:
    """Merging and importing at 1024x768: the conflict review screen after merging the CCG's
    copy of the seed return (4.5 rewritten on both laptops), and the plan of importing a Word
    return (seed 001 rebuilt as .docx) into a new return."""
    import shutil

    from stocktake_desktop.document import ReturnDocument
    from tests.word_fixtures import build_word_return
    from ui.imports.plan_dialog import ImportPlanDialog
    from ui.merge.review import ConflictReview

    assert window.session is not None
    mine = window.session.document.path
    window.close_return(show_start=False)
    theirs = returns / "Leicestershire stocktake (CCG copy).stocktake"
    shutil.copyfile(mine, theirs)
    for path, editor, added in (
        (mine, "Alice Smith", " The council keeps the register and shares it monthly."),
        (theirs, "Dev Patel", " The CCG keeps the register; GP practices check it quarterly."),
    ):
        with ReturnDocument.open(path, editor) as document:
            document.set_narrative("4.5", document.answer("4.5").narrative + added)
    window.open_path(mine)
    session = window.session
    assert session is not None
    session.merge(session.prepare_merge(theirs))
    review = ConflictReview(session, "4.5", window)
    review.show()
    review.resize(*PROJECTOR)
    settle()
    review.grab().save(str(OUT / "merge-review.png"))
    review.close()

    word = build_word_return(returns / "Rotherham stocktake.docx")
    target = returns / "Rotherham stocktake.stocktake"
    ReturnDocument.create(target, "Rotherham", "Alice Smith").close()
    window.open_path(target)
    session = window.session
    assert session is not None
    dialog = ImportPlanDialog(session, session.prepare_import(word), window)
    dialog.show()
    dialog.resize(*PROJECTOR)
    settle()
    dialog.grab().save(str(OUT / "import-plan.png"))
    dialog.reject()


def main() -> int:
    from bench_startup import build_seed_return

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stocktake-shots-") as folder:
        base = Path(folder)
        os.environ["STOCKTAKE_DATA_DIR"] = str(base / "appdata")
        returns = base / "Returns"
        returns.mkdir()
        seed = build_seed_return(
            returns / "Leicestershire stocktake.stocktake", editor="Alice Smith"
        )
        evidence = returns / "Programme board terms of reference.pdf"
        evidence.write_bytes(b"%PDF-1.4 terms of reference" * 400)
        gone = returns / "Placement register.xlsx"
        gone.write_bytes(b"register" * 100)
        from stocktake_desktop.document import ReturnDocument

        with ReturnDocument.open(seed, "Alice Smith") as document:
            document.set_good_practice("4.1", True)
            document.set_good_practice_note("4.1", "Joint review panel with families")
            document.add_evidence("4.1", evidence)
            document.add_evidence("4.1", gone)
            document.set_support_required("4.2", "Advice on sharing registers with the CCG.")
            document.set_completed_by("name", "Alice Smith")
            document.set_completed_by("organisation", "Leicestershire County Council")
        gone.unlink()  # shows how a missing evidence file is flagged
        subprocess.run(
            [sys.executable, "-c", CRASH, str(returns / "Rutland stocktake.stocktake")],
            cwd=ROOT,
            env=dict(os.environ),
            check=False,
        )

        from PySide6.QtCore import Qt

        from ui.app import application, start

        app = application()

        def settle() -> None:
            for _ in range(6):
                app.processEvents()

        # the start page, with a recent return and unsaved work to recover
        window = start(["--as", "Alice Smith"], app)
        window.open_path(seed)
        window.close_return()
        window.resize(*SIZE)
        settle()
        window.grab().save(str(OUT / "start-page.png"))

        window.open_path(seed)
        view = window.view
        assert view is not None
        view.ensure_all_pages()
        view.tabs.setCurrentIndex(4)
        settle()
        window.grab().save(str(OUT / "section-page.png"))
        view.show_question("4.1", focus=False)
        settle()
        page = view.section_page(4)
        card = view.card("4.1")
        page.scroll_to(card.good_practice)
        settle()
        window.grab().save(str(OUT / "good-practice-and-evidence.png"))
        view.show_question("6.10", focus=False)
        settle()
        window.grab().save(str(OUT / "question-6-10.png"))
        view.tabs.setCurrentIndex(view.completion_index)
        settle()
        window.grab().save(str(OUT / "completion-page.png"))
        view.tabs.setCurrentIndex(0)
        settle()
        window.grab().save(str(OUT / "about-page.png"))

        window.zoom.set_factor(2.0)
        view.tabs.setCurrentIndex(6)
        settle()
        view.show_question("6.9", focus=False)
        view.card("6.9").chooser.buttons[4].setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        window.grab().save(str(OUT / "zoom-200.png"))

        # a 1024x768 projector at 200%: compact tabs, Next and the scroll bar on the screen,
        # the focus ring round a status code
        window.resize(*PROJECTOR)
        settle()
        assert window.size().toTuple() == PROJECTOR, window.size()
        shown = view.show_question("4.5", focus=False)
        assert shown is not None
        card = shown
        settle()
        page = view.section_page(4)
        page.scroll_to(card.chooser)
        card.chooser.buttons[1].setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        window.grab().save(str(OUT / "projector-1024x768-200.png"))

        # find: a match far down a narrative on another tab, marked and scrolled into view
        view.tabs.setCurrentIndex(0)
        view.about.focus_heading()
        settle()
        view.open_find()
        view.find_bar.edit.setText("register")
        view.find_bar.go(1)
        settle()
        for _ in range(3):
            view.find_bar.go(1)
        settle()
        window.grab().save(str(OUT / "find-200.png"))
        view.find_bar.dismiss()

        window.zoom.set_factor(1.0)
        window.resize(*SIZE)
        view.tabs.setCurrentIndex(0)
        view.about.focus_heading()
        settle()
        window.grab().save(str(OUT / "opened.png"))
        presenter_shots(window, settle)
        meeting_shots(window, settle)
        history_shots(window, settle)
        merge_import_shots(window, returns, settle)
        window.close()
    for shot in sorted(OUT.glob("*.png")):
        print(shot.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
