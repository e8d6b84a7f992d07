"""A return carries its evidence: a copy is kept in it by default (issue 8)."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from stocktake_desktop import cli
from stocktake_desktop.document import AnswerError, EvidenceState, ReturnDocument
from stocktake_desktop.document.evidence import extract_copy


@pytest.fixture
def evidence_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "evidence"
    folder.mkdir()
    for index in range(4):
        (folder / f"board-minutes-{index}.pdf").write_bytes(os.urandom(50_000 + index))
    return folder


def test_a_moved_return_without_its_evidence_folder_exports_every_file_byte_for_byte(
    seed_return: Path, evidence_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(evidence_folder.iterdir())
    originals = {f.name: f.read_bytes() for f in files}
    answers = evidence_folder / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "format": "stocktake-answers",
                "version": 1,
                "answers": {"3.5": {"codes": [2]}, "2.1": {"evidence": [f.name for f in files]}},
            }
        ),
        encoding="utf-8",
    )
    assert cli.main(["import", str(seed_return), str(answers), "--as", "Alice"]) == 0
    moved = tmp_path / "on-another-pc" / "leics.stocktake"
    moved.parent.mkdir()
    shutil.move(seed_return, moved)
    shutil.rmtree(evidence_folder)
    out = tmp_path / "bundle"
    code = cli.main(["export", str(moved), "--out", str(out), "--final", "--accept-warnings"])
    assert code == 0, capsys.readouterr()
    [bundle] = out.glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        kept = {
            Path(name).name.split(" ", 1)[1]: archive.read(name)
            for name in archive.namelist()
            if "/evidence/" in name
        }
    assert kept == originals


def test_linking_only_is_an_explicit_choice(
    seed_return: Path, evidence_folder: Path, tmp_path: Path
) -> None:
    file = next(evidence_folder.iterdir())
    with ReturnDocument.open(seed_return, "Alice") as document:
        held = document.add_evidence("1.1", file)
        linked = document.add_evidence("1.2", file, embed=False)
        assert held.embedded and not linked.embedded
        file.unlink()
        assert document.evidence_state(held) is EvidenceState.OK
        assert document.evidence_state(linked) is EvidenceState.MISSING


def test_keeping_a_copy_of_a_linked_file(seed_return: Path, evidence_folder: Path) -> None:
    file = next(evidence_folder.iterdir())
    with ReturnDocument.open(seed_return, "Alice") as document:
        link = document.add_evidence("1.1", file, embed=False)
        kept = document.keep_copy_of_evidence(link.id)
        assert kept.embedded
        assert document.embedded_content(link.id) == file.read_bytes()
        assert document.change_log("1.1")[-1].new.endswith("(copy kept)")
        changed = document.add_evidence("1.2", file, embed=False)
        file.write_bytes(b"a later version")
        with pytest.raises(AnswerError, match="has changed since it was attached"):
            document.keep_copy_of_evidence(changed.id)


def test_relinking_a_kept_copy_takes_the_new_file_s_content(
    seed_return: Path, evidence_folder: Path
) -> None:
    first, second = sorted(evidence_folder.iterdir())[:2]
    with ReturnDocument.open(seed_return, "Alice") as document:
        link = document.add_evidence("1.1", first)
        relinked = document.relink_evidence(link.id, second)
        assert relinked.embedded and relinked.file_name == second.name
        assert document.embedded_content(link.id) == second.read_bytes()


def test_opening_a_kept_copy_extracts_it_privately_once(
    seed_return: Path, evidence_folder: Path, tmp_path: Path
) -> None:
    file = next(evidence_folder.iterdir())
    with ReturnDocument.open(seed_return, "Alice") as document:
        link = document.add_evidence("1.1", file)
        content = document.embedded_content(link.id)
    assert content is not None
    file.unlink()
    private = tmp_path / "opened"
    extracted = extract_copy(link, content, private)
    assert extracted.read_bytes() == content and extracted.name == file.name
    assert extract_copy(link, content, private) == extracted
    assert [p.name for p in extracted.parent.iterdir()] == [file.name]
