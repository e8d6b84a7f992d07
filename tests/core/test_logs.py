"""The rotating log: set up only by the entry point, written at the save and open boundaries."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from stocktake_desktop import logs

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_core_attaches_no_handler() -> None:
    code = (
        "import logging, stocktake_desktop.document, stocktake_desktop.cli, "
        "stocktake_desktop.interchange\n"
        "print(len(logging.getLogger('stocktake_desktop').handlers), "
        "len(logging.getLogger().handlers))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0", "0"]


def test_commands_log_opening_saving_and_recovery_to_the_file(
    returns_dir: Path, data_dir: Path
) -> None:
    path = returns_dir / "logged.stocktake"
    env = os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir)}
    run = [sys.executable, str(ROOT / "main.py")]
    subprocess.run([*run, "new", str(path), "--locality", "Rutland"], env=env, check=True)
    stale = returns_dir / ".logged.stocktake.999999.saving"
    stale.write_bytes(b"left by a kill")
    answers = returns_dir / "answers.json"
    answers.write_text(
        '{"format": "stocktake-answers", "version": 1, "answers": {"1.1": {"narrative": "Hi"}}}',
        encoding="utf-8",
    )
    result = subprocess.run(
        [*run, "import", str(path), str(answers), "--as", "Alice"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # the log goes to its file, never to the console
    text = (data_dir / "logs" / logs.LOG_FILE_NAME).read_text(encoding="utf-8")
    assert f"opened {path} for editing by Alice" in text
    assert f"removed {stale}, left by a save that never finished" in text


def test_the_log_rotates(data_dir: Path) -> None:
    path = logs.set_up_logging()
    try:
        assert path is not None
        logger = logging.getLogger("stocktake_desktop.test")
        for _ in range(logs.MAX_BYTES // 100 * 3):
            logger.info("x" * 100)
        assert path.stat().st_size <= logs.MAX_BYTES
        assert path.with_name(path.name + ".1").exists()
    finally:
        for handler in list(logging.getLogger(logs.LOGGER_NAME).handlers):
            logging.getLogger(logs.LOGGER_NAME).removeHandler(handler)
            handler.close()
