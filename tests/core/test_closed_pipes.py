"""``python main.py info FILE | head -1`` and every other command whose reader goes away early:
no BrokenPipeError traceback, no "Exception ignored" message, a quiet exit 1.

``| head -1`` is a race (the command may finish writing before head exits), so each command
also writes into a pipe whose reader is already gone: there the first write always fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from tests.helpers import importable_seed

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX pipes")


@pytest.fixture
def long_return(seed_return: Path) -> Path:
    """The seed return with narratives long enough that a dump overfills any pipe buffer."""
    with ReturnDocument.open(seed_return, "Alice") as document:
        for ref in ("1.1", "2.1", "3.1", "4.1", "5.1"):
            document.set_narrative(ref, f"Narrative {ref}. " * 3000)
    return seed_return


def command(*args: str | Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *map(str, args)]


def run_into_closed_pipe(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run with stdout a pipe whose reader has already gone: the first write fails."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            args,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir)},
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)


def test_dump_and_info_into_head_1(long_return: Path, data_dir: Path) -> None:
    for args in (("dump", long_return), ("info", long_return), ("check", long_return)):
        child = subprocess.Popen(
            command(*args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir)},
        )
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()
        child.stdout.close()  # what head -1 does after its line
        errors = child.stderr.read().decode()
        code = child.wait(timeout=120)
        child.stderr.close()
        assert first.strip(), args
        assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
        assert errors == ""
        assert code in (0, 1)  # 0 when everything was written before head went away


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("info", "{return}"),
        ("dump", "{return}"),
        ("check", "{return}"),
        ("new", "{folder}/new.stocktake", "--locality", "Rutland"),
        ("import", "{return}", "{folder}/answers.json"),
        ("export", "{return}", "--out", "{folder}/out"),
        ("verify", "{folder}/out"),
        ("export", "--help"),
    ],
)
def test_every_command_into_a_closed_pipe_exits_quietly(
    long_return: Path, data_dir: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    (tmp_path / "answers.json").write_text(json.dumps(importable_seed()), encoding="utf-8")
    if args[0] == "verify":
        exported = subprocess.run(
            command("export", long_return, "--out", tmp_path / "out"),
            capture_output=True,
            env=os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir)},
            check=True,
        )
        assert exported.returncode == 0
        zips = sorted((tmp_path / "out").glob("*.zip"))
        args = ("verify", str(zips[0]))
    filled = [a.format(**{"return": long_return, "folder": tmp_path}) for a in args]
    done = run_into_closed_pipe(command(*filled), data_dir)
    assert done.stderr == ""
    # argparse itself ignores a failed write of --help and --version, and exits 0
    assert done.returncode == (0 if "--help" in args or "--version" in args else 1)
