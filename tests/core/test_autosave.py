"""Background saving: every change reaches the user's file within about two seconds."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from stocktake_desktop.document import (
    AutoSaver,
    ReadOnlyError,
    ReturnDocument,
    SaveState,
    SaveStatus,
    StorageError,
    find_unsaved_work,
)


def published_narrative(path: Path, ref: str) -> str:
    with ReturnDocument.open(path, "Reader", read_only=True) as copy:
        return copy.answer(ref).narrative


class Statuses:
    """Collects a saver's statuses (from its thread) and lets a test wait for one of them."""

    def __init__(self) -> None:
        self.seen: list[SaveStatus] = []
        self._condition = threading.Condition()

    def __call__(self, status: SaveStatus) -> None:
        with self._condition:
            self.seen.append(status)
            self._condition.notify_all()

    def wait_for(self, state: SaveState, timeout: float = 10.0) -> bool:
        """True once a status in ``state`` has arrived; generous, as a busy machine is slow."""
        with self._condition:
            return self._condition.wait_for(
                lambda: any(s.state is state for s in self.seen), timeout
            )


def test_changes_reach_the_file_within_two_seconds_without_closing(
    new_return: ReturnDocument,
) -> None:
    statuses = Statuses()
    saver = AutoSaver(new_return, statuses, delay=0.3)
    try:
        new_return.set_narrative("1.1", "Typed while the window is open")
        began = time.monotonic()
        saver.changed()
        assert statuses.wait_for(SaveState.SAVED), "the change was never saved"
        # the saver waits its delay (0.3 s) and no longer, with room for a busy machine
        assert time.monotonic() - began < 5
        assert published_narrative(new_return.path, "1.1") == "Typed while the window is open"
        assert [s.state for s in statuses.seen][-2:] == [SaveState.SAVING, SaveState.SAVED]
    finally:
        saver.stop()


def test_continuous_typing_is_still_saved_within_the_delay(new_return: ReturnDocument) -> None:
    statuses = Statuses()
    saver = AutoSaver(new_return, statuses, delay=0.3)
    index = 0
    try:
        # Edits every 50 ms, far closer together than the delay, until a save happens while
        # they go on: a saver that waited for a pause would never save (the deadline is only
        # there so such a saver fails rather than hangs).
        deadline = time.monotonic() + 10
        while not statuses.wait_for(SaveState.SAVED, timeout=0):
            assert time.monotonic() < deadline, "continuous typing was never saved"
            new_return.set_narrative("1.1", f"word {index}")
            saver.changed()
            index += 1
            time.sleep(0.05)  # the typist's pace, not a wait for the outcome
        assert published_narrative(new_return.path, "1.1").startswith("word ")
    finally:
        saver.stop()
    assert published_narrative(new_return.path, "1.1") == f"word {index - 1}"


class FlakyDocument:
    """Fails to publish until told the disk has space again."""

    def __init__(self) -> None:
        self.full = True
        self.published = threading.Event()

    def publish(self) -> datetime:
        if self.full:
            raise StorageError("Could not save leics.stocktake: No space left on device")
        self.published.set()
        return datetime.now()


def test_failed_saves_report_the_reason_and_retry_by_themselves() -> None:
    statuses = Statuses()
    document = FlakyDocument()
    saver = AutoSaver(document, statuses, delay=0.05, max_retry_delay=0.2)
    try:
        saver.changed()
        assert statuses.wait_for(SaveState.FAILED), "the failure was never reported"
        failed = [s for s in statuses.seen if s.state is SaveState.FAILED]
        assert "No space left on device" in failed[0].message
        document.full = False
        assert statuses.wait_for(SaveState.SAVED), "saving must resume by itself"
        assert document.published.is_set()
    finally:
        saver.stop()
    assert not saver.pending
    assert statuses.seen[-1].state is SaveState.SAVED


def test_close_saves_and_leaves_no_unsaved_work(returns_dir: Path) -> None:
    path = returns_dir / "close.stocktake"
    document = ReturnDocument.create(path, "Leicestershire", "Alice")
    document.set_narrative("9.1", "Last words before closing")
    document.close()
    assert published_narrative(path, "9.1") == "Last words before closing"
    assert find_unsaved_work() == []


def test_publish_failure_keeps_the_work_and_reports_a_reason(
    new_return: ReturnDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop.document import saving as store

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    new_return.set_narrative("1.1", "Precious text")
    before = new_return.path.read_bytes()
    monkeypatch.setattr(store, "replace_with_retries", disk_full)
    with pytest.raises(StorageError, match="No space left on device"):
        new_return.publish()
    assert new_return.path.read_bytes() == before
    assert not list(new_return.path.parent.glob(".*.saving"))
    assert new_return.has_unpublished_changes()
    monkeypatch.undo()
    new_return.publish()
    assert published_narrative(new_return.path, "1.1") == "Precious text"


def test_a_save_after_close_never_touches_the_users_file(returns_dir: Path) -> None:
    path = returns_dir / "closed.stocktake"
    document = ReturnDocument.create(path, "Leicestershire", "Alice")
    document.set_narrative("1.1", "Kept")
    document.close()
    before = path.read_bytes()
    with pytest.raises(ReadOnlyError, match="closed"):
        document.publish()
    assert path.read_bytes() == before
    assert published_narrative(path, "1.1") == "Kept"
