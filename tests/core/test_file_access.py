"""Where a return lives: links, read-only files and folders, long names, not a file at all.
Each is either handled safely or refused with one clear sentence (journals:
test_leftover_journals.py)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from stocktake_desktop.document import (
    LockedError,
    NotAReturnError,
    ReturnDocument,
    StorageError,
    access,
)
from stocktake_desktop.document.errors import NameTooLongError, ReadOnlyFileError
from stocktake_desktop.document.files import replace_with_retries
from stocktake_desktop.document.lock import lock_path_for
from tests.helpers import cli, listing, make

ROOT = Path(__file__).resolve().parents[2]


def narrative_of(path: Path) -> str:
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        return document.answer("1.1").narrative


# --------------------------------------------------------------------- symbolic links
def test_a_save_through_a_link_writes_the_real_file_and_keeps_the_link(returns_dir: Path) -> None:
    (returns_dir / "shared").mkdir()
    real = make(returns_dir / "shared" / "leics.stocktake")
    link = returns_dir / "desktop.stocktake"
    link.symlink_to(real)
    with ReturnDocument.open(link, "Bob") as document:
        assert document.path == real
        assert lock_path_for(link) == lock_path_for(real)
        assert lock_path_for(real).exists()
        assert not (returns_dir / "desktop.stocktake.lock").exists()
        document.set_narrative("1.1", "Saved through the link")
        document.publish()
    assert link.is_symlink() and link.resolve() == real
    assert narrative_of(real) == "Saved through the link"
    assert listing(returns_dir) == ["desktop.stocktake", "shared"]
    assert listing(real.parent) == ["leics.stocktake"]


def test_a_second_writer_through_a_link_is_refused(returns_dir: Path) -> None:
    real = make(returns_dir / "leics.stocktake")
    link = returns_dir / "link.stocktake"
    link.symlink_to(real.name)  # a relative link
    with (
        ReturnDocument.open(real, "Alice"),
        pytest.raises(LockedError, match="being edited by Alice"),
    ):
        ReturnDocument.open(link, "Bob")
    with (
        ReturnDocument.open(link, "Bob"),
        pytest.raises(LockedError, match="being edited by Bob"),
    ):
        ReturnDocument.open(real, "Alice")


def test_replacing_a_link_replaces_the_file_it_points_to(returns_dir: Path) -> None:
    target = returns_dir / "target.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = returns_dir / "link.txt"
    link.symlink_to(target)
    new = returns_dir / "new.txt"
    new.write_bytes(b"new")
    replace_with_retries(new, link)
    assert link.is_symlink()
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_return_is_never_made_through_a_dangling_link(returns_dir: Path) -> None:
    link = returns_dir / "new.stocktake"
    link.symlink_to(returns_dir / "elsewhere.stocktake")
    with pytest.raises(NotAReturnError, match="already exists"):
        ReturnDocument.create(link, "Rutland", "Alice")
    assert link.is_symlink() and not (returns_dir / "elsewhere.stocktake").exists()


# --------------------------------------------------------------------- hard links
def test_a_file_with_two_names_opens_only_read_only(returns_dir: Path) -> None:
    path = make(returns_dir / "leics.stocktake")
    os.link(path, returns_dir / "copy.stocktake")
    before = path.read_bytes()
    with pytest.raises(ReadOnlyFileError) as raised:
        ReturnDocument.open(path, "Bob")
    assert str(raised.value) == (
        "leics.stocktake has 2 names on this disk (hard links), so saving it would leave the "
        "other names with the old version; it can be opened read-only, or copied to a new "
        "file to edit it."
    )
    assert listing(returns_dir) == ["copy.stocktake", "leics.stocktake"]  # no lock left
    with ReturnDocument.open(path, "Bob", read_only=True) as document:
        assert document.answer("1.1").narrative == "Board minutes"
    assert path.read_bytes() == before
    assert path.stat().st_nlink == 2


# --------------------------------------------------------------------- read-only file or folder
@pytest.fixture
def read_only_file(returns_dir: Path) -> Iterator[Path]:
    path = make(returns_dir / "leics.stocktake")
    path.chmod(0o444)
    yield path
    path.chmod(0o644)


@pytest.fixture
def read_only_folder(returns_dir: Path) -> Iterator[Path]:
    folder = returns_dir / "archive"
    folder.mkdir()
    path = make(folder / "leics.stocktake")
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)


def test_a_read_only_file_is_refused_for_editing_and_opens_read_only(
    read_only_file: Path,
) -> None:
    before = read_only_file.read_bytes()
    with pytest.raises(ReadOnlyFileError) as raised:
        ReturnDocument.open(read_only_file, "Bob")
    assert str(raised.value) == (
        "leics.stocktake is a read-only file, so it can only be opened read-only."
    )
    assert listing(read_only_file.parent) == ["leics.stocktake"]
    with ReturnDocument.open(read_only_file, "Bob", read_only=True) as document:
        assert document.read_only and document.answer("1.1").narrative == "Board minutes"
    assert read_only_file.read_bytes() == before
    assert stat.S_IMODE(read_only_file.stat().st_mode) == 0o444  # never made writable


def test_a_read_only_folder_is_refused_for_editing_and_opens_read_only(
    read_only_folder: Path,
) -> None:
    with pytest.raises(ReadOnlyFileError) as raised:
        ReturnDocument.open(read_only_folder, "Bob")
    assert str(raised.value) == (
        f"The folder {read_only_folder.parent} is read-only, so leics.stocktake can only be "
        "opened read-only (saving writes a new copy beside it)."
    )
    with ReturnDocument.open(read_only_folder, "Bob", read_only=True) as document:
        assert document.locality == "Rutland"
    with pytest.raises(StorageError, match="is read-only, so a new return cannot be made there"):
        ReturnDocument.create(read_only_folder.parent / "new.stocktake", "Rutland", "Bob")
    assert listing(read_only_folder.parent) == ["leics.stocktake"]


@pytest.mark.parametrize("where", ["read_only_file", "read_only_folder"])
def test_reading_commands_work_on_a_read_only_return(
    where: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    path: Path = request.getfixturevalue(where)
    before = path.read_bytes()
    assert cli("info", str(path)) == 0
    assert "Locality: Rutland" in capsys.readouterr().out
    assert cli("dump", str(path)) == 0
    assert '"narrative": "Board minutes"' in capsys.readouterr().out
    assert cli("check", str(path)) == 1  # not ready to submit, but read
    assert "Not ready to submit" in capsys.readouterr().out
    assert path.read_bytes() == before
    assert listing(path.parent) == ["leics.stocktake"]


def test_saving_keeps_the_file_permissions(returns_dir: Path) -> None:
    path = make(returns_dir / "leics.stocktake")
    path.chmod(0o600)
    with ReturnDocument.open(path, "Bob") as document:
        document.set_narrative("1.1", "Private")
    assert narrative_of(path) == "Private"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --------------------------------------------------------------------- long names and paths
def test_a_name_of_240_characters_is_refused_before_any_lock(returns_dir: Path) -> None:
    name = "L" * 230 + ".stocktake"
    with pytest.raises(NameTooLongError) as raised:
        ReturnDocument.create(returns_dir / name, "Rutland", "Alice")
    assert isinstance(raised.value, StorageError)
    assert str(raised.value) == (
        f"The name {name[:40]}… is too long: Stocktake Desktop needs names of at most 231 bytes "
        "(a letter outside A to Z may take two or more) (this one has 240) so that its lock "
        "and save files fit beside the return; please choose a shorter name."
    )
    assert listing(returns_dir) == []


def test_an_existing_long_named_return_opens_read_only_and_leaves_no_lock(
    returns_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = make(returns_dir / "short.stocktake")
    path = returns_dir / ("L" * 240 + ".stocktake")
    path.write_bytes(source.read_bytes())
    source.unlink()
    with pytest.raises(NameTooLongError, match="needs names of at most 231 bytes"):
        ReturnDocument.open(path, "Bob")
    assert listing(returns_dir) == [path.name]
    with ReturnDocument.open(path, "Bob", read_only=True) as document:
        assert document.locality == "Rutland"
    assert cli("info", str(path)) == 0
    assert "Locality: Rutland" in capsys.readouterr().out


def test_a_path_beyond_windows_limit_is_refused_on_windows(
    returns_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "WINDOWS", True)
    folder = returns_dir / ("d" * 60) / ("e" * 60) / ("f" * 60)
    folder.mkdir(parents=True)
    path = folder / "leics.stocktake"
    needed = len(str(path.absolute())) + access.SIBLING_ROOM
    assert needed > 259
    with pytest.raises(NameTooLongError) as raised:
        ReturnDocument.create(path, "Rutland", "Alice")
    assert str(raised.value) == (
        "The full path of leics.stocktake is too long for Windows: paths can have at most 259 "
        f"characters and, with the lock and save files beside it, this one needs {needed}; "
        "please move it to a folder with a shorter path."
    )
    assert listing(folder) == []


# --------------------------------------------------------------------- not a file at all
def test_a_pipe_named_like_a_return_is_refused_without_waiting(returns_dir: Path) -> None:
    pipe = returns_dir / "leics.stocktake"
    os.mkfifo(pipe)
    for read_only in (False, True):
        with pytest.raises(NotAReturnError, match="is not a file"):
            ReturnDocument.open(pipe, "Bob", read_only=read_only)
    assert listing(returns_dir) == ["leics.stocktake"]
