"""Keep every test, even module-scoped fixtures, away from the real app data folder."""

from __future__ import annotations

import os
import tempfile


def pytest_configure() -> None:
    # Per-test fixtures point STOCKTAKE_DATA_DIR at a fresh folder; this covers anything that
    # runs before them (module-scoped fixtures, collection).
    os.environ["STOCKTAKE_DATA_DIR"] = tempfile.mkdtemp(prefix="stocktake-tests-")
