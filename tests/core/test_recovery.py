"""After a crash the next start offers the unsaved work back; nothing is silently dropped."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from stocktake_desktop import paths
from stocktake_desktop.document import ReturnDocument, find_unsaved_work, unsaved_work_for

ROOT = Path(__file__).resolve().parents[2]


def crash_after_editing(path: Path, data_dir: Path, text: str) -> None:
    code = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from stocktake_desktop.document import ReturnDocument
        doc = ReturnDocument.open({str(path)!r}, "Crashed Carol")
        doc.set_narrative("5.1", {text!r})
        os._exit(9)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir)}
    )
    assert result.returncode == 9


def test_unsaved_work_is_listed_and_recovered(returns_dir: Path, data_dir: Path) -> None:
    path = returns_dir / "crash.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    crash_after_editing(path, data_dir, "Words typed just before the crash")

    [work] = find_unsaved_work()
    assert work.source == path
    assert work.locality == "Leicestershire"
    assert work.last_change_by == "Crashed Carol"
    assert work.unsaved_changes == 1

    with ReturnDocument.open(path, "Alice", recover=True) as document:
        assert document.answer("5.1").narrative == "Words typed just before the crash"
    with ReturnDocument.open(path, "Alice", read_only=True) as copy:
        assert copy.answer("5.1").narrative == "Words typed just before the crash"
    assert find_unsaved_work() == []


def test_declining_recovery_sets_the_work_aside_instead_of_deleting_it(
    returns_dir: Path, data_dir: Path
) -> None:
    path = returns_dir / "crash.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    crash_after_editing(path, data_dir, "Maybe not wanted")
    with ReturnDocument.open(path, "Alice") as document:
        assert document.answer("5.1").narrative == ""
    assert unsaved_work_for(path) is None
    [set_aside] = paths.backups_dir().glob("set-aside-*.stocktake")
    import sqlite3

    conn = sqlite3.connect(set_aside)
    try:
        row = conn.execute("SELECT narrative FROM answer WHERE ref = '5.1'").fetchone()
    finally:
        conn.close()
    assert row == ("Maybe not wanted",)


def test_recovery_works_when_the_users_file_has_gone(returns_dir: Path, data_dir: Path) -> None:
    path = returns_dir / "gone.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    crash_after_editing(path, data_dir, "Only copy")
    path.unlink()
    with ReturnDocument.open(path, "Alice", recover=True) as document:
        assert document.answer("5.1").narrative == "Only copy"
    assert path.is_file()


def test_read_only_copies_left_by_a_crash_are_cleaned_up(returns_dir: Path, data_dir: Path) -> None:
    path = returns_dir / "viewed.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    code = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from stocktake_desktop.document import ReturnDocument
        ReturnDocument.open({str(path)!r}, "Viewer", read_only=True)
        os._exit(0)
        """
    )
    subprocess.run(
        [sys.executable, "-c", code],
        env=os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir)},
        check=True,
    )
    assert list(paths.working_dir().glob("readonly-*.db"))
    assert find_unsaved_work() == []
    assert not list(paths.working_dir().glob("readonly-*.db"))
