"""Returns written in older file formats open, are upgraded, and keep every answer."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from stocktake_desktop.document import FORMAT_VERSION, ReturnDocument
from stocktake_desktop.document.schema import create_schema
from stocktake_desktop.template import default_template


def write_return_at_version(path: Path, version: int) -> None:
    """A return as that version of the app wrote it, with one answer and one log entry."""
    template = default_template()
    conn = sqlite3.connect(path, isolation_level=None)
    create_schema(conn, version)
    conn.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [
            ("template_id", template.id),
            ("template_hash", template.content_hash),
            ("locality", "Rotherham"),
            ("created_at", "2013-06-20T10:00:00+01:00"),
            ("created_by", "John"),
        ],
    )
    conn.execute(
        "INSERT INTO answer(ref, codes, narrative) VALUES ('1.1', ?, 'Joint service for 10 years')",
        (json.dumps([1]),),
    )
    conn.execute(
        "INSERT INTO change_log(at, who, ref, field, old, new) "
        "VALUES ('2013-06-20T10:00:00+01:00', 'John', '1.1', 'narrative', '', 'Joint service')"
    )
    conn.close()


@pytest.mark.parametrize("version", range(1, FORMAT_VERSION + 1))
def test_old_formats_open_and_upgrade(returns_dir: Path, version: int) -> None:
    path = returns_dir / f"v{version}.stocktake"
    write_return_at_version(path, version)
    original = path.read_bytes()
    with ReturnDocument.open(path, "Alice") as document:
        assert document.answer("1.1").narrative == "Joint service for 10 years"
        assert document.answer("1.1").codes == (1,)
        assert document.change_log()[0].who == "John"
        assert document.submissions() == []
        document.record_submission("f" * 64, final=True)
        document.set_narrative("1.2", "After submission")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION
        rows = conn.execute("SELECT ref, after_submission FROM change_log ORDER BY id").fetchall()
    finally:
        conn.close()
    assert rows[-1] == ("1.2", 1)
    if version < FORMAT_VERSION:
        assert path.read_bytes() != original


def test_opening_read_only_does_not_upgrade_the_file(returns_dir: Path) -> None:
    path = returns_dir / "v1.stocktake"
    write_return_at_version(path, 1)
    original = path.read_bytes()
    with ReturnDocument.open(path, "Alice", read_only=True) as document:
        assert document.answer("1.1").codes == (1,)
    assert path.read_bytes() == original
