"""Core fixtures: a new open return and the seed return (the data folder: tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from tests.helpers import build_seed_return


@pytest.fixture
def new_return(returns_dir: Path) -> Iterator[ReturnDocument]:
    document = ReturnDocument.create(returns_dir / "leics.stocktake", "Leicestershire", "Alice")
    yield document
    document.close()


@pytest.fixture
def seed_return(tmp_path: Path) -> Path:
    """The complete seed return (closed) at ``tmp_path / "leics.stocktake"``."""
    return build_seed_return(tmp_path / "leics.stocktake")
