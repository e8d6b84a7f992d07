"""Where Stocktake Desktop keeps its own files (never the user's returns)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from stocktake_desktop import APP_ID

#: Set this environment variable to move every app folder (used by tests and portable installs).
DATA_DIR_ENV = "STOCKTAKE_DATA_DIR"


def data_dir() -> Path:
    """The per-user data folder: working copies, backups and settings live below it."""
    override = os.environ.get(DATA_DIR_ENV)
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def working_dir() -> Path:
    """Private working copies of open returns."""
    return _sub("working")


def backups_dir() -> Path:
    """Rolling backups of each return (the last ten are kept)."""
    return _sub("backups")


def settings_dir() -> Path:
    return _sub("settings")


def opened_evidence_dir() -> Path:
    """Private copies of evidence kept in a return, written out to be opened."""
    return _sub("opened-evidence")


def logs_dir() -> Path:
    """The rotating log (see :mod:`stocktake_desktop.logs`)."""
    return _sub("logs")


def documents_dir() -> Path:
    """The default folder for new returns."""
    return Path(platformdirs.user_documents_dir())


def _sub(name: str) -> Path:
    path = data_dir() / name
    path.mkdir(parents=True, exist_ok=True)
    return path
