"""The quicker form of PySide's per-import source check answers as PySide's own does."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from ui import pyside_source_check


@pytest.fixture
def feature() -> Iterator[ModuleType]:
    """PySide's support module, with its own check put back afterwards."""
    import PySide6.QtCore  # noqa: F401

    module = sys.modules[pyside_source_check.FEATURE_MODULE]
    original = getattr(module, pyside_source_check.CHECK_NAME)
    yield module
    setattr(module, pyside_source_check.CHECK_NAME, original)


def _module(folder: Path, name: str, text: str) -> ModuleType:
    (folder / f"{name}.py").write_text(text, encoding="utf-8")
    sys.path.insert(0, str(folder))
    try:
        __import__(name)  # as an import statement does (PySide watches those)
        return sys.modules[name]
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(name, None)


def test_the_pinned_pyside_has_the_check_it_replaces(feature: ModuleType) -> None:
    # fails on a PySide upgrade that renames it: look again at whether start-up needs this
    assert pyside_source_check.install()
    check = getattr(feature, pyside_source_check.CHECK_NAME)
    assert check.__module__ == pyside_source_check.__name__
    assert pyside_source_check.install()  # a second time changes nothing
    assert getattr(feature, pyside_source_check.CHECK_NAME) is check


def test_modules_imported_afterwards_are_told_apart_as_before(
    feature: ModuleType, tmp_path: Path
) -> None:
    original = getattr(feature, pyside_source_check.CHECK_NAME)
    uses = _module(tmp_path, "probe_uses_qt", "from PySide6.QtCore import QObject\n")
    plain = _module(tmp_path, "probe_plain", "VALUE = 'no Qt here'\n")
    assert (original(uses), original(plain)) == (True, False)
    assert pyside_source_check.install()
    quick = getattr(feature, pyside_source_check.CHECK_NAME)
    assert (quick(uses), quick(plain)) == (True, False)
    later = _module(tmp_path, "probe_later", "import PySide6  # a PySide6 user\n")
    assert feature.pyside_feature_dict["probe_later"] == 0  # as PySide marks its users
    assert quick(later)
    other = _module(tmp_path, "probe_later_plain", "X = 1\n")
    assert feature.pyside_feature_dict["probe_later_plain"] == -1
    assert not quick(other)


def test_a_module_without_a_source_file_goes_to_pysides_own_check(tmp_path: Path) -> None:
    asked: list[str] = []

    def fallback(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    assert not pyside_source_check.mentions_pyside(sys, fallback)  # built in
    assert asked == ["sys"]
    gone = _module(tmp_path, "probe_gone", "X = 'PySide6'\n")
    (tmp_path / "probe_gone.py").unlink()
    assert not pyside_source_check.mentions_pyside(gone, fallback)  # as getsource: no source
    assert asked == ["sys"]
