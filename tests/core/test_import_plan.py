"""The import API the app builds on: read a source, plan, show, apply; and sources recognised
by content whatever their names."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.imports import (
    Action,
    ImportOptions,
    ImportRefusedError,
    SourceKind,
    Status,
    apply_plan,
    plan_import,
    plan_lines,
    read_source,
)
from tests.helpers import refused_import, run_cli
from tests.word_fixtures import build_word_return


@pytest.fixture
def target(returns_dir: Path) -> Path:
    path = returns_dir / "rotherham.stocktake"
    with ReturnDocument.create(path, "Rotherham", "Alice") as document:
        document.set_narrative("1.2", "Our own words")
    return path


@pytest.fixture(scope="module")
def word_return(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_word_return(tmp_path_factory.mktemp("word") / "rotherham.docx")


def answers_file(folder: Path, answers: dict[str, object], **extra: object) -> Path:
    path = folder / "answers.json"
    data = {"format": "stocktake-answers", "version": 1, "answers": answers} | extra
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_plan_then_apply(target: Path, word_return: Path) -> None:
    with ReturnDocument.open(target, "Jo") as document:
        with read_source(word_return, document.template) as source:
            assert source.kind is SourceKind.WORD
            plan = plan_import(document, source)
            assert document.answer("1.1").narrative == ""  # planning writes nothing
            assert [q.ref for q in plan.questions] == [q.ref for q in document.template.questions]
            first, second = plan.questions[:2]
            assert (first.status, second.status) == (Status.FILLED, Status.REPLACED)
            [change] = second.changes
            assert (change.key, change.old, change.action) == (
                "narrative",
                "Our own words",
                Action.REPLACED,
            )
            assert plan.count(Status.FILLED) == 60 and plan.change_count == 61 + 6
            outcome = apply_plan(document, plan)
        assert outcome.changes == 67
        assert document.answer("1.2").narrative.startswith("Close working relationships")
        assert plan_lines(plan, document.editor, applied=True)[0].startswith(
            "Imported rotherham.docx"
        )


def test_a_plan_made_before_the_return_changed_is_refused(target: Path, word_return: Path) -> None:
    with ReturnDocument.open(target, "Jo") as document:
        with read_source(word_return, document.template) as source:
            plan = plan_import(document, source)
            document.set_narrative("1.1", "Typed while the plan was shown")
            with pytest.raises(
                ImportRefusedError, match="has changed since this import was planned"
            ):
                apply_plan(document, plan)
        assert document.answer("1.1").narrative == "Typed while the plan was shown"
        assert document.answer("1.3").narrative == ""


def test_a_plan_is_for_the_return_it_was_made_for(
    target: Path, word_return: Path, returns_dir: Path
) -> None:
    other = returns_dir / "other.stocktake"
    ReturnDocument.create(other, "Rotherham", "Alice").close()
    with (
        ReturnDocument.open(target, "Jo") as document,
        read_source(word_return, document.template) as source,
    ):
        plan = plan_import(document, source)
    with (
        ReturnDocument.open(other, "Jo") as document,
        pytest.raises(
            ImportRefusedError, match=r"planned for rotherham\.stocktake, not this return"
        ),
    ):
        apply_plan(document, plan)


def test_an_answers_file_is_planned_field_by_field(target: Path, tmp_path: Path) -> None:
    (tmp_path / "minutes.pdf").write_bytes(b"%PDF")
    source_path = answers_file(
        tmp_path,
        {
            "1.1": {"codes": [1], "narrative": "Joint board", "evidence": ["minutes.pdf"]},
            "1.2": {"narrative": ""},
        },
        locality="Rotherham MBC",
        completed_by={"name": "Jo"},
    )
    with ReturnDocument.open(target, "Jo") as document:
        with read_source(source_path, document.template, ImportOptions()) as source:
            plan = plan_import(document, source)
        lines = plan_lines(plan, "Jo", applied=False)
    assert lines[0] == (
        "Would import answers.json (an answers file) into rotherham.stocktake as Jo: 1 filled, "
        "1 replaced, 0 unchanged, 59 left alone, 0 not recognised; completed by and sign-off: "
        "1 of 1 changed."
    )
    assert "Locality: replaced (Rotherham → Rotherham MBC)" in lines
    assert "1.1 filled: status code, assessment, evidence" in lines
    assert "1.2 replaced: assessment (cleared)" in lines
    assert "Name (completed by): filled" in lines


def test_an_answers_file_imports_as_it_always_has(target: Path, tmp_path: Path) -> None:
    source = answers_file(tmp_path, {"1.1": {"codes": [1], "narrative": "Joint board"}})
    code, out, err = run_cli("import", target, source, "--as", "Jo")
    assert (code, err) == (0, "")
    assert out.startswith("Imported answers.json (an answers file) into rotherham.stocktake as Jo")
    with ReturnDocument.open(target, "Reader", read_only=True) as document:
        assert document.answer("1.1").codes == (1,)
        assert [e.new for e in document.change_log() if e.field == "import"] == [
            "Imported from the answers file answers.json"
        ]


def test_the_same_answers_file_again_changes_nothing(target: Path, tmp_path: Path) -> None:
    (tmp_path / "minutes.pdf").write_bytes(b"%PDF")
    source = answers_file(
        tmp_path, {"1.1": {"narrative": "Joint board", "evidence": ["./minutes.pdf"]}}
    )
    assert run_cli("import", target, source)[0] == 0
    code, out, _err = run_cli("import", target, source)
    assert code == 0
    assert "0 filled, 0 replaced, 1 unchanged, 60 left alone" in out.splitlines()[0]
    with ReturnDocument.open(target, "Reader", read_only=True) as document:
        assert len([e for e in document.change_log() if e.field == "import"]) == 1
        assert [link.file_name for link in document.evidence("1.1")] == ["minutes.pdf"]


def test_an_answers_file_of_another_edition_is_refused(target: Path, tmp_path: Path) -> None:
    source = answers_file(tmp_path, {}, template="wv-jip-stocktake-2014")
    assert 'template: the file is for "wv-jip-stocktake-2014"' in refused_import(target, source)


# ------------------------------------------------------------------------ recognised by content
def test_a_renamed_return_and_a_renamed_answers_file_are_recognised(
    target: Path, tmp_path: Path, seed_return: Path
) -> None:
    json_named_docx = answers_file(tmp_path, {"1.1": {"narrative": "Joint board"}}).rename(
        tmp_path / "answers.docx"
    )
    code, out, _err = run_cli("import", target, json_named_docx)
    assert code == 0 and "(an answers file)" in out.splitlines()[0]
    return_named_json = tmp_path / "last-year.json"
    return_named_json.write_bytes(seed_return.read_bytes())
    code, out, _err = run_cli("import", target, return_named_json)
    assert code == 0 and "(the return for Leicestershire)" in out.splitlines()[0]


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
def test_a_pipe_named_docx_is_never_opened(target: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "return.docx"
    os.mkfifo(pipe)
    assert (
        refused_import(target, pipe)
        == "error: return.docx cannot be imported: it is not an ordinary file."
    )
    assert "cannot be imported: it does not exist" in refused_import(
        target, tmp_path / "missing.docx"
    )


def test_whose_return_a_word_return_is() -> None:
    from stocktake_desktop.imports.locality import same_locality, word_locality
    from stocktake_desktop.imports.source import SourceAnswer

    said = [SourceAnswer("1.1", narrative="Commissioned by Rotherham MBC with the CCG.")]
    contact = {"completed_by.contact": "01709 302839 or jo@council.ROTHERHAM.gov.uk"}
    assert word_locality(said, contact) == ("Rotherham", "rotherham.gov.uk")
    assert word_locality(said, {"completed_by.contact": "sarah.brown@local.gov.uk"}) == ("", "")
    assert word_locality([], contact) == ("", "")  # the place is never written: no guess
    assert same_locality("Rotherham", "Rotherham MBC")
    assert not same_locality("Leicester", "Leicestershire")
