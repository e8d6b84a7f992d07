"""The built wheel is self-contained: installed into a fresh environment outside the checkout,
its ``stocktake-desktop`` command makes, fills and exports a return, and opens the window
(issue 9, part 1). Slow: it makes a virtual environment and installs the pinned packages into
it (about a minute, most of it Qt; longer when pip's cache is cold)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _bin(env_dir: Path, name: str) -> Path:
    if os.name == "nt":
        return env_dir / "Scripts" / (f"{name}.exe")
    return env_dir / "bin" / name


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from the checkout with the locked setuptools (no downloads)."""
    wheels = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*build, "-w", str(wheels), str(ROOT)], check=True, cwd=wheels)
    [built] = wheels.glob("stocktake_desktop-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with only the pinned app packages and the wheel installed."""
    env_dir = tmp_path_factory.mktemp("wheel") / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = _bin(env_dir, "python")
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "--require-hashes", "--no-deps", "-r", str(ROOT / "requirements.txt")], check=True
    )
    subprocess.run([*pip, "--no-deps", str(wheel)], check=True)
    return env_dir


def _run(env_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH"}}
    env |= {"QT_QPA_PLATFORM": "offscreen", "STOCKTAKE_DATA_DIR": str(cwd / "appdata")}
    return subprocess.run(
        [str(_bin(env_dir, "stocktake-desktop")), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def test_the_wheel_holds_no_generic_top_level_names_and_carries_its_resources(
    wheel: Path,
) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        text = archive.read(entry_points).decode()
    tops = {name.split("/", 1)[0] for name in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {
        "stocktake_desktop",
        "stocktake_desktop_ui",
    }
    assert "stocktake_desktop/resources/templates/wv-jip-stocktake-2013.json" in names
    assert "stocktake_desktop/resources/fonts/DejaVuSans.ttf" in names
    assert "stocktake_desktop/resources/icons/stocktake-desktop.png" in names
    assert "stocktake_desktop/resources/schemas/stocktake-answers.schema.json" in names
    assert "stocktake-desktop = stocktake_desktop_ui.launch:main" in text
    assert "stocktake-desktop-window = stocktake_desktop_ui.launch:main_windowed" in text


def test_the_installed_command_works_from_another_folder(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "somewhere-else"
    work.mkdir()
    version = _run(installed, work, "--version")
    assert version.returncode == 0 and version.stdout.startswith("Stocktake Desktop "), version
    made = _run(installed, work, "new", "rutland.stocktake", "--locality", "Rutland")
    assert made.returncode == 0, made.stderr
    (work / "minutes.txt").write_text("Board minutes", encoding="utf-8")
    answers = {
        "format": "stocktake-answers",
        "version": 1,
        "answers": {"1.1": {"codes": [1], "narrative": "Joint board", "evidence": ["minutes.txt"]}},
    }
    (work / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    imported = _run(installed, work, "import", "rutland.stocktake", "answers.json", "--as", "Al")
    assert imported.returncode == 0, imported.stderr
    exported = _run(installed, work, "export", "rutland.stocktake", "--out", "bundle")
    assert exported.returncode == 0, exported.stderr
    [bundle] = (work / "bundle").glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        assert any(name.endswith("minutes.txt") for name in archive.namelist())
        pdf = next(name for name in archive.namelist() if name.endswith(".pdf"))
        assert archive.read(pdf).startswith(b"%PDF")  # the fonts came from the package


def test_the_installed_package_is_the_one_running(installed: Path, tmp_path: Path) -> None:
    code = (
        "import importlib.util, stocktake_desktop, stocktake_desktop_ui.launch\n"
        "from stocktake_desktop.resource_files import resources_dir\n"
        "print(stocktake_desktop.__file__)\n"
        "print(resources_dir())\n"
        "print(importlib.util.find_spec('ui'), importlib.util.find_spec('resources'))\n"
    )
    result = subprocess.run(
        [str(_bin(installed, "python")), "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        check=True,
    )
    package, resources, specs = result.stdout.splitlines()
    assert Path(package).is_relative_to(installed)
    assert Path(resources).is_relative_to(installed)
    assert specs == "None None"


def test_the_installed_app_opens_its_window(installed: Path, tmp_path: Path) -> None:
    made = _run(installed, tmp_path, "new", "shown.stocktake", "--locality", "Rutland")
    assert made.returncode == 0, made.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env |= {
        "QT_QPA_PLATFORM": "offscreen",
        "STOCKTAKE_DATA_DIR": str(tmp_path / "appdata"),
        "STOCKTAKE_BENCH_EXIT_AFTER_SHOWN": "1",  # close after the first paint
    }
    shown = subprocess.run(
        [str(_bin(installed, "stocktake-desktop")), "shown.stocktake", "--as", "Al"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert "Traceback" not in shown.stderr
