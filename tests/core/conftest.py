"""Every core test gets a fresh data folder, so nothing touches the real profile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("STOCKTAKE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def returns_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "returns"
    folder.mkdir()
    return folder


@pytest.fixture
def new_return(returns_dir: Path) -> Iterator[ReturnDocument]:
    document = ReturnDocument.create(returns_dir / "leics.stocktake", "Leicestershire", "Alice")
    yield document
    document.close()
