"""One command to set up and run Stocktake Desktop on Windows, macOS or Linux, without admin.

    python run.py            set up (first time) and start the app
    python run.py FILE       ... and open a return
    python run.py test       set up (first time) and run the checks and tests (pytest args follow)
    python run.py bench      set up and run the speed measurements in bench/
    python run.py upgrade    move the lock files to the newest allowed releases, on purpose:
                             kept only if the whole suite then passes
    python run.py build      freeze the app for this platform (PyInstaller, from
                             requirements-build.txt) and package it into dist/

The first run makes a private virtual environment in .venv and installs exactly the versions in
the lock files (requirements.txt for the app, requirements-test.txt for the tests), checking
every download against its hash; later runs reuse it (and reinstall when a lock file changes).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
APP_LOCK = ROOT / "requirements.txt"
TEST_LOCK = ROOT / "requirements-test.txt"
BUILD_LOCK = ROOT / "requirements-build.txt"
# The app's lock first; the others are resolved with its pins as constraints, so the app's
# packages are the same versions in every environment.
LOCKS = {
    APP_LOCK: (),
    TEST_LOCK: ("--extra", "test", "-c", APP_LOCK.name),
    BUILD_LOCK: ("--extra", "build", "-c", APP_LOCK.name),
}


def python_tag() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


def venv_dir() -> Path:
    """``.venv`` for the first Python that sets up here; other Pythons get ``.venv-3.X``."""
    default = ROOT / ".venv"
    config = default / "pyvenv.cfg"
    if not config.exists():
        return default
    for line in config.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key.strip() in {"version", "version_info"}:
            version = value.strip().split(".")
            if ".".join(version[:2]) == python_tag():
                return default
            return ROOT / f".venv-{python_tag()}"
    return default


def venv_python(folder: Path) -> Path:
    if os.name == "nt":
        return folder / "Scripts" / "python.exe"
    return folder / "bin" / "python"


def pins(lock: Path) -> set[str]:
    """The ``name==version`` lines of a lock file."""
    return {
        line.split(" ", 1)[0].split(";", 1)[0].strip().lower()
        for line in lock.read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith((" ", "#"))
    }


def ensure_environment(lock: Path, folder: Path | None = None) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py may be started by an older Python
        sys.exit(
            f"Stocktake Desktop needs Python 3.11 or newer (this is {sys.version.split()[0]})."
        )
    folder = folder or venv_dir()
    python = venv_python(folder)
    if not python.exists():
        print(f"Setting up Stocktake Desktop in {folder} (first run only).", flush=True)
        print("Making a private Python environment...", flush=True)
        venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(folder)
    stamp = folder / ".installed"
    installed = stamp.read_text(encoding="utf-8").split() if stamp.exists() else []
    if lock_hash(lock) not in installed:
        wanted = pins(lock)
        print(
            f"Installing {len(wanted)} pinned packages from {lock.name}, each checked against "
            "its hash (Qt is about 100 MB: a few minutes on a slow connection)...",
            flush=True,
        )
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--progress-bar",
                "on",
                "--require-hashes",
                "--no-deps",
                "--only-binary=:all:",
                "-r",
                str(lock),
            ],
            check=True,
        )
        # A lock whose pins are all installed now needs no install of its own (so the app and
        # the tests share one environment and switching between them installs nothing).
        done = [lock_hash(other) for other in LOCKS if pins(other) <= wanted]
        stamp.write_text(" ".join(sorted({*installed, *done})), encoding="utf-8")
        print("Set up.", flush=True)
    return python


def lock_hash(lock: Path) -> str:
    return hashlib.sha256(lock.read_bytes()).hexdigest()


def qt_env() -> dict[str, str]:
    return os.environ | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


def run_tests(python: Path, pytest_args: list[str]) -> int:
    print(f"Python {sys.version.split()[0]} ({python})", flush=True)
    steps = [
        [str(python), "-m", "ruff", "check", "."],
        [str(python), "-m", "ruff", "format", "--check", "."],
        [str(python), "-m", "mypy"],
        [str(python), "-m", "pytest", *pytest_args],
    ]
    for step in steps:
        print("$", " ".join(step[2:]), flush=True)
        result = subprocess.run(step, cwd=ROOT, env=qt_env())
        if result.returncode != 0:
            return result.returncode
    return 0


def upgrade() -> int:
    """Re-resolve the locks to the newest releases pyproject allows; keep them only if green."""
    saved = {lock: lock.read_bytes() for lock in LOCKS}
    with tempfile.TemporaryDirectory() as tools:
        venv.EnvBuilder(with_pip=True).create(tools)
        tool_python = venv_python(Path(tools))
        subprocess.run([str(tool_python), "-m", "pip", "install", "-q", "uv"], check=True)
        for lock, extras in LOCKS.items():
            subprocess.run(
                [
                    str(tool_python),
                    "-m",
                    "uv",
                    "pip",
                    "compile",
                    "pyproject.toml",
                    *extras,
                    "--universal",
                    "--generate-hashes",
                    "--upgrade",
                    "--python-version",
                    "3.11",
                    "--index-url",
                    "https://pypi.org/simple",
                    "--custom-compile-command",
                    "python3 run.py upgrade",
                    "-q",
                    "-o",
                    str(lock),
                ],
                cwd=ROOT,
                check=True,
            )
    status = run_tests(ensure_environment(TEST_LOCK), [])
    if status != 0:
        for lock, content in saved.items():
            lock.write_bytes(content)
        print("The suite failed on the new versions: the lock files are back as they were.")
        shutil.rmtree(venv_dir(), ignore_errors=True)
        return status
    print("The suite passed: commit the lock files (requirements*.txt).")
    return 0


def build() -> int:
    """Freeze the app with PyInstaller in its own environment, then package it into dist/.

    The environment (``.venv-build``, or ``.venv-build-3.X``) holds requirements-build.txt:
    PyInstaller and the app's own pins, which must be requirements.txt's exactly."""
    drifted = sorted(pins(APP_LOCK) - pins(BUILD_LOCK))
    if drifted:
        sys.exit(
            "requirements-build.txt does not pin the app's packages as requirements.txt does "
            f"({', '.join(drifted)}): re-lock it with\n  uv pip compile pyproject.toml --extra "
            "build -c requirements.txt --universal --generate-hashes --python-version 3.11 "
            "--index-url https://pypi.org/simple -o requirements-build.txt"
        )
    suffix = "" if venv_dir() == ROOT / ".venv" else f"-{python_tag()}"
    python = ensure_environment(BUILD_LOCK, ROOT / f".venv-build{suffix}")
    work = ROOT / "build" / "pyinstaller"
    spec = ROOT / "installers" / "stocktake-desktop.spec"
    freeze = [str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    print(f"$ pyinstaller {spec.relative_to(ROOT)}", flush=True)
    subprocess.run(
        [*freeze, "--distpath", str(work / "dist"), "--workpath", str(work / "work"), str(spec)],
        cwd=ROOT,
        check=True,
    )
    print("Packaging into dist/ ...", flush=True)
    package = [str(python), str(ROOT / "installers" / "package.py")]
    return subprocess.run([*package, str(work / "dist"), str(ROOT / "dist")], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "build":
        return build()
    if command == "test":
        return run_tests(ensure_environment(TEST_LOCK), argv[1:])
    if command == "upgrade":
        return upgrade()
    if command == "bench":
        python = ensure_environment(TEST_LOCK)
        for script in sorted((ROOT / "bench").glob("bench_*.py")):
            print(f"== {script.name}", flush=True)
            subprocess.run([str(python), str(script)], cwd=ROOT, env=qt_env(), check=False)
        return 0
    python = ensure_environment(APP_LOCK)
    return subprocess.run([str(python), str(ROOT / "main.py"), *argv], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
