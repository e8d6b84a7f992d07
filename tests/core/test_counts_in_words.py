"""Counts read as English: "1 item", "2 items", never "item(s)" — in ``check``, the export's
refusal, the submitted line, the covering note and a refused answers file."""

from __future__ import annotations

import json
from pathlib import Path

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.mailto import handoff_body
from stocktake_desktop.export.preflight import refusal, run_preflight
from stocktake_desktop.export.status import submission_status
from stocktake_desktop.interchange import InterchangeError
from tests.helpers import confirm_sign_offs, export_return, run_cli


def _check(path: Path) -> list[str]:
    code, out, _err = run_cli("check", path)
    assert code == 1
    return out.splitlines()


def test_check_counts_one_item_and_two_items(seed_return: Path) -> None:
    lines = _check(seed_return)
    assert lines[-2:] == ["3.5: no status code chosen", "Not ready to submit: 1 item to complete."]
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.set_narrative("1.1", "")
    lines = _check(seed_return)
    assert "Not ready to submit: 2 items to complete." in lines
    assert not [line for line in lines if "(s)" in line]


def test_the_final_exports_refusal_counts_items_and_warnings(seed_return: Path) -> None:
    with ReturnDocument.open(seed_return, "Alice") as document:
        one = refusal(run_preflight(document), final=True, accept_warnings=False)
        document.set_narrative("1.1", "")
        two = refusal(run_preflight(document), final=True, accept_warnings=False)
        document.set_narrative("1.1", "Minutes at family@gmail.com")
        document.set_narrative("1.2", "Ring carer@gmail.com")
        document.set_codes("3.5", [2])
        confirm_sign_offs(document)  # signed as it is now: only the two addresses warn
        warned = refusal(run_preflight(document), final=True, accept_warnings=False)
    assert one.startswith("Not ready for a final submission: 1 item must be completed first.")
    assert two.startswith("Not ready for a final submission: 2 items must be completed first.")
    assert warned.startswith("2 warnings to check before a final submission.")


def test_changes_since_a_submission_are_counted(seed_return: Path, tmp_path: Path) -> None:
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.set_codes("3.5", [2])
        confirm_sign_offs(document)
    export_return(seed_return, tmp_path / "final", final=True)
    with ReturnDocument.open(seed_return, "Bob") as document:
        document.set_narrative("1.1", "Edited after submission")
        assert submission_status(document).endswith("; 1 change since, which the next export lists")
        document.set_narrative("1.2", "This one too")
        assert submission_status(document).endswith(
            "; 2 changes since, which the next export lists"
        )


def test_the_covering_note_counts_evidence_sent_separately() -> None:
    def body(separately: tuple[str, ...]) -> str:
        return handoff_body("Rutland", "x.zip", "abc", ["x"], final=False, separately=separately)

    assert "\n1 evidence file will be sent separately.\n" in body(("a.pdf",))
    assert "\n2 evidence files will be sent separately.\n" in body(("a.pdf", "b.pdf"))


def test_a_refused_answers_file_counts_its_problems(tmp_path: Path) -> None:
    assert "(1 problem): " in str(InterchangeError("a.json", ["1.1: bad"]))
    assert "(2 problems): " in str(InterchangeError("a.json", ["1.1: bad", "1.2: bad"]))
    target = tmp_path / "rutland.stocktake"
    ReturnDocument.create(target, "Rutland", "Jo").close()
    answers = tmp_path / "answers.json"
    data = {"format": "stocktake-answers", "version": 1, "answers": {}, "shoe": 1, "hat": 2}
    answers.write_text(json.dumps(data), encoding="utf-8")
    _code, _out, err = run_cli("import", target, answers)
    assert "unknown fields " in err and "(s)" not in err
