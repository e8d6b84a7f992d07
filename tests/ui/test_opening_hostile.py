"""Opening a hostile, damaged or uneditable return in the app: one clear message through the
dialog seam, never a traceback; read-only offered where the file can still be read; another
computer's lock taken over and a leftover journal set aside only after an informed yes."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from stocktake_desktop import paths
from stocktake_desktop.document.lock import lock_path_for, this_machine
from tests.core.hostile_variants import STRUCTURE, VALUES
from tests.helpers import HALF_WRITE, another_program
from tests.ui.conftest import ScriptedDialogs
from ui.opening import open_return

REMOTE_LOCK = {
    "name": "Erin",
    "machine": "COUNCIL-PC-42",
    "pid": 1,
    "started": 1.0,
    "since": "2026-11-22T09:30:00+00:00",
}


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (
            STRUCTURE["trigger forging the chair's sign-off"],
            "leics.stocktake cannot be opened safely: it has been altered outside Stocktake "
            'Desktop (it has an extra trigger "forge" on "answer").',
        ),
        (
            VALUES["narrative not UTF-8"],
            "leics.stocktake is damaged, so it cannot be opened: in the answer to 2.1, the "
            "narrative field is not valid text (UTF-8).",
        ),
        (
            VALUES["codes not JSON"],
            "leics.stocktake is damaged, so it cannot be opened: in the answer to 1.1, its "
            "status codes are not readable (not JSON).",
        ),
    ],
    ids=["planted trigger", "invalid UTF-8", "invalid JSON"],
)
def test_a_hostile_or_damaged_return_gets_one_message(
    start_window, make_return, seam: ScriptedDialogs, mutation, message: str
) -> None:
    path = make_return(answers={"1.1": ([1], "Board minutes"), "2.1": ([2], "Register")})
    mutation(path)
    before = path.read_bytes()
    window = start_window([str(path), "--as", "Alice"])
    assert seam.called("warn") == [(window, "Cannot open the return", message)]
    assert window.session is None
    assert window.start_page is not None and window.start_page.isVisible()
    assert path.read_bytes() == before
    assert beside(path) == ["leics.stocktake"]
    assert not list(paths.working_dir().iterdir())


@pytest.fixture
def read_only_return(make_return) -> Iterator[Path]:
    path = make_return()
    path.chmod(0o444)
    yield path
    path.chmod(0o644)


def test_a_read_only_file_opens_read_only_with_the_banner(
    start_window, read_only_return: Path, seam: ScriptedDialogs
) -> None:
    seam.queue("ask", True)
    window = start_window([str(read_only_return), "--as", "Alice"])
    (_parent, title, text) = seam.called("ask")[0]
    assert title == "Cannot edit the return"
    assert text == "leics.stocktake is a read-only file, so it can only be opened read-only."
    assert window.session is not None and window.session.read_only
    assert window.view.read_only_banner.isVisible()
    assert "changes cannot be made" in window.view.read_only_banner.text
    assert not seam.called("warn")
    assert stat.S_IMODE(read_only_return.stat().st_mode) == 0o444
    assert beside(read_only_return) == ["leics.stocktake"]


def test_declining_read_only_leaves_the_start_page(
    start_window, read_only_return: Path, seam: ScriptedDialogs
) -> None:
    seam.queue("ask", False)
    window = start_window([str(read_only_return), "--as", "Alice"])
    assert window.session is None and not seam.called("warn")


def test_a_hard_linked_return_is_offered_read_only(
    qtbot, make_return, seam: ScriptedDialogs
) -> None:
    path = make_return()
    os.link(path, path.with_name("second name.stocktake"))
    seam.queue("ask", True)
    opened = open_return(None, path, "Alice")
    assert opened is not None and opened.document.read_only
    opened.document.close()
    assert "(hard links)" in seam.called("ask")[0][2]


def test_another_computers_lock_is_taken_over_only_after_an_informed_yes(
    start_window, make_return, seam: ScriptedDialogs
) -> None:
    path = make_return()
    lock = lock_path_for(path)
    lock.write_text(json.dumps(REMOTE_LOCK), encoding="utf-8")
    seam.queue("ask", True)
    window = start_window([str(path), "--as", "Alice"])
    [(_parent, title, text)] = seam.called("ask")
    assert title == "Return in use on another computer"
    assert text.startswith(
        "leics.stocktake is being edited by Erin on COUNCIL-PC-42 since 09:30 on 22 November "
        "2026.\n\nThis computer cannot tell whether that session is still running."
    )
    assert window.session is not None and not window.session.read_only
    held = json.loads(lock.read_text(encoding="utf-8"))
    assert (held["name"], held["machine"]) == ("Alice", this_machine())
    assert held["taken_over_from"]["name"] == "Erin"
    assert held["taken_over_from"]["machine"] == "COUNCIL-PC-42"


def test_not_taking_over_offers_read_only_with_the_holder_in_the_banner(
    start_window, make_return, seam: ScriptedDialogs
) -> None:
    path = make_return()
    lock = lock_path_for(path)
    lock.write_text(json.dumps(REMOTE_LOCK), encoding="utf-8")
    seam.queue("ask", False, True)  # don't take over; open read-only
    window = start_window([str(path), "--as", "Alice"])
    assert [call[1] for call in seam.called("ask")] == [
        "Return in use on another computer",
        "Return in use",
    ]
    assert window.session is not None and window.session.read_only
    assert "Erin on COUNCIL-PC-42" in window.view.read_only_banner.text
    assert json.loads(lock.read_text(encoding="utf-8")) == REMOTE_LOCK


def test_a_folder_where_the_lock_belongs_is_explained_and_read_only_offered(
    qtbot, make_return, seam: ScriptedDialogs
) -> None:
    path = make_return()
    lock_path_for(path).mkdir()
    seam.queue("ask", False)
    assert open_return(None, path, "Alice") is None
    assert "there is a folder" in seam.called("ask")[0][2]
    assert lock_path_for(path).is_dir()


def test_a_journal_left_by_another_program_is_set_aside_only_after_a_yes(
    qtbot, make_return, seam: ScriptedDialogs
) -> None:
    path = make_return()
    another_program(HALF_WRITE, path)
    journal = Path(str(path) + "-journal")
    kept = journal.read_bytes()
    before = path.read_bytes()

    seam.queue("ask", False, False)  # don't set it aside; don't open read-only either
    assert open_return(None, path, "Alice") is None
    assert path.read_bytes() == before and journal.read_bytes() == kept
    [(_p, title, text), (_q, second, _t)] = seam.called("ask")
    assert title == "Return left part-way through a change"
    assert "leics.stocktake-journal is beside it" in text
    assert second == "Cannot edit the return"

    seam.queue("ask", True)
    opened = open_return(None, path, "Alice")
    assert opened is not None and not opened.document.read_only
    assert opened.document.locality == "Leicestershire"
    opened.document.close()
    assert not journal.exists()
    [moved] = paths.backups_dir().glob("left-by-another-program-*-journal")
    assert moved.read_bytes() == kept


def test_a_long_named_return_is_offered_read_only(
    qtbot, make_return, seam: ScriptedDialogs
) -> None:
    source = make_return()
    path = source.with_name("L" * 240 + ".stocktake")
    shutil.move(source, path)
    seam.queue("ask", True)
    opened = open_return(None, path, "Alice")
    assert opened is not None and opened.document.read_only
    opened.document.close()
    assert "needs names of at most 231" in seam.called("ask")[0][2]
    assert beside(path) == [path.name]


def test_every_document_connection_distrusts_the_schema(
    start_window, make_return, seam: ScriptedDialogs
) -> None:
    window = start_window([str(make_return()), "--as", "Alice"])
    conn = window.session.document._conn
    assert isinstance(conn, sqlite3.Connection)
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
