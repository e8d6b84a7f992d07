"""The app's log: a rotating file in the data folder, set up once by the entry point.

Nothing goes to stderr: ``pythonw`` on Windows throws it away, and the CLI keeps its one-line
errors. Modules log through ``logging.getLogger(__name__)``; only :func:`set_up_logging`
attaches a handler, so importing a module never changes where logs go.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from stocktake_desktop import paths

LOGGER_NAME = "stocktake_desktop"
LOG_FILE_NAME = "stocktake-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d %(threadName)s]: %(message)s"


def log_file() -> Path:
    return paths.logs_dir() / LOG_FILE_NAME


def set_up_logging(*, verbose: bool = False) -> Path | None:
    """Send the app's log records to the rotating log file; returns its path (None when the
    data folder cannot be written: the app still runs, without a log)."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()
    try:
        path = log_file()
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.propagate = False
    return path
