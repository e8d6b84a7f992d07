"""Importing another return (e.g. last year's): its answers, completion and evidence become the
starting point, the history says where they came from, and the other file is only read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.template import default_template
from tests.helpers import other_edition, refused_import, run_cli


@pytest.fixture
def last_year(seed_return: Path, tmp_path: Path) -> Path:
    """The seed return with minutes kept in it (1.1) and a plan only linked (2.1)."""
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(b"%PDF-1.4 board minutes " * 100)
    plan = tmp_path / "plan.docx"
    plan.write_bytes(b"PK plan")
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_evidence("1.1", minutes)
        document.add_evidence("2.1", plan, embed=False)
    minutes.unlink()  # only the return's copy is left
    return seed_return


@pytest.fixture
def target(returns_dir: Path) -> Path:
    path = returns_dir / "2014.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Jo").close()
    return path


def test_last_years_return_is_the_starting_point(last_year: Path, target: Path) -> None:
    before = last_year.read_bytes()
    code, out, err = run_cli("import", target, last_year, "--as", "Jo")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(
        "Imported leics.stocktake (the return for Leicestershire) into 2014.stocktake as Jo: "
        "61 filled, 0 replaced, 0 unchanged, 0 left alone, 0 not recognised"
    )
    assert any(
        line.startswith("1.1 filled: status code, assessment, good practice") for line in lines
    )
    assert "evidence copied in: minutes.pdf" in out and "evidence copied in: plan.docx" in out
    with ReturnDocument.open(last_year, "Reader", read_only=True) as old:
        old_answers, old_completion = old.answers(), old.completion()
        old_evidence = {(e.ref, e.file_name, e.sha256, e.embedded) for e in old.evidence()}
        kept = old.embedded_content(old.evidence("1.1")[0].id)
    with ReturnDocument.open(target, "Reader", read_only=True) as new:
        assert new.answers() == old_answers
        assert new.completion() == old_completion
        links = new.evidence()
        assert {(e.ref, e.file_name, e.sha256, e.embedded) for e in links} == old_evidence
        [copied] = new.evidence("1.1")
        assert new.embedded_content(copied.id) == kept and copied.added_by == "Jo"
        assert new.evidence("2.1")[0].original_path.endswith("plan.docx")
        log = new.change_log()
    [note] = [e for e in log if e.field == "import"]
    assert note.who == "Jo"
    assert note.new.startswith(
        "Imported from the return leics.stocktake (Leicestershire; last changed"
    )
    assert note.new.endswith("by Alice)")
    assert {e.who for e in log[log.index(note) :]} == {"Jo"}
    assert last_year.read_bytes() == before
    assert not Path(str(last_year) + ".lock").exists()


def test_importing_it_again_changes_nothing_and_copies_no_evidence_twice(
    last_year: Path, target: Path
) -> None:
    assert run_cli("import", target, last_year)[0] == 0
    code, out, _err = run_cli("import", target, last_year)
    assert code == 0
    assert "0 filled, 0 replaced, 61 unchanged" in out.splitlines()[0]
    assert "1.1 unchanged: evidence already attached: minutes.pdf" in out.splitlines()
    with ReturnDocument.open(target, "Reader", read_only=True) as document:
        assert len(document.evidence()) == 2
        assert len([e for e in document.change_log() if e.field == "import"]) == 1


def test_this_years_answers_stay_where_last_year_has_none(last_year: Path, target: Path) -> None:
    with ReturnDocument.open(last_year, "Alice") as document:
        document.set_narrative("3.1", "")
        document.set_support_required("2.1", "")
    with ReturnDocument.open(target, "Jo") as document:
        document.set_narrative("3.1", "New this year")
        document.set_narrative("3.2", "Replaced by last year's")
    code, out, _err = run_cli("import", target, last_year, "--as", "Jo")
    assert code == 0
    assert "3.2 replaced: assessment; filled: status code" in out.splitlines()
    with ReturnDocument.open(target, "Reader", read_only=True) as document:
        assert document.answer("3.1").narrative == "New this year"
        assert document.answer("3.2").narrative != "Replaced by last year's"
        assert [e.old for e in document.change_log("3.2") if e.field == "narrative"][-1] == (
            "Replaced by last year's"
        )


def test_another_localitys_return_is_imported_with_a_note(
    last_year: Path, returns_dir: Path
) -> None:
    rutland = returns_dir / "rutland.stocktake"
    ReturnDocument.create(rutland, "Rutland", "Jo").close()
    code, out, _err = run_cli("import", rutland, last_year)
    assert code == 0
    assert out.splitlines()[1] == (
        "Note: This is Leicestershire's return; you are importing into Rutland's. The locality "
        "stays Rutland."
    )


# ------------------------------------------------------------------------ refused, nothing written
def test_a_return_of_an_edition_this_app_lacks(target: Path, tmp_path: Path) -> None:
    other = tmp_path / "2014-draft.stocktake"
    ReturnDocument.create(other, "Leicestershire", "Alice", other_edition(tmp_path)).close()
    assert refused_import(target, other) == (
        "error: 2014-draft.stocktake was made for the stocktake edition 'wv-jip-stocktake-2014', "
        "which this version of Stocktake Desktop does not have."
    )


def test_a_return_of_another_edition(
    target: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop.document import checks

    later = other_edition(tmp_path)
    known = {later.id: later, default_template().id: default_template()}
    monkeypatch.setattr(checks, "find_template", known.__getitem__)
    other = tmp_path / "2014-draft.stocktake"
    ReturnDocument.create(other, "Leicestershire", "Alice", later).close()
    assert refused_import(target, other) == (
        "error: 2014-draft.stocktake is a return of another stocktake edition (Winterbourne View "
        "Local Stocktake, June 2014); this return is Winterbourne View Local Stocktake, June 2013."
    )


def test_the_return_itself_is_refused(target: Path) -> None:
    assert refused_import(target, target) == (
        "error: 2014.stocktake is the return itself; choose another return to import from."
    )


def test_a_file_named_stocktake_that_is_not_a_return(target: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.stocktake"
    notes.write_text("hello", encoding="utf-8")
    assert "notes.stocktake is not a Stocktake return" in refused_import(target, notes)
    database = tmp_path / "other.stocktake"
    sqlite3.connect(database).execute("CREATE TABLE t(x)").connection.close()
    assert "other.stocktake is a database, but not a Stocktake return." in refused_import(
        target, database
    )
