"""A strong focus indicator on every control at every zoom: a thick frame in a colour that
stands out, drawn around radio buttons, check boxes, buttons, fields and the current tab."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QFocusFrame, QLineEdit, QVBoxLayout, QWidget

from ui.look.style import FocusRing, ZoomStyle, contrast, focus_colour, focus_width, install
from ui.pages.about_page import AboutPage
from ui.widgets.question_card import QuestionCard


def _style() -> ZoomStyle:
    style = QApplication.style()
    assert isinstance(style, ZoomStyle)
    return style


def _ring() -> FocusRing:
    ring = _style().ring
    assert ring is not None
    return ring


def _frame(ring: FocusRing) -> QFocusFrame:
    """The ring's frame (looked up afresh: mypy would keep it None after a check that it was)."""
    frame = ring.frame
    assert frame is not None
    return frame


def _share_of_colour(image: QImage, rect: QRect, colour: QColor) -> float:
    """The share of the pixels in ``rect`` (clipped to the image) that are ``colour``."""
    rect = rect.intersected(image.rect())
    total = rect.width() * rect.height()
    if total == 0:
        return 0.0
    hits = sum(
        1
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
        if image.pixelColor(x, y).rgb() == colour.rgb()
    )
    return hits / total


def ring_bands(window: QWidget, widget: QWidget, width: int) -> dict[str, QRect]:
    """The four bands just outside ``widget``, in ``window`` coordinates."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    outer = QRect(top_left, widget.size()).adjusted(-width, -width, width, width)
    return {
        "left": QRect(outer.left(), outer.top() + width, width, outer.height() - 2 * width),
        "right": QRect(
            outer.right() - width + 1, outer.top() + width, width, outer.height() - 2 * width
        ),
        "top": QRect(outer.left() + width, outer.top(), outer.width() - 2 * width, width),
        "bottom": QRect(
            outer.left() + width, outer.bottom() - width + 1, outer.width() - 2 * width, width
        ),
    }


def assert_ring_around(qtbot, window: QWidget, widget: QWidget) -> None:
    """The focus ring is shown round ``widget``: thick, in the focus colour, on all four sides
    (as far as they are inside the area the ring is drawn in)."""
    style = _style()
    assert style.ring is not None
    ring = style.ring
    qtbot.waitUntil(lambda: ring.frame is not None and ring.frame.isVisible())
    frame = _frame(ring)
    assert frame.widget() is widget
    width = focus_width(style.factor)
    assert width >= 3 * style.factor - 0.5
    colour = focus_colour(widget.palette())
    holder = frame.parentWidget()  # a scroll area's viewport clips the ring
    assert holder is not None

    def drawn() -> bool:
        """Every side of the ring is on screen, in the focus colour (once it has moved)."""
        QApplication.sendPostedEvents()
        image = window.grab().toImage()
        visible = QRect(holder.mapTo(window, QPoint(0, 0)), holder.size())
        bands = [b.intersected(visible) for b in ring_bands(window, widget, width).values()]
        return all(
            b.width() > 0 and b.height() > 0 and _share_of_colour(image, b, colour) > 0.9
            for b in bands
        )

    qtbot.waitUntil(drawn)


def show_whole(qtbot, page, widget: QWidget) -> None:
    """Scroll ``page`` until all of ``widget`` is in view (once the layout has settled)."""

    last: list[object] = [None]

    def whole() -> bool:
        """In view, and still in view with the page unmoved since the last look (a scroll the
        page had queued, e.g. by Go to question, has happened)."""
        page.reveal_rect(widget, widget.rect())
        viewport = page.viewport()
        where = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
        now = (page.verticalScrollBar().value(), where)
        steady, last[0] = now == last[0], now
        return steady and viewport.rect().contains(where)

    qtbot.waitUntil(whole)


@pytest.fixture
def opened(start_window, make_return):
    return start_window([str(make_return()), "--as", "Alice"])


@pytest.mark.parametrize("zoom", [1.0, 2.0])
def test_a_thick_frame_follows_the_focus_through_a_question(opened, qtbot, zoom) -> None:
    window = opened
    window.resize(1024, 768)
    window.zoom.set_factor(zoom)
    view = window.view
    card: QuestionCard | None = view.show_question("4.5")
    assert card is not None
    page = view.section_page(4)
    # the narrative (a plain text edit) has the focus after Go to question
    qtbot.waitUntil(lambda: QApplication.focusWidget() is card.narrative)
    show_whole(qtbot, page, card.narrative)
    assert_ring_around(qtbot, window, card.narrative)
    # Tab: the good practice check box, then its note (a line edit)
    qtbot.keyClick(card.narrative, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is card.good_practice
    assert_ring_around(qtbot, window, card.good_practice)
    qtbot.keyClick(card.good_practice, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is card.note
    assert_ring_around(qtbot, window, card.note)
    # a radio button and a push button
    radio = card.chooser.buttons[1]
    show_whole(qtbot, page, card.chooser)
    radio.setFocus(Qt.FocusReason.TabFocusReason)
    assert_ring_around(qtbot, window, radio)
    qtbot.keyClick(radio, Qt.Key.Key_Space)
    qtbot.keyClick(radio, Qt.Key.Key_Tab)  # on to Clear status (enabled once a code is chosen)
    assert QApplication.focusWidget() is card.chooser.clear_button
    assert_ring_around(qtbot, window, card.chooser.clear_button)
    window.zoom.set_factor(1.0)


def test_the_ring_grows_with_the_zoom(opened, qtbot) -> None:
    window = opened
    card = window.view.show_question("4.5")
    ring = _ring()
    qtbot.waitUntil(lambda: ring.frame is not None and ring.frame.isVisible())
    small = _frame(ring).width() - card.narrative.width()
    window.zoom.set_factor(2.0)
    qtbot.waitUntil(lambda: _frame(ring).width() - card.narrative.width() >= 2 * small)
    assert small == 2 * focus_width(1.0) == 6
    window.zoom.set_factor(1.0)


def test_the_current_tab_has_a_thick_frame_when_the_tabs_have_the_focus(opened, qtbot) -> None:
    window = opened
    bar = window.view.tabs.tabBar()
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar, Qt.Key.Key_Down)
    assert window.view.tabs.currentIndex() == 1
    assert not FocusRing.covers(bar)  # the tab itself is framed instead
    QApplication.sendPostedEvents()
    image = bar.grab().toImage()
    rect = bar.tabRect(1)
    colour = focus_colour(bar.palette())
    inset = max(1, bar._padding() // 3)
    width = focus_width(_style().factor)
    left_band = QRect(rect.left() + inset, rect.top() + inset + width, width, rect.height() // 2)
    assert _share_of_colour(image, left_band, colour) > 0.9
    # and none on a tab without the focus
    other = bar.tabRect(3)
    assert (
        _share_of_colour(
            image,
            QRect(other.left() + inset, other.top() + inset + width, width, other.height() // 2),
            colour,
        )
        < 0.1
    )


def test_the_start_button_and_the_locality_are_framed(opened, qtbot) -> None:
    window = opened
    about: AboutPage = window.view.about
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is about.locality
    assert_ring_around(qtbot, window, about.locality)
    qtbot.keyClick(about.locality, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is about.change_locality
    assert_ring_around(qtbot, window, about.change_locality)


def test_the_focus_colour_stands_out_in_light_dark_and_high_contrast_palettes(qapp) -> None:
    light = QPalette(qapp.palette())
    dark = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Window, QColor(30, 30, 30)),
        (QPalette.ColorRole.Base, QColor(10, 10, 10)),
        (QPalette.ColorRole.WindowText, QColor(250, 250, 250)),
        (QPalette.ColorRole.Highlight, QColor(20, 40, 90)),  # too dark to see on black
    ):
        dark.setColor(role, colour)
    contrast_palette = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Window, QColor(0, 0, 0)),
        (QPalette.ColorRole.Base, QColor(0, 0, 0)),
        (QPalette.ColorRole.WindowText, QColor(255, 255, 255)),
        (QPalette.ColorRole.Highlight, QColor(255, 255, 0)),
    ):
        contrast_palette.setColor(role, colour)
    for palette in (light, dark, contrast_palette):
        colour = focus_colour(palette)
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            assert contrast(colour, palette.color(role)) >= 3.0
    assert focus_colour(dark) == QColor(250, 250, 250)  # the text colour when the highlight is dim
    assert focus_colour(contrast_palette) == QColor(255, 255, 0)


def test_the_ring_leaves_when_the_focus_goes_to_the_tabs(opened, qtbot) -> None:
    window = opened
    card = window.view.show_question("4.5")
    ring = _ring()
    qtbot.waitUntil(lambda: ring.frame is not None and ring.frame.isVisible())
    assert _frame(ring).widget() is card.narrative
    bar = window.view.tabs.tabBar()
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: not _frame(ring).isVisible())


def test_the_ring_comes_back_when_scrolling_brings_its_control_back(opened, qtbot) -> None:
    """A control given the focus while scrolled out of view is framed once it is scrolled in
    (QFocusFrame itself only re-measures, and would stay hidden)."""
    window = opened
    window.resize(1024, 768)
    card = window.view.show_question("4.2")
    page = window.view.section_page(4)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is card.narrative)
    window.view.tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    bar = page.verticalScrollBar()
    bar.setValue(bar.maximum())  # the card is out of view when it gets the focus
    card.narrative.setFocus(Qt.FocusReason.TabFocusReason)
    ring = _ring()
    qtbot.waitUntil(lambda: ring.frame is not None and ring.frame.widget() is card.narrative)
    assert not _frame(ring).isVisible()
    show_whole(qtbot, page, card.narrative)
    assert_ring_around(qtbot, window, card.narrative)


def test_a_window_focused_before_it_is_on_screen_is_framed_once_it_has_painted(qtbot, qapp) -> None:
    ring = FocusRing(qapp, install(qapp))  # a second ring, driven here by follow()
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    first, second = QLineEdit(window), QLineEdit(window)
    layout.addWidget(first)
    layout.addWidget(second)
    ring.follow(first)  # the focus comes as the window is shown, before it is on screen
    assert ring.frame is None
    window.show()
    first.setFocus()
    qtbot.waitUntil(lambda: ring.frame is not None and ring.frame.widget() is first)
    ring.follow(second)  # on screen: at once
    assert _frame(ring).widget() is second
    window.hide()  # (offscreen, a window under another is not on screen)
    other = QWidget()
    qtbot.addWidget(other)
    field = QLineEdit(other)
    other.show()
    qtbot.waitUntil(lambda: other.windowHandle().isExposed())
    shiboken6.delete(_frame(ring))  # gone with its window, say: a new one is needed
    assert ring.frame is None
    ring.follow(field)  # in a window on screen already: at once
    assert ring.frame is not None and ring.frame.widget() is field
    ring.deleteLater()
