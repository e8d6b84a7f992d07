"""The core never loads Qt or the views, whatever is imported (issue 9, part 5)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import stocktake_desktop

ROOT = Path(__file__).resolve().parents[2]


def core_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(stocktake_desktop.__path__, "stocktake_desktop.")
    )


def test_importing_every_core_module_loads_neither_qt_nor_the_views() -> None:
    modules = core_modules()
    assert len(modules) > 40  # the walk really found the core
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'shiboken6', 'ui', 'stocktake_desktop_ui'})\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_no_core_source_file_imports_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "stocktake_desktop").rglob("*.py")
        if any(
            line.lstrip().startswith(("import PySide6", "from PySide6", "from ui", "import ui"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
