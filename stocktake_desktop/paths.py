"""Where Stocktake Desktop keeps its own files (never the user's returns)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from stocktake_desktop import APP_ID, APP_NAME

#: Set this environment variable to move every app folder (used by tests and portable installs).
DATA_DIR_ENV = "STOCKTAKE_DATA_DIR"


class DataFolderError(OSError):
    """The app's data folder cannot be made or written (its message says what to do)."""

    def __str__(self) -> str:
        return " ".join(str(self.strerror).split())


def cannot_write(folder: object, error: OSError) -> str:
    """The sentence for a data folder that cannot be written, and what to do about it."""
    return (
        f"{APP_NAME} cannot write to its data folder, {folder} ({error.strerror or error}). "
        "It keeps the private working copies of open returns there, so it cannot open or save "
        "a return without it.\n\nAsk your IT team to let you write to that folder, which must "
        "be on this computer (in Local AppData on Windows), not on a network drive; or set "
        f"{DATA_DIR_ENV} to a folder on this computer that you can write to."
    )


def data_dir() -> Path:
    """The per-user data folder: working copies, backups and settings live below it."""
    override = os.environ.get(DATA_DIR_ENV)
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    _make(base)
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
    """The default folder for new returns: the Documents folder if it is there or can be made
    (a new account may not have one yet; :func:`ready_folder` makes it), else the home
    folder."""
    folder = Path(platformdirs.user_documents_dir())
    return folder if _can_make(folder) else Path.home()


def ready_folder(folder: Path) -> Path:
    """``folder`` made if it is missing, so a file dialog opens in it (one opened on a folder
    that does not exist shows the working directory instead); the home folder if it cannot
    be made after all."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return folder


def _can_make(folder: Path) -> bool:
    """``folder`` is there, or the nearest folder above it that is there can be written."""
    for above in (folder, *folder.parents):
        if above.exists():
            return above.is_dir() and (above == folder or os.access(above, os.W_OK | os.X_OK))
    return False


def _sub(name: str) -> Path:
    path = data_dir() / name
    _make(path)
    return path


def _make(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except DataFolderError:
        raise
    except OSError as error:
        raise DataFolderError(
            error.errno, cannot_write(error.filename or folder, error), str(folder)
        ) from error
