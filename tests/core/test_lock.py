"""Only one process writes a return; stale locks on this machine are recovered, another
machine's only on request, and a lock that is not a lock file is refused, never removed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stocktake_desktop.document import LockedError, ReturnDocument, current_holder
from stocktake_desktop.document.errors import LockFileError
from stocktake_desktop.document.lock import lock_path_for, this_machine

ROOT = Path(__file__).resolve().parents[2]


def hold_in_child(path: Path, data_dir: Path) -> subprocess.Popen[str]:
    """Open the return for editing in another process and keep it open until stdin closes."""
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from stocktake_desktop.document import ReturnDocument
        doc = ReturnDocument.open({str(path)!r}, "Carol")
        print("ready", flush=True)
        sys.stdin.read()
        doc.close()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={"STOCKTAKE_DATA_DIR": str(data_dir / "child"), "PATH": ""},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def test_second_writer_is_refused_and_told_who_holds_it(returns_dir: Path, data_dir: Path) -> None:
    path = returns_dir / "shared.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    child = hold_in_child(path, data_dir)
    try:
        with pytest.raises(LockedError) as raised:
            ReturnDocument.open(path, "Dave")
        assert raised.value.holder.name == "Carol"
        assert raised.value.holder.machine == this_machine()
        assert "Carol" in str(raised.value) and "read-only" in str(raised.value)
        with ReturnDocument.open(path, "Dave", read_only=True) as copy:
            assert copy.locality == "Leicestershire"
        assert current_holder(path) is not None
    finally:
        child.communicate("")
    with ReturnDocument.open(path, "Dave") as document:
        assert not document.read_only


def test_second_window_in_the_same_process_is_refused(new_return: ReturnDocument) -> None:
    with pytest.raises(LockedError, match="Alice"):
        ReturnDocument.open(new_return.path, "Alice")


def test_stale_lock_from_a_dead_process_on_this_machine_is_recovered(returns_dir: Path) -> None:
    path = returns_dir / "stale.stocktake"
    ReturnDocument.create(path, "Rutland", "Alice").close()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    lock_path_for(path).write_text(
        json.dumps(
            {
                "name": "Ghost",
                "machine": this_machine(),
                "pid": int(dead.stdout),
                "started": 1.0,
                "since": "2026-11-22T10:00:00+00:00",
            }
        ),
        encoding="utf-8",
    )
    assert current_holder(path) is None
    with ReturnDocument.open(path, "Alice") as document:
        assert not document.read_only


def test_lock_from_another_machine_is_never_taken_over(returns_dir: Path) -> None:
    path = returns_dir / "remote.stocktake"
    ReturnDocument.create(path, "Rutland", "Alice").close()
    lock = lock_path_for(path)
    lock.write_text(
        json.dumps(
            {
                "name": "Erin",
                "machine": "COUNCIL-PC-42",
                "pid": 1,
                "started": 1.0,
                "since": "2026-11-22T09:30:00+00:00",
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(LockedError) as raised:
        ReturnDocument.open(path, "Alice")
    assert "Erin on COUNCIL-PC-42 since 09:30 on 22 November 2026" in str(raised.value)
    assert json.loads(lock.read_text(encoding="utf-8"))["name"] == "Erin"


REMOTE_LOCK = {
    "name": "Erin",
    "machine": "COUNCIL-PC-42",
    "pid": 1,
    "started": 1.0,
    "since": "2026-11-22T09:30:00+00:00",
}


def test_another_machines_lock_can_be_taken_over_on_request(returns_dir: Path) -> None:
    path = returns_dir / "remote.stocktake"
    ReturnDocument.create(path, "Rutland", "Alice").close()
    lock = lock_path_for(path)
    lock.write_text(json.dumps(REMOTE_LOCK), encoding="utf-8")
    with pytest.raises(LockedError) as raised:
        ReturnDocument.open(path, "Alice")
    assert raised.value.can_take_over
    with ReturnDocument.open(path, "Alice", take_over=True) as document:
        assert not document.read_only
        held = json.loads(lock.read_text(encoding="utf-8"))
        assert held["name"] == "Alice" and held["machine"] == this_machine()
        assert held["taken_over_from"] == {
            "name": "Erin",
            "machine": "COUNCIL-PC-42",
            "pid": 1,
            "since": "2026-11-22T09:30:00+00:00",
        }
        with pytest.raises(LockedError) as again:
            ReturnDocument.open(path, "Dave", take_over=True)
        assert not again.value.can_take_over  # this machine's live lock: never taken over
    assert not lock.exists()


def test_a_live_lock_on_this_machine_is_never_taken_over(returns_dir: Path, data_dir: Path) -> None:
    path = returns_dir / "shared.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    child = hold_in_child(path, data_dir)
    try:
        with pytest.raises(LockedError) as raised:
            ReturnDocument.open(path, "Dave", take_over=True)
        assert not raised.value.can_take_over
        assert json.loads(lock_path_for(path).read_text(encoding="utf-8"))["name"] == "Carol"
    finally:
        child.communicate("")


def test_a_folder_where_the_lock_belongs_gets_a_clear_message(returns_dir: Path) -> None:
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Rutland", "Alice").close()
    lock_path_for(path).mkdir()
    with pytest.raises(LockFileError) as raised:
        ReturnDocument.open(path, "Alice")
    assert str(raised.value) == (
        "leics.stocktake cannot be opened for editing: where its lock file "
        "leics.stocktake.lock belongs there is a folder; remove or rename that folder, or open "
        "the return read-only."
    )
    assert lock_path_for(path).is_dir()
    with ReturnDocument.open(path, "Alice", read_only=True) as document:
        assert document.locality == "Rutland"


def test_a_lock_that_cannot_be_read_gets_a_clear_message(
    returns_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Rutland", "Alice").close()
    lock = lock_path_for(path)
    lock.write_text(json.dumps(REMOTE_LOCK), encoding="utf-8")
    real_read = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == lock:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(LockFileError) as raised:
        ReturnDocument.open(path, "Alice", take_over=True)
    assert str(raised.value) == (
        "leics.stocktake cannot be opened for editing: its lock file leics.stocktake.lock "
        "cannot be read (Permission denied), so Stocktake Desktop cannot tell whether someone "
        "else is editing it; you can open it read-only."
    )
    assert lock.exists()


def test_a_pipe_where_the_lock_belongs_is_never_read(returns_dir: Path) -> None:
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Rutland", "Alice").close()
    os.mkfifo(lock_path_for(path))
    with pytest.raises(LockFileError, match=r"cannot be read \(it is not a lock file\)"):
        ReturnDocument.open(path, "Alice")
    assert current_holder(path) is None


def test_a_lock_left_half_written_by_a_crash_is_recovered(returns_dir: Path) -> None:
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Rutland", "Alice").close()
    lock = lock_path_for(path)
    lock.write_text('{"name": "Gho', encoding="utf-8")
    os.utime(lock, (1_000_000_000, 1_000_000_000))  # written long ago
    with ReturnDocument.open(path, "Alice") as document:
        assert not document.read_only
