"""Keep every test, even module-scoped fixtures, away from the real app data folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from stocktake_desktop.logs import LOGGER_NAME, set_up_logging


def pytest_configure() -> None:
    # Per-test fixtures point STOCKTAKE_DATA_DIR at a fresh folder; this covers anything that
    # runs before them (module-scoped fixtures, collection).
    os.environ["STOCKTAKE_DATA_DIR"] = tempfile.mkdtemp(prefix="stocktake-tests-")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh app data folder for every test."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv("STOCKTAKE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def returns_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "returns"
    folder.mkdir()
    return folder


@pytest.fixture
def log_file(data_dir: Path) -> Iterator[Path]:
    """The app's log file, set up as the entry point does; detached again afterwards."""
    path = set_up_logging()
    assert path is not None
    yield path
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()
    logger.propagate = True
