"""A meeting on a 1024 × 768 projector: the window fits at every zoom, the last tab can be
reached, choices grow with the zoom, and a stray word typed after opening changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from stocktake_desktop.document import ReturnDocument
from tests.ui.helpers import send_keys
from tests.ui.projector_child import REPORT
from ui.pages.return_view import ReturnView

REPO = Path(__file__).resolve().parents[2]
ZOOMS = ("1.0", "1.5", "2.0", "2.5", "3.0")
MEETING_ZOOMS = ("1.0", "2.5", "3.0")


def _inside(inner: list[int], outer: list[int]) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def _run_on_projector(folder: Path, *args: str) -> dict:
    """The app run in a child process whose (offscreen) screen is 1024 × 768, on a return
    with a long 4.5; the child's report."""
    screen = folder / "screen.json"
    screen.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "Projector",
                        "x": 0,
                        "y": 0,
                        "width": 1024,
                        "height": 768,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    path = folder / "leics.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Setup") as document:
        document.set_narrative("4.5", "Registers are kept by the CCG. " * 20)
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    env["STOCKTAKE_DATA_DIR"] = str(folder / "appdata")
    flags = [arg for arg in args if arg.startswith("--")]
    zooms = [arg for arg in args if not arg.startswith("--")]
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.projector_child", *flags, str(path), *zooms],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith(REPORT))
    return json.loads(line[len(REPORT) :])


@pytest.fixture(scope="module")
def projector(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The app on a 1024 × 768 screen at every zoom."""
    return _run_on_projector(tmp_path_factory.mktemp("projector"), *ZOOMS)


@pytest.fixture(scope="module")
def projector_meeting(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The app on a 1024 × 768 screen with a meeting under way (its banner shown)."""
    return _run_on_projector(tmp_path_factory.mktemp("meeting"), "--meeting", *MEETING_ZOOMS)


def test_the_child_really_runs_on_a_1024_by_768_screen(projector: dict) -> None:
    assert projector["screen"] == [0, 0, 1023, 767]


@pytest.mark.parametrize("zoom", ZOOMS)
def test_the_window_next_and_the_scroll_bar_are_on_the_screen(projector: dict, zoom: str) -> None:
    screen = projector["screen"]
    seen = projector["zooms"][zoom]
    assert _inside(seen["window"], screen), seen
    assert seen["minimum_width"] <= screen[2] + 1
    assert seen["next_visible"] and _inside(seen["next"], screen)
    assert seen["scroll_bar_visible"] and _inside(seen["scroll_bar"], screen)
    assert _inside(seen["scroll_bar"], seen["window"])


@pytest.mark.parametrize("zoom", ("2.5", "3.0"))
def test_a_meeting_banner_never_makes_the_window_wider_than_the_screen(
    projector_meeting: dict, zoom: str
) -> None:
    screen = projector_meeting["screen"]
    seen = projector_meeting["zooms"][zoom]
    assert seen["banner_visible"] and seen["end_visible"] and seen["switch_visible"], seen
    assert _inside(seen["window"], screen), seen
    assert seen["minimum_width"] <= screen[2] + 1, seen
    assert seen["minimum_height"] <= screen[3] + 1, seen  # the Actions page scrolls if need be
    for part in ("banner", "switch", "end", "next", "scroll_bar"):
        assert _inside(seen[part], screen), (part, seen)
    # narrow: the buttons go under the text, which keeps more than a word a line
    assert seen["end"][1] > seen["banner_text"][3], seen
    assert seen["switch"][1] > seen["banner_text"][3], seen
    assert seen["banner_text"][2] - seen["banner_text"][0] > screen[2] // 2, seen
    assert seen["banner"][3] - seen["banner"][1] < screen[3] // 3, seen


def test_at_normal_size_the_banner_buttons_stay_beside_the_text(projector_meeting: dict) -> None:
    seen = projector_meeting["zooms"]["1.0"]
    assert _inside(seen["banner"], projector_meeting["screen"]), seen
    text, switch, end = seen["banner_text"], seen["switch"], seen["end"]
    assert text[2] < switch[0] < end[0], seen  # text, then Switch contributor, then End meeting
    assert switch[1] < text[3] and end[1] < text[3], seen


@pytest.mark.parametrize("zoom", ("1.0", "1.5", "2.0"))
def test_the_ends_of_the_fields_are_in_view(projector: dict, zoom: str) -> None:
    seen = projector["zooms"][zoom]
    narrative, viewport = seen["narrative"], seen["viewport"]
    assert viewport[0] <= narrative[0] and narrative[2] <= viewport[2], seen
    assert narrative[2] <= projector["screen"][2]


def test_the_side_tabs_turn_compact_when_zoomed_on_a_small_screen(projector: dict) -> None:
    assert not projector["zooms"]["1.0"]["tabs_compact"]
    assert projector["zooms"]["2.0"]["tabs_compact"]


def test_completion_is_reached_with_the_down_key_and_stays_in_view(projector: dict) -> None:
    seen = projector["completion"]
    assert seen["current"] == seen["completion_index"] == 12
    assert seen["presses"] == 12
    assert seen["page_shown"]
    top, bottom, height = seen["tab_in_list"]
    assert top >= 0 and bottom <= height  # the whole tab is in the visible part of the list
    assert _inside(seen["tab_on_screen"], projector["screen"])


def test_end_and_ctrl_page_down_reach_completion(start_window, make_return, qtbot) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    window.zoom.set_factor(2.0)
    view = window.view
    bar = view.tabs.tabBar()
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar, Qt.Key.Key_End)
    assert view.tabs.currentIndex() == view.completion_index
    qtbot.keyClick(bar, Qt.Key.Key_Home)
    assert view.tabs.currentIndex() == 0
    for _ in range(view.page_count - 1):
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentIndex() == view.completion_index
    assert view.tabs.tabText(view.completion_index) == "Completion and sign-off"


