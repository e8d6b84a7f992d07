"""A return is untrusted input: hostile and damaged variants of a real return are refused with
one clear sentence, never run, never modified, and leave no lock or working copy behind."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import main
from stocktake_desktop import paths
from stocktake_desktop.document import ReturnDocument, ReturnError
from tests.core.hostile_variants import STRUCTURE, VALUES, Mutation, all_variants, run_sql
from tests.helpers import build_seed_return

ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------- the real return
@pytest.fixture(scope="module")
def real_return(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The complete seed return with embedded evidence and a draft export recorded."""
    base = tmp_path_factory.mktemp("real")
    evidence = base / "minutes.pdf"
    evidence.write_bytes(b"%PDF-1.4 minutes of the partnership board")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STOCKTAKE_DATA_DIR", str(base / "appdata"))
        path = build_seed_return(base / "leics.stocktake")
        with ReturnDocument.open(path, "Alice") as document:
            document.add_evidence("1.1", evidence, embed=True)
            document.record_submission("draft-0001", final=False)
    yield path


# --------------------------------------------------------------------- assertions
def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def assert_refused_cleanly(path: Path, *, read_only: bool) -> str:
    before = path.read_bytes()
    beside = listing(path.parent)
    try:
        document = ReturnDocument.open(path, "Bob", read_only=read_only, recover=False)
    except ReturnError as error:
        message = str(error)
    else:  # pragma: no cover - reported as a failure below
        document.close()
        pytest.fail(f"{path.name} opened (read_only={read_only})")
    assert message and "\n" not in message and message.endswith("."), message
    assert "Traceback" not in message
    assert path.read_bytes() == before
    assert listing(path.parent) == beside  # no lock, no temporary file
    assert not list(paths.working_dir().iterdir())  # no working copy, no read-only copy
    return message


@pytest.fixture
def variant_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "variants"
    folder.mkdir()
    return folder


def make_variant(real: Path, folder: Path, mutation: Mutation) -> Path:
    path = folder / "leics.stocktake"
    shutil.copyfile(real, path)
    mutation(path)
    return path


# --------------------------------------------------------------------- tests
def test_every_hostile_or_damaged_variant_is_refused_cleanly(
    real_return: Path, variant_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    variants = all_variants(real_return)
    assert len(variants) >= 50
    started = time.perf_counter()
    messages: dict[str, str] = {}
    for label, mutation in variants.items():
        folder = variant_folder / label.replace(" ", "-").replace("'", "")
        folder.mkdir()
        path = make_variant(real_return, folder, mutation)
        edit = assert_refused_cleanly(path, read_only=False)
        assert assert_refused_cleanly(path, read_only=True) == edit, label
        messages[label] = edit
        before = path.read_bytes()
        for command in (["info"], ["dump"], ["check"], ["export", "--out", str(folder / "out")]):
            code = main.main([command[0], str(path), *command[1:]])
            out, err = capsys.readouterr()
            assert code == 2, (label, command, out, err)
            assert err.count("\n") == 1 and err.startswith("error: "), (label, command, err)
            assert err.strip() == f"error: {edit}", (label, command)
        assert path.read_bytes() == before
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n{len(variants)} hostile/damaged variants refused in {elapsed:.1f} s")
    assert "altered outside Stocktake Desktop" in messages["trigger forging the chair's sign-off"]
    assert "damaged" in messages["narrative not UTF-8"]


def test_a_planted_trigger_is_refused_and_never_runs(
    real_return: Path, variant_folder: Path, tmp_path: Path
) -> None:
    path = make_variant(
        real_return, variant_folder, STRUCTURE["trigger forging the chair's sign-off"]
    )
    # The planted trigger works: any program that updates an answer forges the sign-off.
    control = tmp_path / "control.stocktake"
    shutil.copyfile(path, control)
    run_sql("UPDATE answer SET narrative = 'x' WHERE ref = '1.1'")(control)
    conn = sqlite3.connect(control)
    forged = conn.execute(
        "SELECT value FROM completion WHERE key = 'sign_off.chair_hwb.name'"
    ).fetchone()
    conn.close()
    assert forged == ("Forged",)

    before = path.read_bytes()
    message = assert_refused_cleanly(path, read_only=False)
    assert message == (
        "leics.stocktake cannot be opened safely: it has been altered outside Stocktake Desktop "
        '(it has an extra trigger "forge" on "answer").'
    )
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "format": "stocktake-answers",
                "version": 1,
                "answers": {"1.1": {"narrative": "Imported by Bob"}},
            }
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", str(path), str(answers), "--as", "Bob"],
        capture_output=True,
        text=True,
        env={"STOCKTAKE_DATA_DIR": str(tmp_path / "child"), "PATH": ""},
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == f"error: {message}\n"
    assert path.read_bytes() == before


def test_a_damaged_file_gets_one_line_from_the_real_command_line(
    real_return: Path, variant_folder: Path, tmp_path: Path
) -> None:
    path = make_variant(real_return, variant_folder, VALUES["narrative not UTF-8"])
    for command in ("info", "dump", "check"):
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), command, str(path)],
            capture_output=True,
            text=True,
            env={"STOCKTAKE_DATA_DIR": str(tmp_path / "child"), "PATH": ""},
            check=False,
        )
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr == (
            "error: leics.stocktake is damaged, so it cannot be opened: in the answer to 2.1, "
            "the narrative field is not valid text (UTF-8).\n"
        )


def test_the_real_return_itself_opens(real_return: Path, variant_folder: Path) -> None:
    path = make_variant(real_return, variant_folder, lambda _path: None)
    with ReturnDocument.open(path, "Bob") as document:
        assert document.locality == "Leicestershire"
        assert document.evidence("1.1")[0].embedded
    with ReturnDocument.open(path, "Bob", read_only=True) as document:
        assert document.summary().answered == len(document.template.questions)


def test_every_connection_distrusts_the_schema(new_return: ReturnDocument) -> None:
    conn = new_return._conn  # the document's own connection
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert conn.execute("PRAGMA cell_size_check").fetchone()[0] == 1
