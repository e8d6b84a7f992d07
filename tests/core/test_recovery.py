"""After a crash the next start offers the unsaved work back; nothing is silently dropped."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stocktake_desktop import paths
from stocktake_desktop.document import (
    ReturnDocument,
    StorageError,
    find_unsaved_work,
    unsaved_work_for,
)
from stocktake_desktop.document.lock import lock_path_for
from stocktake_desktop.document.working import UnsavedWorkError

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
    with ReturnDocument.open(path, "Alice", recover=False) as document:
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


def test_unsaved_work_is_never_set_aside_without_asking(returns_dir: Path, data_dir: Path) -> None:
    path = returns_dir / "crash.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    crash_after_editing(path, data_dir, "Typed before the crash")
    with pytest.raises(UnsavedWorkError, match=r"crash\.stocktake has 1 unsaved change .*Carol"):
        ReturnDocument.open(path, "Alice")
    assert not lock_path_for(path).exists()
    assert unsaved_work_for(path) is not None  # still there, still offered
    with ReturnDocument.open(path, "Alice", recover=True) as document:
        assert document.answer("5.1").narrative == "Typed before the crash"


def test_work_left_by_a_failed_save_is_offered_again_in_the_same_run(
    returns_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = returns_dir / "unsaved.stocktake"
    document = ReturnDocument.create(path, "Leicestershire", "Alice")
    document.set_narrative("2.1", "Written while the network drive was away")

    def refuse(self: ReturnDocument) -> None:
        raise StorageError("Could not save unsaved.stocktake: the drive is not available")

    with monkeypatch.context() as patch:
        patch.setattr(ReturnDocument, "publish", refuse)
        with pytest.raises(StorageError):
            document.close()
    work = unsaved_work_for(path)
    assert work is not None and work.unsaved_changes == 1
    with ReturnDocument.open(path, "Alice", recover=True) as again:
        assert again.answer("2.1").narrative == "Written while the network drive was away"
    with ReturnDocument.open(path, "Alice", read_only=True) as saved:
        assert saved.answer("2.1").narrative == "Written while the network drive was away"


def test_unsaved_work_is_judged_against_the_users_file_itself(
    returns_dir: Path, data_dir: Path
) -> None:
    """A crash between replacing the file and noting it leaves a stale note: not work to offer."""
    path = returns_dir / "noted.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    crash_after_editing(path, data_dir, "Saved, but the note was not")
    [work] = find_unsaved_work()
    # Simulate the save that reached the file: the working copy published, the note not updated.
    import sqlite3

    conn = sqlite3.connect(work.working)
    try:
        conn.execute("VACUUM INTO ?", (str(returns_dir / "published.stocktake"),))
    finally:
        conn.close()
    (returns_dir / "published.stocktake").replace(path)
    assert unsaved_work_for(path) is None


@pytest.mark.parametrize("command", ["import", "export"])
def test_import_and_export_after_a_crash_refuse_rather_than_drop_the_work(
    command: str, returns_dir: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from stocktake_desktop import cli

    path = returns_dir / "crash.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    crash_after_editing(path, data_dir, "Only in the working copy")
    before = path.read_bytes()
    answers = tmp_path / "answers.json"
    answers.write_text(
        '{"format": "stocktake-answers", "version": 1, "answers": {"1.1": {"narrative": "New"}}}',
        encoding="utf-8",
    )
    argv = {
        "import": ["import", str(path), str(answers)],
        "export": ["export", str(path), "--out", str(tmp_path / "out")],
    }[command]
    assert cli.main(argv) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "crash.stocktake has 1 unsaved change" in line and "recover them first" in line
    assert path.read_bytes() == before
    work = unsaved_work_for(path)
    assert work is not None and work.last_change_by == "Crashed Carol"


def test_a_session_whose_lock_was_taken_over_never_saves_over_the_new_holder(
    returns_dir: Path,
) -> None:
    import json

    path = returns_dir / "taken.stocktake"
    document = ReturnDocument.create(path, "Leicestershire", "Alice")
    document.set_narrative("1.1", "Alice's paragraph")
    document.publish()
    lock_path_for(path).write_text(
        json.dumps(
            {
                "name": "Dana",
                "machine": "council-pc-17",
                "pid": 1,
                "started": 1.0,
                "since": "2026-11-22T09:15:00+00:00",
            }
        ),
        encoding="utf-8",
    )
    saved = path.read_bytes()
    document.set_narrative("1.1", "Alice's paragraph, changed after the take-over")
    with pytest.raises(StorageError, match=r"taken over by Dana on council-pc-17"):
        document.publish()
    assert path.read_bytes() == saved
    with pytest.raises(StorageError):
        document.close()
    assert lock_path_for(path).exists()  # Dana's lock is left alone
    work = unsaved_work_for(path)
    assert work is not None and work.unsaved_changes == 1
