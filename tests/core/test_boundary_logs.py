"""The log file gets a line at each boundary: import, export, verify, lock refusals."""

from __future__ import annotations

import json
import logging
import logging.handlers
from pathlib import Path

import pytest

from stocktake_desktop import cli
from stocktake_desktop.document import LockedError, ReturnDocument
from stocktake_desktop.document.lock import ReturnLock
from stocktake_desktop.logs import LOGGER_NAME


def read(path: Path) -> str:
    for handler in logging.getLogger(LOGGER_NAME).handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_import_and_export_are_logged(log_file: Path, seed_return: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {"format": "stocktake-answers", "version": 1, "answers": {"1.1": {"narrative": "N"}}}
        ),
        encoding="utf-8",
    )
    assert cli.main(["import", str(seed_return), str(answers)]) == 0
    out = tmp_path / "out"
    assert cli.main(["export", str(seed_return), "--out", str(out)]) == 0
    [bundle] = out.glob("*.zip")
    assert cli.main(["verify", str(bundle)]) == 0
    text = read(log_file)
    assert f"Imported answers.json into {seed_return}: 1 answer, 1 change" in text
    [exported] = [line for line in text.splitlines() if "Exported " in line]
    assert "INFO stocktake_desktop.export.bundle" in exported
    assert "draft bundle " in exported and f"{bundle.stat().st_size} bytes" in exported
    assert f"Verified {bundle}: intact" in text


def test_a_refused_lock_and_a_take_over_are_logged(
    log_file: Path, returns_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop.document import lock

    path = returns_dir / "r.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    first = ReturnLock(path, "Alice")
    first.acquire()
    with pytest.raises(LockedError):
        ReturnLock(path, "Bob").acquire()
    monkeypatch.setattr(lock, "this_machine", lambda: "another-laptop")
    ReturnLock(path, "Bob").acquire(take_over=True)
    text = read(log_file)
    assert f"Lock of {path} refused: held by" in text
    assert f"Lock of {path} taken over from" in text


def test_a_refused_import_is_logged(log_file: Path, seed_return: Path, tmp_path: Path) -> None:
    answers = tmp_path / "bad.json"
    answers.write_text(
        json.dumps({"format": "stocktake-answers", "version": 1, "answers": {"99.9": {}}}),
        encoding="utf-8",
    )
    assert cli.main(["import", str(seed_return), str(answers)]) == 2
    assert "Import of bad.json into" in read(log_file)
