"""The interchange JSON: the real Leicestershire return imported, dumped and compared exactly."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.interchange import (
    InterchangeError,
    dump_return,
    import_answers,
    read_answers_file,
)
from tests.helpers import as_dumped, importable_seed, seed_interchange


def test_seed_import_is_refused_naming_3_5(new_return: ReturnDocument, tmp_path: Path) -> None:
    with pytest.raises(InterchangeError) as raised:
        import_answers(new_return, seed_interchange(), tmp_path)
    assert raised.value.problems == ["3.5 codes: 3 not in the list (0 - No 1 - Yes 2 - Not clear)"]
    assert new_return.change_log() == []


def test_seed_return_imports_and_dumps_exactly(new_return: ReturnDocument, tmp_path: Path) -> None:
    data = importable_seed()
    result = import_answers(new_return, data, tmp_path)
    assert result.answers == 61
    assert dump_return(new_return) == as_dumped(data)
    assert new_return.answer("1.2").codes == (5, 6, 7)
    assert {e.who for e in new_return.change_log()} == {"Alice"}


def test_dump_of_an_imported_return_is_the_same(returns_dir: Path, tmp_path: Path) -> None:
    evidence = tmp_path / "evidence" / "minutes.pdf"
    evidence.parent.mkdir()
    evidence.write_bytes(b"%PDF-1.4 minutes")
    data = importable_seed()
    data["answers"]["1.4"].update(
        good_practice=True, good_practice_note="Minutes", evidence=["evidence/minutes.pdf"]
    )
    data["completed_by"] = {"name": "John Williams", "organisation": "RMBC", "contact": "01709"}
    data["sign_off"]["chair_hwb"] = "Councillor K J Wyatt JP"
    data["sign_off_dates"]["chair_hwb"] = "2013-07-01"
    with ReturnDocument.create(returns_dir / "a.stocktake", "Leicestershire", "Alice") as first:
        import_answers(first, data, tmp_path)
        dumped = dump_return(first)
    assert dumped["answers"]["1.4"]["evidence"] == [str(evidence)]
    with ReturnDocument.create(returns_dir / "b.stocktake", "Elsewhere", "Bob") as second:
        import_answers(second, dumped, Path("/"))
        assert dump_return(second) == dumped


def test_every_problem_is_listed_and_nothing_is_written(
    new_return: ReturnDocument, tmp_path: Path
) -> None:
    data = importable_seed()
    bad = copy.deepcopy(data)
    bad["answers"]["99.9"] = {"narrative": "x"}
    bad["answers"]["1.1"]["codes"] = [1, 2]
    bad["answers"]["2.1"]["codes"] = [42]
    bad["answers"]["4.5"]["evidence"] = ["missing.pdf"]
    bad["completed_by"]["shoe_size"] = "9"
    with pytest.raises(InterchangeError) as raised:
        import_answers(new_return, bad, tmp_path)
    problems = raised.value.problems
    assert any(p.startswith("99.9:") for p in problems)
    assert "1.1 codes: only one code may be chosen" in problems
    assert any(p.startswith("2.1 codes: 42 not in the list") for p in problems)
    assert "4.5 evidence: file not found: missing.pdf" in problems
    assert "completed_by.shoe_size: unknown field" in problems
    assert new_return.change_log() == []
    assert new_return.answer("1.1").narrative == ""


def test_wrong_types_are_reported_by_ref_and_field(
    new_return: ReturnDocument, tmp_path: Path
) -> None:
    bad = {
        "format": "stocktake-answers",
        "version": 1,
        "answers": {"1.1": {"codes": "3", "good_practice": "yes"}},
    }
    with pytest.raises(InterchangeError) as raised:
        import_answers(new_return, bad, tmp_path)
    assert raised.value.problems == [
        '1.1 codes: should be a list, not "3"',
        '1.1 good_practice: should be true or false, not "yes"',
    ]


def test_another_template_is_refused(new_return: ReturnDocument, tmp_path: Path) -> None:
    data = importable_seed() | {"template": "some-other-stocktake"}
    with pytest.raises(InterchangeError, match="some-other-stocktake"):
        import_answers(new_return, data, tmp_path)


def test_template_may_be_left_out(new_return: ReturnDocument, tmp_path: Path) -> None:
    data = {
        "format": "stocktake-answers",
        "version": 1,
        "answers": {"2.5": {"codes": [1], "narrative": "Yes"}},
    }
    import_answers(new_return, data, tmp_path)
    assert new_return.answer("2.5").narrative == "Yes"


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"format": "stocktake-answers",\n "answers": {,}}', encoding="utf-8")
    with pytest.raises(InterchangeError, match="line 2"):
        read_answers_file(path)


def test_thirty_thousand_character_answers_round_trip(returns_dir: Path, tmp_path: Path) -> None:
    data = importable_seed()
    for index, answer in enumerate(data["answers"].values()):
        answer["narrative"] = (f"Answer {index} – ąęß Ωμέγα 🎉 עברית " * 1000)[:30_000]
    with ReturnDocument.create(
        returns_dir / "big.stocktake", "Leicestershire", "Alice"
    ) as document:
        import_answers(document, data, tmp_path)
    with ReturnDocument.open(returns_dir / "big.stocktake", "Alice", read_only=True) as copy_:
        assert dump_return(copy_) == as_dumped(data)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