def test_compact_tabs_keep_their_titles_for_screen_readers_and_tooltips(
    start_window, make_return, qtbot
) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    window.resize(900, 680)
    window.zoom.set_factor(2.0)
    view = window.view
    qtbot.waitUntil(lambda: view.tabs.compact)
    bar = view.tabs.tabBar()
    assert bar.shown_text(4) == "4 · 0/9"
    assert bar.tabText(4) == "4. Current Review Programme — 0/9"
    assert bar.tabToolTip(4) == bar.tabText(4)
    assert bar.shown_text(view.completion_index) == "Sign-off"
    assert view.tabs.list.width() < window.width() // 4
    window.zoom.set_factor(1.0)
    window.resize(1280, 860)
    qtbot.waitUntil(lambda: not view.tabs.compact)
    assert bar.shown_text(4) == bar.tabText(4)


def _indicator(button, element: QStyle.SubElement) -> int:
    option = QStyleOptionButton()
    option.initFrom(button)
    return button.style().subElementRect(element, option, button).width()


def test_radio_buttons_and_check_boxes_grow_with_the_zoom(start_window, make_return, qtbot) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    view = window.view
    radio = view.card("4.5").chooser.buttons[1]
    tick = view.card("4.5").good_practice
    radio_element = QStyle.SubElement.SE_RadioButtonIndicator
    tick_element = QStyle.SubElement.SE_CheckBoxIndicator
    before = (_indicator(radio, radio_element), _indicator(tick, tick_element))
    heights = (radio.sizeHint().height(), tick.sizeHint().height())
    window.zoom.set_factor(2.0)
    after = (_indicator(radio, radio_element), _indicator(tick, tick_element))
    assert after[0] >= 2 * before[0] and after[1] >= 2 * before[1], (before, after)
    # the buttons grow to hold them once the new font has reached them
    qtbot.waitUntil(lambda: radio.sizeHint().height() >= max(after[0], heights[0] * 1.6))
    qtbot.waitUntil(lambda: tick.sizeHint().height() >= max(after[1], heights[1] * 1.6))
    window.zoom.set_factor(1.0)
    assert (_indicator(radio, radio_element), _indicator(tick, tick_element)) == before


def test_stray_typing_after_opening_leaves_the_locality_alone(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    view: ReturnView = window.view
    assert view.tabs.currentIndex() == 0
    focused = QApplication.focusWidget()
    assert focused is view.about.heading
    assert focused is not view.about.locality
    send_keys(qtbot, "Minutes")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # Tab onwards reaches the locality, which cannot be typed into
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.about.locality
    send_keys(qtbot, "Minutes")
    assert view.about.locality.text() == "Leicestershire"
    window.close()
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        assert document.locality == "Leicestershire"
        assert not [entry for entry in document.change_log() if entry.field == "locality"]


def test_the_locality_is_changed_on_purpose(start_window, make_return, seam, qtbot) -> None:
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    about = window.view.about
    seam.queue("ask_text", "  Leicester   City ")
    about.change_locality.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(about.change_locality, Qt.Key.Key_Space)
    assert about.locality.text() == "Leicester City"
    assert window.windowTitle().startswith("Leicester City — ")
    assert "Leicester City" in about.facts.text()  # the email subject
    title, _label, current = seam.called("ask_text")[-1][1:4]
    assert title == "Change locality" and current == "Leicestershire"
    seam.queue("ask_text", None)  # cancelled: nothing changes
    qtbot.keyClick(about.change_locality, Qt.Key.Key_Space)
    window.close()
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        assert document.locality == "Leicester City"


def test_a_window_bigger_than_its_screen_is_brought_back_onto_it(qtbot) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QWidget

    from ui.look.screen_fit import fit_to_screen

    class Wide(QWidget):
        least = QSize(0, 0)

        def minimumSizeHint(self) -> QSize:
            return self.least

    window = Wide()
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    window.setGeometry(available.x() + 300, available.y() + 200, 1400, 1000)
    window.show()
    # chosen by the user, not forced by a zoom: left alone
    fit_to_screen(window, grown_from=QSize(1300, 900))
    assert window.width() == 1400
    # remembered from a bigger monitor: shrunk and moved onto the screen
    fit_to_screen(window)
    assert available.contains(window.frameGeometry()), (available, window.frameGeometry())
    # pushed past the screen by its own minimum size after a zoom: brought back
    before = window.size()
    window.least = QSize(available.width() + 200, 100)
    window.resize(window.least.width(), window.height())
    fit_to_screen(window, grown_from=before)
    assert available.contains(window.frameGeometry()), (available, window.frameGeometry())
