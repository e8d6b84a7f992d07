"""The folder for new returns: the Documents folder even before it exists (asking makes
nothing; a file dialog's ready_folder makes it), the home folder when it cannot be made."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from stocktake_desktop import paths


def test_a_missing_documents_folder_is_named_and_made_only_when_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "home" / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    assert paths.documents_dir() == documents
    assert not documents.exists()
    assert paths.ready_folder(documents) == documents
    assert documents.is_dir()
    assert paths.ready_folder(documents) == documents  # already there: left as it is


def test_a_documents_folder_that_cannot_be_made_gives_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(blocked / "Documents"))
    assert paths.documents_dir() == tmp_path
    assert paths.ready_folder(blocked / "Documents") == tmp_path
