"""``python main.py merge`` and ``resolve``: lines, exit codes, refusals; ``check`` and a final
export while conflicts remain (issue 12)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.template import Template, default_template, load_template
from tests.helpers import confirm_sign_offs, finish_seed, run_cli

JO, DEV = "Jo Bloggs", "Dev Patel"
ROOT = Path(__file__).resolve().parents[2]


def snapshot(path: Path) -> bytes:
    return path.read_bytes()


@pytest.fixture
def laptops(returns_dir: Path) -> tuple[Path, Path]:
    """The council's return and the CCG's copy, both having changed 1.1 and 1.2 their own way
    and the CCG 2.1 besides."""
    la = returns_dir / "la.stocktake"
    with ReturnDocument.create(la, "Leicestershire", JO) as document:
        document.set_narrative("1.1", "Shared.")
    ccg = returns_dir / "ccg.stocktake"
    shutil.copyfile(la, ccg)
    with ReturnDocument.open(ccg, DEV) as document:
        document.set_narrative("1.1", "The CCG's 1.1.")
        document.set_narrative("1.2", "The CCG's 1.2.")
        document.set_narrative("2.1", "The CCG's 2.1.")
    with ReturnDocument.open(la, JO) as document:
        document.set_narrative("1.1", "The council's 1.1.")
        document.set_narrative("1.2", "The council's 1.2.")
    return la, ccg


def test_merge_prints_a_line_per_conflict_and_exits_1(laptops: tuple[Path, Path]) -> None:
    la, ccg = laptops
    code, out, err = run_cli("merge", la, ccg, "--as", JO)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "conflict: 1.1 narrative: this copy's version and Dev Patel's from ccg.stocktake differ",
        "conflict: 1.2 narrative: this copy's version and Dev Patel's from ccg.stocktake differ",
        "Merged ccg.stocktake into la.stocktake: 1 change taken, 2 new conflicts; "
        "2 conflicts to review.",
        f"Settle each with: python main.py resolve {la} REF FIELD --keep mine|theirs",
    ]
    with ReturnDocument.open(la, JO, read_only=True) as document:
        assert document.answer("2.1").narrative == "The CCG's 2.1."
        assert document.change_log()[-1].who == JO
    # The same again: nothing written, the same conflicts listed, still exit 1.
    before = snapshot(la)
    code, out, _err = run_cli("merge", la, ccg)
    assert code == 1 and snapshot(la) == before
    assert out.splitlines()[2] == "Nothing new to merge from ccg.stocktake; 2 conflicts to review."


def test_resolve_both_ways_then_merge_and_check_are_clear(laptops: tuple[Path, Path]) -> None:
    la, ccg = laptops
    run_cli("merge", la, ccg)
    code, out, _err = run_cli("check", la)
    assert code == 1
    assert [line for line in out.splitlines() if "conflict" in line] == [
        "1.1: conflict on narrative: this copy's version and Dev Patel's from ccg.stocktake "
        "differ; keep one or combine them",
        "1.2: conflict on narrative: this copy's version and Dev Patel's from ccg.stocktake "
        "differ; keep one or combine them",
    ]
    assert run_cli("resolve", la, "1.1", "narrative", "--keep", "theirs", "--as", JO) == (
        0,
        "1.1 narrative: kept Dev Patel's version (the conflict with ccg.stocktake is settled).\n"
        "1 conflict still to review.\n",
        "",
    )
    assert run_cli("resolve", la, "1.2", "narrative", "--keep", "mine")[0] == 0
    with ReturnDocument.open(la, JO, read_only=True) as document:
        assert document.answer("1.1").narrative == "The CCG's 1.1."
        assert document.answer("1.2").narrative == "The council's 1.2."
    code, out, err = run_cli("resolve", la, "1.2", "narrative", "--keep", "theirs")
    assert (code, out) == (2, "")
    assert err == (
        f"error: {la} has no conflict to settle on 1.2 narrative "
        f"(python main.py check {la} lists them).\n"
    )
    assert run_cli("merge", la, ccg) == (0, "Nothing new to merge from ccg.stocktake.\n", "")
    assert "conflict" not in run_cli("check", la)[1]


def test_check_offers_to_combine_only_texts(laptops: tuple[Path, Path]) -> None:
    la, ccg = laptops
    for path, editor, code in ((ccg, DEV, 3), (la, JO, 1)):
        with ReturnDocument.open(path, editor) as document:
            document.set_codes("3.1", [code])
    run_cli("merge", la, ccg)
    lines = [line for line in run_cli("check", la)[1].splitlines() if "conflict" in line]
    assert lines[0].endswith("differ; keep one or combine them")  # 1.1's narrative
    assert lines[2] == (
        "3.1: conflict on codes: this copy's version and Dev Patel's from ccg.stocktake "
        "differ; keep one of them (a choice cannot be combined)"
    )


def test_a_final_export_is_refused_while_a_conflict_remains(
    seed_return: Path, tmp_path: Path
) -> None:
    with ReturnDocument.open(seed_return, "Alice") as document:
        finish_seed(document)
    ccg = tmp_path / "ccg.stocktake"
    shutil.copyfile(seed_return, ccg)
    with ReturnDocument.open(ccg, DEV) as document:
        document.set_support_required("5.1", "Help from the CCG's side.")
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.set_support_required("5.1", "Help from the council's side.")
    assert run_cli("merge", seed_return, ccg)[0] == 1
    out_dir = tmp_path / "out"
    code, out, _err = run_cli(
        "export", seed_return, "--out", out_dir, "--final", "--accept-warnings"
    )
    assert code == 1
    assert "5.1: conflict on support_required" in out
    assert not list(out_dir.glob("*.zip"))
    assert run_cli("resolve", seed_return, "5.1", "support_required", "--keep", "mine")[0] == 0
    with ReturnDocument.open(seed_return, "Alice") as document:
        confirm_sign_offs(document)
    code, out, _err = run_cli(
        "export", seed_return, "--out", out_dir, "--final", "--accept-warnings"
    )
    assert code == 0, out
    assert len(list(out_dir.glob("*.zip"))) == 1


# ------------------------------------------------------------------ refused, nothing written
def refused(la: Path, other: Path) -> str:
    before = snapshot(la)
    code, out, err = run_cli("merge", la, other)
    assert (code, out) == (2, "")
    assert snapshot(la) == before
    assert err.count("\n") == 1
    return err.strip()


def test_a_file_that_is_not_a_return_is_refused(laptops: tuple[Path, Path], tmp_path: Path) -> None:
    la, _ccg = laptops
    notes = tmp_path / "notes.stocktake"
    notes.write_text("Meeting notes", encoding="utf-8")
    assert refused(la, notes) == (
        "error: notes.stocktake is not a Stocktake return (it is not in the return file format)."
    )
    database = tmp_path / "other.stocktake"
    sqlite3.connect(database).execute("CREATE TABLE t(x)").connection.close()
    assert (
        refused(la, database) == "error: other.stocktake is a database, but not a Stocktake return."
    )
    assert refused(la, tmp_path / "missing.stocktake").startswith("error: ")


def test_the_return_itself_is_refused(laptops: tuple[Path, Path]) -> None:
    la, _ccg = laptops
    assert refused(la, la) == (
        "error: la.stocktake is the return itself; choose the partner's copy to merge into it."
    )


def other_edition(tmp_path: Path) -> Template:
    data = json.loads(default_template().source.read_text(encoding="utf-8"))
    data["id"], data["edition"] = "wv-jip-stocktake-2014", "June 2014"
    path = tmp_path / "wv-jip-stocktake-2014.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return load_template(path)


def test_a_copy_of_another_edition_is_refused(
    laptops: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop.document import checks

    la, _ccg = laptops
    later = other_edition(tmp_path)
    known = {later.id: later, default_template().id: default_template()}
    monkeypatch.setattr(checks, "find_template", known.__getitem__)
    other = tmp_path / "2014.stocktake"
    ReturnDocument.create(other, "Leicestershire", DEV, later).close()
    assert refused(la, other) == (
        "error: 2014.stocktake is a return for a different stocktake edition (Winterbourne View "
        "Local Stocktake, June 2014), so it cannot be merged into la.stocktake (Winterbourne "
        "View Local Stocktake, June 2013)."
    )


HOLD = """
import sys
sys.path.insert(0, sys.argv[2])
from stocktake_desktop.document import ReturnDocument
document = ReturnDocument.open(sys.argv[1], "Priya on the projector")
print("open", flush=True)
sys.stdin.readline()
document.close()
"""


def test_a_return_another_process_is_editing_is_refused(laptops: tuple[Path, Path]) -> None:
    la, ccg = laptops
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(la), str(ROOT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        error = refused(la, ccg)
        assert error.startswith("error: ") and "Priya on the projector" in error
        assert "being edited by" in error
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
    assert run_cli("merge", la, ccg)[0] == 1  # once it is free, the merge goes ahead


def test_conflicts_on_codes_and_completion_are_settled_by_ref_and_field(
    laptops: tuple[Path, Path],
) -> None:
    la, ccg = laptops
    with ReturnDocument.open(ccg, DEV) as document:
        document.set_codes("4.1", [2])
        document.set_completed_by("name", "Dev Patel")
    with ReturnDocument.open(la, JO) as document:
        document.set_codes("4.1", [3])
        document.set_completed_by("name", "Jo Bloggs")
    code, out, _err = run_cli("merge", la, ccg)
    assert code == 1
    assert "conflict: 4.1 codes: this copy's version and Dev Patel's from ccg.stocktake differ" in (
        out.splitlines()
    )
    assert (
        "conflict: completion completed_by.name: this copy's version and Dev Patel's from "
        "ccg.stocktake differ"
    ) in out.splitlines()
    assert "Completion: conflict on completion completed_by.name" in run_cli("check", la)[1]
    assert run_cli("resolve", la, "4.1", "codes", "--keep", "theirs")[0] == 0
    assert run_cli("resolve", la, "completion", "completed_by.name", "--keep", "theirs")[0] == 0
    with ReturnDocument.open(la, JO, read_only=True) as document:
        assert document.answer("4.1").codes == (2,)
        assert document.completed_by()["name"] == "Dev Patel"
        assert {(c.ref, c.field) for c in document.conflicts()} == {
            ("1.1", "narrative"),
            ("1.2", "narrative"),
        }
