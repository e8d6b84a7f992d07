"""The window's menus: in every menu and submenu, no two items share an access key (Alt and
the underlined letter), and names people typed show their "&" rather than turning it into an
access key."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document.models import Attendee

PEOPLE = (
    Attendee("Dr Jo Green", "Leicestershire CCG"),
    Attendee("Sam Patel", "Leicestershire County Council"),
    Attendee("Ali Khan (A&E)", "University Hospitals of Leicester"),
)


def _shown(text: str) -> str:
    """The words a menu item shows: "&&" is an "&", a lone "&" marks the access key."""
    return "&".join(part.replace("&", "") for part in text.split("&&"))


def _items(menu: QMenu) -> list[QAction]:
    """The menu's items as it shows them (its submenus' own items are theirs)."""
    menu.aboutToShow.emit()  # menus filled as they open (Open recent) are filled
    return [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def _open_everything(start_window, returns_dir: Path):
    """A window with a return open, another in the recent list and a meeting under way, so
    that every menu item exists."""
    other = returns_dir / "Brighton & Hove stocktake.stocktake"
    ReturnDocument.create(other, "Brighton & Hove", "Setup").close()
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Setup").close()
    window = start_window([str(other), "--as", "Alice"])
    assert window.open_path(path)
    assert window.session is not None
    assert window.session.start_meeting("Partnership Board", "20 June 2013", "Alice", PEOPLE)
    return window


def test_no_two_items_in_a_menu_share_an_access_key(start_window, returns_dir: Path) -> None:
    window = _open_everything(start_window, returns_dir)
    menus = window.findChildren(QMenu)
    titles = {menu.title().replace("&", "") for menu in menus}
    assert {"File", "Edit", "View", "Help", "Open recent", "Switch to attendee"} <= titles
    clashes = {}
    for name, items in [("menu bar", window.menuBar().actions())] + [
        (menu.title().replace("&", ""), _items(menu)) for menu in menus
    ]:
        keys = Counter(QKeySequence.mnemonic(a.text()).toString() for a in items)
        shared = {key: n for key, n in keys.items() if key and n > 1}
        if shared:
            clashes[name] = {
                key: [a.text() for a in items if QKeySequence.mnemonic(a.text()).toString() == key]
                for key in shared
            }
    assert not clashes, clashes


def test_typed_names_keep_their_ampersand_in_the_menus(start_window, returns_dir: Path) -> None:
    window = _open_everything(start_window, returns_dir)
    recent = [_shown(a.text()) for a in _items(window.menus.recent)]
    assert recent == [
        "1 Leicestershire — leics.stocktake",
        "2 Brighton & Hove — Brighton & Hove stocktake.stocktake",
    ]
    (switch,) = [m for m in window.findChildren(QMenu) if m.title() == "Switch to &attendee"]
    attendees = [_shown(a.text()) for a in _items(switch)]
    assert attendees == ["1 Dr Jo Green", "2 Sam Patel", "3 Ali Khan (A&E)"]
    # each is reached by its number
    assert [QKeySequence.mnemonic(a.text()).toString() for a in _items(window.menus.recent)] == [
        "Alt+1",
        "Alt+2",
    ]
