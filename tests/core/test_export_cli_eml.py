"""``python main.py export`` writes the email draft beside the zip, as the app does."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from stocktake_desktop import cli
from stocktake_desktop.document import ReturnDocument
from tests.helpers import finish_seed


@pytest.fixture(autouse=True)
def fresh_data(data_dir: Path) -> None:
    """Every test with its own data folder."""


def test_cli_export_writes_the_email_draft_beside_the_zip(
    seed_return: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ReturnDocument.open(seed_return, "Alice") as document:
        finish_seed(document)
    out = tmp_path / "out"
    assert cli.main(["export", str(seed_return), "--out", str(out), "--final"]) == 0
    (zip_path,) = out.glob("*.zip")
    (draft,) = out.glob("*.eml")
    assert draft.stem == zip_path.stem == "WV-Stocktake-2013_Leicestershire_" + zip_path.stem[-10:]
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["To"] == "Sarah.Brown@local.gov.uk" and message["X-Unsent"] == "1"
    (attachment,) = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert attachment.get_filename() == zip_path.name
    assert attachment.get_content() == zip_path.read_bytes()
    assert str(zip_path) in capsys.readouterr().out


def test_cli_draft_export_names_say_draft(seed_return: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli.main(["export", str(seed_return), "--out", str(out)]) == 0
    names = sorted(path.name for path in out.iterdir())
    assert len(names) == 3 and all("_DRAFT_" in name for name in names), names
