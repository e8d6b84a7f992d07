"""A killed save leaves nothing behind for long, and backups are whole or absent (issue 7)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stocktake_desktop import paths
from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.document import backups as backups_module
from stocktake_desktop.document.backups import (
    BACKUPS_KEPT,
    is_complete_return,
    keep_backup,
    list_backups,
)

ROOT = Path(__file__).resolve().parents[2]


def test_opening_removes_what_killed_saves_left_beside_the_return(returns_dir: Path) -> None:
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    stale = [
        returns_dir / ".leics.stocktake.4242.saving",
        returns_dir / ".leics.stocktake.4242.saving-journal",
        returns_dir / ".leics.stocktake.77.saving-wal",
    ]
    unrelated = [
        returns_dir / ".other.stocktake.4242.saving",
        returns_dir / "leics.stocktake.notes.txt",
        returns_dir / ".leics.stocktake.saving-plan.docx",
    ]
    for file in stale + unrelated:
        file.write_bytes(b"x" * 1000)
    with ReturnDocument.open(path, "Alice"):
        assert [f for f in stale if f.exists()] == []
    assert all(f.exists() for f in unrelated)


def test_a_read_only_open_removes_nothing(returns_dir: Path) -> None:
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    temp = returns_dir / ".leics.stocktake.4242.saving"
    temp.write_bytes(b"x")
    with ReturnDocument.open(path, "Viewer", read_only=True):
        pass
    assert temp.exists()  # someone else may hold the lock and be saving right now


SAVER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from stocktake_desktop.document import ReturnDocument
    doc = ReturnDocument.open({path!r}, "Saver", recover=False)
    print("open", flush=True)
    i = 0
    while True:
        i += 1
        doc.set_narrative("1.1", "edit %d " % i + "x" * 200_000)
        doc.publish()
        doc.back_up()
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kills_during_saves_and_backups_leave_no_litter_and_only_whole_backups(
    returns_dir: Path, data_dir: Path
) -> None:
    """20 SIGKILLs at random moments of a loop that saves a 4 MB return and backs it up."""
    path = returns_dir / "busy.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Setup") as document:
        for number in range(1, 21):  # about 4 MB of text, so each save takes a while
            document.set_support_required(f"{number % 11 + 1}.1", os.urandom(100_000).hex())
    rng = random.Random(11)
    most_litter = 0
    env = os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir)}
    for _round in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER.format(root=str(ROOT), path=str(path))],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        try:
            child.wait(timeout=rng.uniform(0.05, 0.8))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        litter = [p for p in returns_dir.iterdir() if ".saving" in p.name]
        most_litter = max(most_litter, len(litter))
        with ReturnDocument.open(path, "Checker", recover=True):
            assert [p for p in returns_dir.iterdir() if ".saving" in p.name] == []
        folder = next(p for p in paths.backups_dir().iterdir() if p.is_dir())
        kept = list_backups(folder)
        assert len(kept) <= BACKUPS_KEPT
        assert all(is_complete_return(backup) for backup in kept)
    print(f"most temporaries beside the return after a kill: {most_litter}")
    assert [p for p in returns_dir.iterdir() if p.name.startswith(".")] == []


def test_a_truncated_copy_never_displaces_a_good_backup(
    tmp_path: Path, returns_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    folder = tmp_path / "backups"
    good = [keep_backup(path, folder) for _ in range(BACKUPS_KEPT)]
    assert all(good)

    def copy_half(source: Path, target: Path) -> None:
        data = Path(source).read_bytes()
        Path(target).write_bytes(data[: len(data) // 2])

    monkeypatch.setattr(backups_module.shutil, "copyfile", copy_half)
    for _ in range(5):
        assert keep_backup(path, folder) is None
    assert list_backups(folder) == good
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_a_partial_backup_left_by_a_kill_is_not_counted_and_is_swept(
    tmp_path: Path, returns_dir: Path
) -> None:
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    folder = tmp_path / "backups"
    folder.mkdir()
    partial = folder / ".20261122-090000-000000-leics.stocktake.partial"
    partial.write_bytes(b"SQLite format 3\x00 cut short")
    assert list_backups(folder) == []
    made = keep_backup(path, folder)
    assert made is not None and is_complete_return(made)
    assert list_backups(folder) == [made]
    assert not partial.exists()
