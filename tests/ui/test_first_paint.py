"""Work put off until a window is on screen runs just after it paints, and only once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ui.first_paint import FALLBACK_MS, after_next_paint


class _Paints(QObject):
    def __init__(self, widget: QWidget, log: list[str]) -> None:
        super().__init__(widget)
        self.log = log
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_runs_after_the_first_paint_not_before(qtbot) -> None:
    window = QLabel("Hello")
    qtbot.addWidget(window)
    log: list[str] = []
    _Paints(window, log)
    after_next_paint(window, lambda: log.append("ran"))
    QApplication.processEvents()
    assert log == []  # not on the next turn of the event loop: there has been no paint yet
    window.show()
    qtbot.waitUntil(lambda: "ran" in log)
    assert log.index("paint") < log.index("ran")
    window.update()
    qtbot.waitUntil(lambda: log.count("paint") >= 2)
    QApplication.processEvents()
    assert log.count("ran") == 1


def test_a_widget_never_shown_still_runs_it(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[bool] = []
    after_next_paint(widget, lambda: ran.append(True))
    qtbot.waitUntil(lambda: ran == [True], timeout=FALLBACK_MS * 5)


def test_a_window_on_screen_runs_it_after_its_next_paint(qtbot) -> None:
    window = QLabel("Hello")
    qtbot.addWidget(window)
    window.show()  # visible, but its first paint is still to come
    log: list[str] = []
    _Paints(window, log)
    after_next_paint(window, lambda: log.append("ran"))
    qtbot.waitUntil(lambda: "ran" in log)
    assert log[: log.index("ran")].count("paint") >= 1


def test_nothing_runs_for_a_widget_deleted_first(qtbot) -> None:
    widget = QWidget()
    ran: list[bool] = []
    after_next_paint(widget, lambda: ran.append(True))
    widget.deleteLater()
    qtbot.waitUntil(lambda: _deleted(widget))
    marker = QWidget()
    qtbot.addWidget(marker)
    after_next_paint(marker, lambda: ran.append(False))  # a later one still runs
    qtbot.waitUntil(lambda: ran == [False], timeout=FALLBACK_MS * 5)


def _deleted(widget: QWidget) -> bool:
    import shiboken6

    return not shiboken6.isValid(widget)
