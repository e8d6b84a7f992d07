"""``history FILE REF`` and ``restore FILE REF VERSION [--as NAME]`` (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument, changelog
from tests.helpers import run_cli, step_clock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    return step_clock(monkeypatch, "2026-11-22T14:02:00+00:00")


@pytest.fixture
def edited(returns_dir: Path, clock: Callable[[float], None]) -> Path:
    """A return whose 4.5 was written by Alice, rewritten by Bob in a meeting, and coded."""
    path = returns_dir / "leics.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("4.5", "The register is kept by the council.\nIt is reviewed.")
        clock(changelog.BURST_SECONDS + 1)
        document.editor = "Bob"
        document.start_meeting("Partnership Board", "2013-06-20")
        document.set_narrative("4.5", "The register is kept jointly " + "and reviewed " * 10)
        document.set_codes("4.5", [1])
        document.end_meeting()
    return path


def test_history_prints_each_version_newest_first(edited: Path) -> None:
    code, out, err = run_cli("history", edited, "4.5")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 3
    ids = [int(line.split()[0]) for line in lines]
    assert ids == sorted(ids, reverse=True)
    assert lines[0].endswith("Bob (m1)  codes  1")
    assert (
        "  Bob (m1)  narrative  The register is kept jointly and reviewed and reviewed"
        in (lines[1])
    )
    assert lines[1].endswith("…") and len(lines[1].split("narrative  ")[1]) <= 60
    assert lines[2].endswith(
        "Alice  narrative  The register is kept by the council. It is reviewed."
    )
    assert " 22 November 2026 " in lines[2]


def test_restore_makes_a_new_change_as_the_name_given(edited: Path) -> None:
    with ReturnDocument.open(edited, "Reader", read_only=True) as document:
        oldest = document.field_versions("4.5")[-1]
    code, out, err = run_cli("restore", edited, "4.5", str(oldest.id), "--as", "Carol")
    assert code == 0, err
    assert out == f"Restored 4.5 narrative to version {oldest.id} (as Carol).\n"
    with ReturnDocument.open(edited, "Reader", read_only=True) as document:
        assert document.answer("4.5").narrative == oldest.value
        newest = document.field_versions("4.5")[0]
        assert (newest.who, newest.value) == ("Carol", oldest.value)
        assert len(document.field_versions("4.5")) == 4  # nothing deleted
    code, out, _ = run_cli("restore", edited, "4.5", str(oldest.id), "--as", "Carol")
    assert code == 0 and "already holds" in out


def test_restore_refuses_what_is_not_a_version_of_that_answer(edited: Path) -> None:
    code, _, err = run_cli("restore", edited, "4.5", "first")
    assert code == 2 and "'first' is not a version id" in err
    code, _, err = run_cli("restore", edited, "1.1", "1")
    assert code == 2 and err == ("error: 1.1 has no version 1; `history` lists its versions.\n")
    code, _, err = run_cli("history", edited, "99.9")
    assert code == 2 and "There is no question 99.9" in err


def test_history_of_an_unchanged_answer_says_so(edited: Path) -> None:
    assert run_cli("history", edited, "1.1")[:2] == (0, "1.1 has not been changed yet.\n")


def test_history_and_restore_as_a_user_runs_them(edited: Path, data_dir: Path) -> None:
    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"},
            timeout=60,
        )

    history = run("history", edited, "4.5")
    assert history.returncode == 0, history.stderr
    oldest = history.stdout.splitlines()[-1].split()[0]
    restored = run("restore", edited, "4.5", oldest, "--as", "Dana")
    assert restored.returncode == 0, restored.stderr
    newest = run("history", edited, "4.5").stdout.splitlines()[0]
    assert int(newest.split()[0]) > int(oldest) and "  Dana  narrative  " in newest
    assert "history" in run("--help").stdout and "restore" in run("--help").stdout
