"""One command to set up and run Stocktake Desktop on Windows, macOS or Linux, without admin.

    python run.py            set up (first time) and start the app
    python run.py FILE       ... and open a return
    python run.py test       set up (first time) and run the checks and tests
    python run.py bench      set up and run the speed measurements in bench/

The first run makes a private virtual environment in .venv and installs what the app needs into
it; later runs reuse it (and update it when pyproject.toml changes).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def ensure_environment(extras: str) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py may be started by an older Python
        sys.exit(
            f"Stocktake Desktop needs Python 3.11 or newer (this is {sys.version.split()[0]})."
        )
    if not venv_python().exists():
        print("Setting up Stocktake Desktop (first run only)...", flush=True)
        venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(VENV)
    python = venv_python()
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    installed = STAMP.read_text(encoding="utf-8").split() if STAMP.exists() else []
    if wanted not in installed:
        target = f"{ROOT}[{extras}]" if extras else str(ROOT)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "-q",
                "-e",
                target,
            ],
            check=True,
        )
        STAMP.write_text(" ".join([*installed, wanted]), encoding="utf-8")
    return python


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "test":
        python = ensure_environment("test")
        env = os.environ | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        steps = [
            [str(python), "-m", "ruff", "check", "."],
            [str(python), "-m", "ruff", "format", "--check", "."],
            [str(python), "-m", "mypy"],
            [str(python), "-m", "pytest", *argv[1:]],
        ]
        for step in steps:
            print("$", " ".join(step[2:]), flush=True)
            result = subprocess.run(step, cwd=ROOT, env=env)
            if result.returncode != 0:
                return result.returncode
        return 0
    if command == "bench":
        python = ensure_environment("test")
        env = os.environ | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        for script in sorted((ROOT / "bench").glob("bench_*.py")):
            print(f"== {script.name}", flush=True)
            subprocess.run([str(python), str(script)], cwd=ROOT, env=env, check=False)
        return 0
    python = ensure_environment("")
    return subprocess.run([str(python), str(ROOT / "main.py"), *argv], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
