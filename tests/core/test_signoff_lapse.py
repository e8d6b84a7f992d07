"""Sign-off that stays honest: a sign-off made before later changes lapses (issue 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stocktake_desktop import cli
from stocktake_desktop.document import AnswerError, ReturnDocument
from stocktake_desktop.export.preflight import run_preflight
from stocktake_desktop.readiness import Severity, check_readiness

ROLES = ("chair_hwb", "la_chief_executive", "ccg_rep")


def signed_return(path: Path) -> Path:
    """The seed return, complete (3.5 given a code) and signed by all three as it is now."""
    with ReturnDocument.open(path, "Alice") as document:
        document.set_codes("3.5", [1])
        document.set_sign_off("chair_hwb", date="2013-06-28")
        for role in ROLES[1:]:
            document.confirm_sign_off(role)
    return path


def test_changes_after_a_sign_off_make_it_lapse(
    seed_return: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = signed_return(seed_return)
    assert cli.main(["check", str(path)]) == cli.EXIT_OK
    assert "Ready to submit." in capsys.readouterr().out

    with ReturnDocument.open(path, "Bob") as document:
        document.set_narrative("9.1", "Changed after the sign-off.")
        document.set_codes("4.5", [2])
        document.set_good_practice("6.2", not document.answer("6.2").good_practice)
        document.set_narrative("1.1", document.answer("1.1").narrative + " Briefly.")
        document.set_narrative("1.1", document.answer("1.1").narrative.removesuffix(" Briefly."))
        lapses = document.lapsed_sign_offs()
        assert [lapse.role for lapse in lapses] == list(ROLES)
        assert lapses[0].refs == ("4.5", "6.2", "9.1")  # 1.1 is back as it was
        assert lapses[0].changes[2].fields[0].after == "Changed after the sign-off."
        items = [i for i in check_readiness(document) if i.kind == "sign_off_lapsed"]
    assert items[0].severity is Severity.WARNING
    assert items[0].line() == (
        "Completion: Chair of the Health and Wellbeing Board signed on 28 June 2013; "
        "3 answers changed since (4.5, 6.2, 9.1) (warning)"
    )

    assert cli.main(["check", str(path)]) == cli.EXIT_NOT_READY
    out = capsys.readouterr().out
    assert "Chair of the Health and Wellbeing Board signed on 28 June 2013" in out
    assert "(4.5, 6.2, 9.1)" in out
    assert "confirm it again" in out


def test_confirming_again_sets_todays_date_and_clears_the_lapse(seed_return: Path) -> None:
    path = signed_return(seed_return)
    with ReturnDocument.open(path, "Bob") as document:
        document.set_narrative("4.5", "Changed.")
        assert len(document.lapsed_sign_offs()) == 3
        today = date.today().isoformat()
        assert document.confirm_sign_off("la_chief_executive") == today  # already today
        assert document.sign_off()["la_chief_executive"][1] == today
        assert [lapse.role for lapse in document.lapsed_sign_offs()] == ["chair_hwb", "ccg_rep"]
        with pytest.raises(AnswerError, match="Unknown sign-off role"):
            document.confirm_sign_off("mayor")


def test_a_lapsed_sign_off_is_a_warning_a_final_export_must_confirm(
    seed_return: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = signed_return(seed_return)
    with ReturnDocument.open(path, "Bob") as document:
        document.set_narrative("4.5", "Changed.")
        preflight = run_preflight(document)
        assert preflight.ready  # not a blocker: a draft is never stopped
        assert any(item.kind == "sign_off_lapsed" for item in preflight.warnings)
    out = tmp_path / "out"
    out.mkdir()
    assert cli.main(["export", str(path), "--out", str(out), "--final"]) == cli.EXIT_NOT_READY
    assert "4.5" in capsys.readouterr().out
    assert not list(out.iterdir())


def test_an_unsigned_role_and_a_new_return_have_no_lapse(new_return: ReturnDocument) -> None:
    new_return.set_narrative("1.1", "Text")
    assert new_return.lapsed_sign_offs() == []
    with pytest.raises(AnswerError, match="once the signatory is named"):
        new_return.confirm_sign_off("chair_hwb")
    new_return.set_sign_off("chair_hwb", name="Cllr K Wyatt")
    new_return.set_narrative("1.1", "Text changed")
    lapse = new_return.lapsed_sign_offs()[0]
    assert (lapse.role, lapse.date, lapse.refs) == ("chair_hwb", "", ("1.1",))
    item = next(i for i in check_readiness(new_return) if i.kind == "sign_off_lapsed")
    assert item.message == (
        "Chair of the Health and Wellbeing Board signed; 1 answer changed since (1.1)"
    )
