"""A command whose data folder cannot be made says so in one line, exit 2 (no traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli


def test_a_command_says_when_the_data_folder_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("STOCKTAKE_DATA_DIR", str(blocker / "data"))

    code, _, err = run_cli("new", tmp_path / "Rutland.stocktake", "--locality", "Rutland")

    assert code == 2
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert "cannot write to its data folder" in err
    assert str(blocker / "data") in err
    assert "STOCKTAKE_DATA_DIR" in err
    assert not (tmp_path / "Rutland.stocktake").exists()
