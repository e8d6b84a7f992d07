"""Wiring you can read: one parser lists every command, nothing registers itself on import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stocktake_desktop import cli

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("openpyxl", "reportlab", "jsonschema", "PySide6")


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STOCKTAKE_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


READINESS = """
import json, sys
{first}
from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.readiness import check_readiness
with ReturnDocument.open(sys.argv[1], "Reader", read_only=True) as document:
    print(json.dumps([item.line() for item in check_readiness(document)]))
"""


def test_readiness_is_the_same_whatever_was_imported_first(tmp_path: Path, data_dir: Path) -> None:
    from stocktake_desktop.document import ReturnDocument

    path = tmp_path / "p.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("3.1", "NHS number 4010232137")
    answers = []
    for first in ("", "import stocktake_desktop.privacy", "import stocktake_desktop.cli"):
        done = run("-c", READINESS.format(first=first), str(path), data_dir=data_dir)
        assert done.returncode == 0, done.stderr
        answers.append(json.loads(done.stdout))
    assert answers[0] == answers[1] == answers[2]
    assert any(
        "3.1: the assessment contains what looks like an NHS number" in line for line in answers[0]
    )


def test_help_lists_every_command_without_a_load_step(data_dir: Path) -> None:
    done = run("main.py", "--help", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    for name in cli.COMMANDS:
        assert f"    {name} " in done.stdout
    assert "--verbose" in done.stdout
    export_help = run("main.py", "export", "--help", data_dir=data_dir).stdout
    assert "--accept-warnings" in export_help and "--leave-out-evidence" in export_help


def test_every_command_names_a_handler_that_exists() -> None:
    for name in cli.COMMANDS:
        assert callable(cli.handler_for(name))


VERSION_IMPORTS = """
import runpy, sys
sys.argv = ["main.py", "--version"]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit:
    pass
print(",".join(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def test_version_imports_none_of_the_heavy_libraries(data_dir: Path) -> None:
    done = run("-c", VERSION_IMPORTS, data_dir=data_dir)
    assert done.stdout.startswith("Stocktake Desktop "), done.stderr
    loaded = set(done.stderr.strip().splitlines()[-1].split(","))
    assert not loaded & set(HEAVY)
    assert not any(name.startswith("PySide6") for name in loaded)


def test_version_loads_no_document_code(data_dir: Path) -> None:
    code = VERSION_IMPORTS.replace(
        '{name.split(".")[0] for name in sys.modules}', "set(sys.modules)"
    )
    done = run("-c", code, data_dir=data_dir)
    loaded = set(done.stderr.strip().splitlines()[-1].split(","))
    assert "stocktake_desktop.cli" in loaded
    assert not {"stocktake_desktop.document", "stocktake_desktop.template"} & loaded


def test_a_user_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["info", str(tmp_path / "missing.stocktake")]) == cli.EXIT_ERROR
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: ")


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_shows_the_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    command = ["info", str(tmp_path / "missing.stocktake")]
    argv = ["--verbose", *command] if where == "before" else [*command, "--verbose"]
    assert cli.main(argv) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "Traceback (most recent call last):" in err
    assert err.strip().splitlines()[-1].startswith("error: ")


def test_verbose_is_a_command_line_word() -> None:
    assert cli.handles(["--verbose", "check", "x"])
    assert not cli.handles(["--verbose"])
    assert not cli.handles(["some.stocktake"])
