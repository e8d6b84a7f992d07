"""Anything that is not a readable return gets one clear message and is never modified."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from stocktake_desktop.document import NotAReturnError, ReturnDocument
from stocktake_desktop.document.schema import APPLICATION_ID, FORMAT_VERSION


def good_return(folder: Path) -> Path:
    path = folder / "good.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("1.1", "x" * 5000)
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.stocktake"
    path.write_bytes(b"")
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "random.stocktake"
    path.write_bytes(os.urandom(8192))
    return path


def text_file(folder: Path) -> Path:
    path = folder / "notes.stocktake"
    path.write_text("Winterbourne View stocktake notes\n", encoding="utf-8")
    return path


def other_sqlite(folder: Path) -> Path:
    path = folder / "other.stocktake"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    return path


def truncated(folder: Path) -> Path:
    source = good_return(folder)
    data = source.read_bytes()
    path = folder / "truncated.stocktake"
    path.write_bytes(data[: len(data) // 2])
    return path


def good_return_changed_by(sql: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = good_return(folder)
        conn = sqlite3.connect(path)
        conn.execute(sql)
        conn.commit()
        conn.close()
        return path

    return make


newer_version = good_return_changed_by(f"PRAGMA user_version = {FORMAT_VERSION + 1}")
other_edition = good_return_changed_by(
    "UPDATE meta SET value = 'wv-jip-stocktake-2014' WHERE key = 'template_id'"
)
changed_questions = good_return_changed_by(
    "UPDATE meta SET value = 'sha256:0000' WHERE key = 'template_hash'"
)


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (empty, "is empty"),
    "random bytes": (random_bytes, "not a Stocktake return"),
    "text": (text_file, "not a Stocktake return"),
    "other sqlite": (other_sqlite, "a database, but not a Stocktake return"),
    "truncated": (truncated, "damaged or incomplete"),
    "newer version": (newer_version, "newer version of Stocktake Desktop"),
    "other edition": (other_edition, "wv-jip-stocktake-2014"),
    "changed questions": (changed_questions, "different version of"),
}


@pytest.mark.parametrize(("make", "message"), CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("read_only", [False, True], ids=["edit", "read-only"])
def test_unreadable_file_gets_a_clear_message_and_is_untouched(
    returns_dir: Path, make: Callable[[Path], Path], message: str, read_only: bool
) -> None:
    path = make(returns_dir)
    before = path.read_bytes()
    before_listing = sorted(p.name for p in returns_dir.iterdir())
    with pytest.raises(NotAReturnError, match=message) as raised:
        ReturnDocument.open(path, "Alice", read_only=read_only)
    assert path.name in str(raised.value)
    assert "\n" not in str(raised.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in returns_dir.iterdir()) == before_listing


def test_missing_file_and_folder(returns_dir: Path) -> None:
    with pytest.raises(NotAReturnError, match="does not exist"):
        ReturnDocument.open(returns_dir / "nope.stocktake", "Alice")
    with pytest.raises(NotAReturnError, match="a folder"):
        ReturnDocument.open(returns_dir, "Alice")


def test_application_id_marks_the_format(returns_dir: Path) -> None:
    path = good_return(returns_dir)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()
