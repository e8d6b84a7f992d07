"""Running the driven app (``tests/ui/app_driver.py``) in a child process, and reading what it
left: the parent side, with no Qt, shared by ``tests/ui`` and ``bench/``."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SOAK_REPORT = "SOAK-REPORT "  # the line the child prints last: its report as JSON


def child_env(data_dir: Path) -> dict[str, str]:
    """The child's environment: offscreen Qt, its own app data folder, this repository."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["STOCKTAKE_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env.pop("STOCKTAKE_BENCH_EXIT_AFTER_SHOWN", None)
    return env


def child_command(mode: str, path: Path, editor: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "tests.ui.app_driver", mode, str(path), "--as", editor, *extra]


@dataclass(frozen=True, slots=True)
class ChildResult:
    code: int
    stdout: str
    stderr: str
    report: dict[str, Any]


def run_child(
    mode: str, path: Path, editor: str, data_dir: Path, *extra: str, timeout: float = 300
) -> ChildResult:
    """Run the app with its driver to the end; the report is what it printed last."""
    result = subprocess.run(
        child_command(mode, path, editor, *extra),
        cwd=REPO,
        env=child_env(data_dir),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    report: dict[str, Any] = {}
    for line in result.stdout.splitlines():
        if line.startswith(SOAK_REPORT):
            report = json.loads(line[len(SOAK_REPORT) :])
    return ChildResult(result.returncode, result.stdout, result.stderr, report)


def crash_signs(stderr: str) -> list[str]:
    """Lines of a child's stderr that mean it crashed or hit an error."""
    signs = ("Fatal Python error", "Traceback", "Segmentation fault", "app_driver:")
    return [line for line in stderr.splitlines() if any(sign in line for sign in signs)]


def _consolidated(db: Path, folder: Path) -> Path:
    """A self-contained copy of a (possibly crashed, WAL-mode) database, as a return file."""
    copy = folder / "working.db"
    for suffix in ("", "-wal", "-journal"):
        source = Path(str(db) + suffix)
        if source.exists():
            shutil.copyfile(source, str(copy) + suffix)
    target = folder / "working.stocktake"
    conn = sqlite3.connect(copy)  # replays the copied WAL, or rolls back the journal
    try:
        conn.execute("VACUUM INTO ?", (str(target),))  # one file, as the app saves returns
    finally:
        conn.close()
    return target


def narratives_of(path: Path) -> dict[str, str]:
    """Every narrative in a return, opened read-only through the core."""
    from stocktake_desktop.document import ReturnDocument

    with ReturnDocument.open(path, "Measurer", read_only=True) as document:
        return {ref: answer.narrative for ref, answer in document.answers().items()}


def working_narratives(db: Path) -> dict[str, str]:
    """Every narrative in a working copy left by a killed process (the copy is untouched)."""
    with tempfile.TemporaryDirectory(prefix="stocktake-working-") as folder:
        return narratives_of(_consolidated(db, Path(folder)))
