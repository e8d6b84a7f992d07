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


def test_changes_reach_the_file_within_two_seconds_without_closing(
    new_return: ReturnDocument,
) -> None:
    statuses: list[SaveStatus] = []
    saver = AutoSaver(new_return, statuses.append, delay=0.3)
    try:
        new_return.set_narrative("1.1", "Typed while the window is open")
        saver.changed()
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline and not (
            statuses and statuses[-1].state is SaveState.SAVED
        ):
            time.sleep(0.02)
        assert published_narrative(new_return.path, "1.1") == "Typed while the window is open"
        assert [s.state for s in statuses][-2:] == [SaveState.SAVING, SaveState.SAVED]
    finally:
        saver.stop()


def test_continuous_typing_is_still_saved_within_the_delay(new_return: ReturnDocument) -> None:
    saver = AutoSaver(new_return, delay=0.3)
    try:
        for index in range(30):  # 1.5 s of edits, one every 50 ms
            new_return.set_narrative("1.1", f"word {index}")
            saver.changed()
            time.sleep(0.05)
        assert published_narrative(new_return.path, "1.1") != ""
    finally:
        saver.stop()
    assert published_narrative(new_return.path, "1.1") == "word 29"


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
    statuses: list[SaveStatus] = []
    document = FlakyDocument()
    saver = AutoSaver(document, statuses.append, delay=0.05, max_retry_delay=0.2)
    try:
        saver.changed()
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline and not any(
            s.state is SaveState.FAILED for s in statuses
        ):
            time.sleep(0.01)
        failed = [s for s in statuses if s.state is SaveState.FAILED]
        assert failed and "No space left on device" in failed[0].message
        document.full = False
        assert document.published.wait(2), "saving must resume by itself"
        assert not saver.pending
    finally:
        saver.stop()
    assert statuses[-1].state is SaveState.SAVED


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
    from stocktake_desktop.document import store

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
