"""pyproject.toml lists every package folder, so a new one cannot be left out of the wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _installed_name(folder: Path) -> str:
    parts = folder.relative_to(ROOT).parts
    top = {"stocktake_desktop": "stocktake_desktop", "ui": "stocktake_desktop_ui"}[parts[0]]
    return ".".join((top, *parts[1:]))


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        _installed_name(init.parent)
        for top in ("stocktake_desktop", "ui")
        for init in (ROOT / top).rglob("__init__.py")
    }
    missing = sorted(found - listed)
    assert not missing, f"pyproject.toml's packages leave out {missing}"
    assert "stocktake_desktop.document" in found  # the scan itself found the tree
