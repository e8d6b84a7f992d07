"""``python main.py export``: pre-flight, draft versus final, warnings, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from stocktake_desktop import cli
from stocktake_desktop.document import ReturnDocument
from tests.helpers import build_seed_return, confirm_sign_offs, finish_seed

NHS_NUMBER = "943 476 5919"


@pytest.fixture(autouse=True)
def fresh_data(data_dir: Path) -> None:
    """Every test with its own data folder."""


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def complete_return(seed_return: Path) -> Path:
    with ReturnDocument.open(seed_return, "Alice") as document:
        finish_seed(document)
    return seed_return


def with_warning(path: Path) -> Path:
    with ReturnDocument.open(path, "Alice") as document:
        document.set_narrative("4.4", f"Register includes Mr X, NHS number {NHS_NUMBER}.")
        confirm_sign_offs(document)  # signed as it is: the warning is the personal data only
    return path


def zips(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.zip"))


def test_draft_export_of_an_incomplete_return(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_seed_return(tmp_path / "leics.stocktake", complete=False)
    assert cli.main(["export", str(path), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "3.5: no status code chosen" in text
    assert "Completion: no sign-off by the Chair of the Health and Wellbeing Board" in text
    assert "Draft exported:" in text
    assert len(zips(out)) == 1


def test_final_export_is_refused_while_items_are_missing(
    seed_return: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_return  # 3.5 has no code
    assert cli.main(["export", str(path), "--out", str(out), "--final", "--accept-warnings"]) == 1
    assert "Not ready for a final submission: 1 item must" in capsys.readouterr().out
    assert zips(out) == []


def test_final_export_needs_warnings_accepted(
    complete_return: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_warning(complete_return)
    assert cli.main(["export", str(complete_return), "--out", str(out), "--final"]) == 1
    text = capsys.readouterr().out
    assert "4.4: the assessment contains what looks like an NHS number (ending 5919)" in text
    assert "--accept-warnings" in text
    assert zips(out) == []
    with ReturnDocument.open(complete_return, "Alice", read_only=True) as document:
        assert document.submissions() == []
    # Warnings never block a draft.
    assert cli.main(["export", str(complete_return), "--out", str(out)]) == 0
    assert len(zips(out)) == 1
    code = cli.main(
        ["export", str(complete_return), "--out", str(out), "--final", "--accept-warnings"]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "Final submission exported:" in text
    assert "Submitted on " in text
    assert len(zips(out)) == 2
    with ReturnDocument.open(complete_return, "Alice", read_only=True) as document:
        assert [s.final for s in document.submissions()] == [False, True]


def test_final_export_without_warnings_needs_no_confirmation(
    complete_return: Path, out: Path
) -> None:
    assert cli.main(["export", str(complete_return), "--out", str(out), "--final"]) == 0


def test_email_limit_and_leaving_evidence_out(
    complete_return: Path, tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evidence = tmp_path / "scan.bin"
    evidence.write_bytes(bytes(range(256)) * 8192)  # 2 MB
    with ReturnDocument.open(complete_return, "Alice") as document:
        document.add_evidence("5.1", evidence)
    args = ["export", str(complete_return), "--out", str(out), "--email-limit", "1"]
    assert cli.main([*args, "--final"]) == 1  # over the limit is a warning to confirm
    text = capsys.readouterr().out
    assert "Bundle: the zip will be about 2.3 MB, over the 1.0 MB email limit" in text
    assert "leave the evidence out" in text
    assert cli.main([*args, "--final", "--leave-out-evidence"]) == 0
    text = capsys.readouterr().out
    assert "Evidence (2.0 MB) is left out, to send separately." in text
    assert "Not in the zip, send separately: evidence/5.1 scan.bin" in text
    assert zips(out)[0].stat().st_size < 1024 * 1024


def test_user_errors_exit_2(
    tmp_path: Path, seed_return: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_return
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    assert cli.main(["export", str(path), "--out", str(a_file)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert cli.main(["export", str(tmp_path / "absent.stocktake"), "--out", str(out)]) == 2
    assert cli.main(["export", str(path), "--out", str(out), "--email-limit", "0"]) == 2


def test_a_locked_return_still_exports_a_draft_but_not_a_final(
    complete_return: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ReturnDocument.open(complete_return, "Someone else"):
        assert cli.main(["export", str(complete_return), "--out", str(out)]) == 0
        assert "not recorded" in capsys.readouterr().out
        assert cli.main(["export", str(complete_return), "--out", str(out), "--final"]) == 2
    assert len(zips(out)) == 1


def test_check_reports_personal_data(
    complete_return: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_warning(complete_return)
    assert cli.main(["check", str(complete_return)]) == 0  # a warning does not make it unready
    text = capsys.readouterr().out
    assert "4.4: the assessment contains what looks like an NHS number" in text
    assert NHS_NUMBER not in text  # never echoed in full


def test_email_option_opens_the_mail_program(
    complete_return: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop.export import mailto

    launched: list[list[str]] = []
    monkeypatch.setattr(mailto.sys, "platform", "linux")
    monkeypatch.setattr(mailto.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(mailto, "spawn", launched.append)
    assert cli.main(["export", str(complete_return), "--out", str(out), "--email"]) == 0
    zip_path = zips(out)[0]
    assert launched[0][:4] == ["xdg-email", "--utf8", "--attach", str(zip_path)]
    assert launched[0][4].startswith("mailto:Sarah.Brown@local.gov.uk?subject=")
    assert launched[1] == ["xdg-open", str(out)]


def test_the_output_folder_is_made_when_missing(seed_return: Path, tmp_path: Path) -> None:
    out = tmp_path / "new" / "bundles"
    assert cli.main(["export", str(seed_return), "--out", str(out)]) == 0
    assert len(zips(out)) == 1


def test_a_read_only_return_still_exports_a_draft(
    seed_return: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_return.chmod(0o444)
    before = seed_return.read_bytes()
    try:
        assert cli.main(["export", str(seed_return), "--out", str(out)]) == 0
    finally:
        seed_return.chmod(0o644)
    printed = capsys.readouterr().out
    assert "Note: the return cannot be changed here" in printed
    assert "Email draft with the zip attached:" in printed
    assert seed_return.read_bytes() == before
    assert len(list(out.glob("*_DRAFT_*.zip"))) == 1
