"""The command line, run as a user runs it: ``python main.py ...`` in a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import as_dumped, importable_seed

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(data_dir: Path):
    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"},
            timeout=60,
        )

    return run


def test_help_lists_the_commands(run) -> None:
    result = run("--help")
    assert result.returncode == 0
    for name in ("new", "import", "dump", "check", "info", "--as NAME"):
        assert name in result.stdout


def test_new_adds_the_extension_only_when_missing(run, returns_dir: Path) -> None:
    assert run("new", returns_dir / "leics", "--locality", "Leicestershire").returncode == 0
    assert (returns_dir / "leics.stocktake").is_file()
    assert run("new", returns_dir / "leics.db", "--locality", "Leicestershire").returncode == 0
    assert (returns_dir / "leics.db").is_file()
    again = run("new", returns_dir / "leics", "--locality", "Leicestershire")
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "already exists" in again.stderr


def test_import_dump_check_info_on_the_seed_return(run, returns_dir: Path, tmp_path: Path) -> None:
    path = returns_dir / "leics.stocktake"
    run("new", path, "--locality", "Leicestershire")
    answers = tmp_path / "answers.json"
    data = importable_seed()
    answers.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    imported = run("import", path, answers, "--as", "Jane Smith")
    assert imported.returncode == 0, imported.stderr

    dumped = run("dump", path)
    assert dumped.returncode == 0
    assert json.loads(dumped.stdout) == as_dumped(data)

    check = run("check", path)
    assert check.returncode == 1
    lines = check.stdout.splitlines()
    assert "3.5: no status code chosen" in lines
    assert "Completion: no sign-off by the CCG representative" in lines
    assert all(line.split(":")[0] for line in lines)

    info = run("info", path)
    assert info.returncode == 0
    assert "Locality: Leicestershire" in info.stdout
    assert "Answered: 61/61" in info.stdout
    assert "by Jane Smith" in info.stdout


def test_check_passes_when_everything_is_complete(run, returns_dir: Path, tmp_path: Path) -> None:
    path = returns_dir / "done.stocktake"
    run("new", path, "--locality", "Rutland")
    data = importable_seed()
    data["answers"]["3.5"]["codes"] = [1]
    data["completed_by"] = {"name": "A", "organisation": "B", "contact": "C"}
    data["sign_off"] = {"chair_hwb": "D", "la_chief_executive": "E", "ccg_rep": "F"}
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(data), encoding="utf-8")
    assert run("import", path, answers).returncode == 0
    check = run("check", path)
    assert check.returncode == 0, check.stdout
    assert "Ready to submit." in check.stdout


def test_refused_import_writes_nothing(run, returns_dir: Path, tmp_path: Path) -> None:
    path = returns_dir / "leics.stocktake"
    run("new", path, "--locality", "Leicestershire")
    before = run("dump", path).stdout
    answers = tmp_path / "answers.json"
    data = importable_seed()
    data["answers"]["3.5"]["codes"] = [3]
    answers.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", path, answers)
    assert result.returncode == 2
    assert "3.5 codes: 3 not in the list" in result.stderr
    assert "Traceback" not in result.stderr
    assert run("dump", path).stdout == before


@pytest.mark.parametrize(
    "args",
    [
        ("dump", "missing.stocktake"),
        ("check", "missing.stocktake"),
        ("info", "missing.stocktake"),
        ("import", "missing.stocktake", "missing.json"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_dump_of_a_text_file_is_a_clear_error(run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.stocktake"
    notes.write_text("hello", encoding="utf-8")
    result = run("dump", notes)
    assert result.returncode == 2
    assert "not a Stocktake return" in result.stderr
    assert notes.read_text(encoding="utf-8") == "hello"
