"""A ``-journal`` or ``-wal`` another program left beside a return: read as SQLite would from
private copies, editing refused until the user agrees to set it aside, nothing ever deleted."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import pytest

from stocktake_desktop import paths
from stocktake_desktop.document import ReturnDocument, StorageError
from stocktake_desktop.document.errors import InterruptedWriteError
from tests.helpers import HALF_WRITE, another_program, cli, listing, make

WAL_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("UPDATE meta SET value = 'Committed in the WAL' WHERE key = 'locality'")
os._exit(1)  # killed before the WAL was written back into the file
"""


def raw_locality(path: Path) -> str:
    """What a reader that ignores the journal would see."""
    conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return str(conn.execute("SELECT value FROM meta WHERE key = 'locality'").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def half_written(returns_dir: Path) -> Path:
    path = make(returns_dir / "leics.stocktake")
    another_program(HALF_WRITE, path)
    assert listing(returns_dir) == ["leics.stocktake", "leics.stocktake-journal"]
    assert raw_locality(path) == "Half-written"  # the file alone is inconsistent
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_half_written_return_reads_as_sqlite_would_and_is_left_alone(
    half_written: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(half_written.parent)
    with ReturnDocument.open(half_written, "Bob", read_only=True) as document:
        assert document.locality == "Rutland"  # the interrupted change undone
        assert document.answer("1.1").narrative == "Board minutes"
    assert cli("info", str(half_written)) == 0
    assert "Locality: Rutland" in capsys.readouterr().out
    assert snapshot(half_written.parent) == before


def test_editing_a_half_written_return_is_refused_until_the_journal_is_set_aside(
    half_written: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(half_written.parent)
    with pytest.raises(InterruptedWriteError) as raised:
        ReturnDocument.open(half_written, "Bob")
    assert str(raised.value) == (
        "leics.stocktake was left part-way through a change by another program "
        "(leics.stocktake-journal is beside it), so it can only be opened read-only until that "
        "is set aside, which Stocktake Desktop offers to do when you open it for editing."
    )
    assert raised.value.journals == (str(half_written) + "-journal",)
    assert snapshot(half_written.parent) == before
    answers = half_written.parent.parent / "answers.json"
    answers.write_text('{"format": "stocktake-answers", "version": 1, "answers": {}}')
    assert cli("import", str(half_written), str(answers)) == 2
    assert capsys.readouterr().err == f"error: {raised.value}\n"
    assert snapshot(half_written.parent) == before

    with ReturnDocument.open(half_written, "Bob", set_aside_journal=True) as document:
        assert document.locality == "Rutland"
        assert listing(half_written.parent) == ["leics.stocktake", "leics.stocktake.lock"]
    assert listing(half_written.parent) == ["leics.stocktake"]
    assert raw_locality(half_written) == "Rutland"  # the file alone is whole again
    kept = list(paths.backups_dir().glob("left-by-another-program-*-journal"))
    assert [p.read_bytes() for p in kept] == [before["leics.stocktake-journal"]]


def test_a_change_left_in_a_wal_file_is_read_and_then_set_aside(returns_dir: Path) -> None:
    path = make(returns_dir / "leics.stocktake")
    another_program(WAL_WRITE, path)
    assert "leics.stocktake-wal" in listing(returns_dir)
    before = snapshot(returns_dir)
    with ReturnDocument.open(path, "Bob", read_only=True) as document:
        assert document.locality == "Committed in the WAL"
    assert snapshot(returns_dir) == before
    with pytest.raises(InterruptedWriteError, match=r"\(leics.stocktake-wal is beside it\)"):
        ReturnDocument.open(path, "Bob")
    with ReturnDocument.open(path, "Bob", set_aside_journal=True) as document:
        assert document.locality == "Committed in the WAL"
    assert [name for name in listing(returns_dir) if name.endswith("-wal")] == []
    assert raw_locality(path) == "Committed in the WAL"
    assert path.read_bytes()[18:20] == b"\x01\x01"  # a rollback-journal file again


def test_an_empty_journal_is_harmless(returns_dir: Path) -> None:
    path = make(returns_dir / "leics.stocktake")
    Path(str(path) + "-journal").write_bytes(b"")
    with ReturnDocument.open(path, "Bob") as document:
        assert document.locality == "Rutland"


def test_when_the_save_after_setting_a_journal_aside_fails_everything_is_put_back(
    half_written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(half_written.parent)

    def full_disk(source: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("stocktake_desktop.document.saving.replace_with_retries", full_disk)
    with pytest.raises(StorageError, match="No space left on device"):
        ReturnDocument.open(half_written, "Bob", set_aside_journal=True)
    assert snapshot(half_written.parent) == before  # journal back, no lock, file as it was
    assert not list(paths.backups_dir().glob("left-by-another-program-*"))
    monkeypatch.undo()
    with ReturnDocument.open(half_written, "Bob", set_aside_journal=True) as document:
        assert document.locality == "Rutland"


def test_a_planted_journal_cannot_make_sqlite_delete_another_file(
    half_written: Path, tmp_path: Path
) -> None:
    # A rollback journal may name a "super-journal", which SQLite deletes after undoing the
    # change: a planted journal naming any file would have SQLite delete it.
    victim = tmp_path / "precious.docx"
    victim.write_bytes(b"a year of work")
    name = str(victim).encode()
    record = (
        struct.pack(">I", 0x40000000 // 4096 + 1)
        + name
        + struct.pack(">II", len(name), sum(name))
        + bytes.fromhex("d9d505f920a163d7")
    )
    journal = Path(str(half_written) + "-journal")
    with journal.open("ab") as handle:
        handle.write(record)
    before = snapshot(half_written.parent)
    with ReturnDocument.open(half_written, "Bob", read_only=True) as document:
        assert document.locality == "Rutland"
    assert victim.read_bytes() == b"a year of work"
    assert snapshot(half_written.parent) == before
    with ReturnDocument.open(half_written, "Bob", set_aside_journal=True) as document:
        assert document.locality == "Rutland"
    assert victim.read_bytes() == b"a year of work"
