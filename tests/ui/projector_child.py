"""The child side of ``tests/ui/test_projector.py``: the app on a small screen, zoomed.

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json \\
        python -m tests.ui.projector_child [--meeting] FILE ZOOM [ZOOM ...]

The screen size comes from the offscreen platform's configuration file, so the app really runs
on a 1024 × 768 screen. For each zoom the child opens section 4 at question 4.5 and measures,
in screen coordinates, the window, the Next button, the page's scroll bar and the 4.5
narrative (with ``--meeting``, a meeting under way: its banner and the banner's buttons too);
then it walks the side tabs with the Down key (real key events) to the last one.
It prints ``PROJECTOR-REPORT {json}``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

REPORT = "PROJECTOR-REPORT "


def _rect(widget: Any) -> list[int]:
    """``widget``'s rectangle on the screen: [left, top, right, bottom] (right/bottom inclusive)."""
    from PySide6.QtCore import QPoint

    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [
        top_left.x(),
        top_left.y(),
        top_left.x() + widget.width() - 1,
        top_left.y() + widget.height() - 1,
    ]


def _start_meeting(window: Any) -> None:
    """A meeting as the new-user test had it: a title, a chair and five attendees."""
    from stocktake_desktop.document.models import Attendee

    people = [
        Attendee("Dr Jo Green", "Leicestershire CCG"),
        Attendee("Sam Patel", "Leicestershire County Council"),
        Attendee("Alex Kerr", "Leicestershire Partnership NHS Trust"),
        Attendee("Priya Shah", "Healthwatch Leicestershire"),
        Attendee("Tom Reid", "Leicestershire County Council"),
    ]
    meeting = window.session.start_meeting(
        "Partnership Board", "20 June 2013", "Dr Jo Green", people
    )
    assert meeting is not None


def _banner(banner: Any) -> dict[str, Any]:
    """The meeting banner and its buttons, on the screen."""
    return {
        "banner": _rect(banner),
        "banner_visible": banner.isVisible(),
        "banner_text": _rect(banner._text),
        "switch": _rect(banner.switch_button),
        "switch_visible": banner.switch_button.isVisible(),
        "end": _rect(banner.end_button),
        "end_visible": banner.end_button.isVisible(),
    }


def main(args: list[str]) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from stocktake_desktop.settings import load_preferences, save_preferences
    from ui.app import application, start

    meeting = args[0] == "--meeting"
    args = args[1:] if meeting else args
    path, zooms = args[0], [float(z) for z in args[1:]]
    prefs = load_preferences()
    prefs.zoom = zooms[0]
    save_preferences(prefs)
    app = application()
    window = start([path, "--as", "Projector"], app)
    window.activateWindow()

    def settle() -> None:
        """Until the window and the page stop moving (layouts, fitting, late scrolling)."""
        last = None
        for _ in range(200):
            QTest.qWait(15)
            view = window.view
            page = view.tabs.currentWidget() if view is not None else None
            now = (window.geometry(), page.geometry() if page is not None else None)
            if now == last:
                return
            last = now

    settle()
    view = window.view
    assert view is not None
    if meeting:
        _start_meeting(window)
        settle()
    screen = QGuiApplication.primaryScreen().availableGeometry()
    report: dict[str, Any] = {
        "screen": [screen.left(), screen.top(), screen.right(), screen.bottom()],
        "zooms": {},
    }
    for zoom in zooms:
        window.zoom.set_factor(zoom)
        settle()
        card = view.show_question("4.5", focus=False)
        assert card is not None
        settle()
        page = view.section_page(4)
        frame = window.frameGeometry()
        report["zooms"][str(zoom)] = {
            "window": [frame.left(), frame.top(), frame.right(), frame.bottom()],
            "minimum_width": window.minimumSizeHint().width(),
            "minimum_height": window.minimumSizeHint().height(),
            "next": _rect(view.next_button),
            "next_visible": view.next_button.isVisible(),
            "scroll_bar": _rect(page.verticalScrollBar()),
            "scroll_bar_visible": page.verticalScrollBar().isVisible(),
            "narrative": _rect(card.narrative),
            "viewport": _rect(page.viewport()),
            "tabs_compact": view.tabs.compact,
        }
        if meeting:
            report["zooms"][str(zoom)].update(_banner(view.meeting_banner))
    # the last tab by keyboard: Down from About, one tab at a time
    view.tabs.setCurrentIndex(0)
    bar = view.tabs.tabBar()
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    presses = 0
    while view.tabs.currentIndex() < view.page_count - 1 and presses < 30:
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Down)
        presses += 1
    settle()
    last = view.page_count - 1
    tab = bar.tabRect(last)
    top_left = bar.mapTo(view.tabs.list.viewport(), tab.topLeft())
    viewport = view.tabs.list.viewport()
    shown = view.tabs.currentWidget()
    assert shown is not None
    report["completion"] = {
        "presses": presses,
        "current": view.tabs.currentIndex(),
        "completion_index": view.completion_index,
        "page_shown": shown.isVisible(),
        "tab_in_list": [top_left.y(), top_left.y() + tab.height(), viewport.height()],
        "tab_on_screen": _rect(viewport),
        "list_scroll_bar_visible": view.tabs.list.verticalScrollBar().isVisible(),
    }
    print(REPORT + json.dumps(report), flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
