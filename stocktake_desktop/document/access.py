"""Whether a return can be edited where it is: its name, its file and its folder.

Each check only looks (``stat``); nothing is written, so a refusal leaves no lock behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from stocktake_desktop.document import journals
from stocktake_desktop.document.checks import reason
from stocktake_desktop.document.errors import (
    NameTooLongError,
    NotAReturnError,
    ReadOnlyFileError,
    StorageError,
)

#: Room for the longest name the app writes beside a return (``.NAME.PID.saving``, a lock's
#: temporary file): a return's name may be this much shorter than the system's limit.
SIBLING_ROOM = 24
#: A file name may have 255 characters on Windows (UTF-16 units) and 255 bytes elsewhere.
NAME_MAX = 255
NAME_LIMIT = NAME_MAX - SIBLING_ROOM
#: Windows' MAX_PATH less its terminating NUL; other systems allow 4095 bytes.
WINDOWS_PATH_MAX = 259
POSIX_PATH_MAX = 4095
#: Whether Windows' limits apply (tests switch it on to check them on other systems).
WINDOWS = os.name == "nt"


def check_name(path: Path, *, creating: bool = False) -> None:
    """Refuse a name or path too long for the app's lock and save files beside it."""
    name = path.name
    shown = name if len(name) <= 40 else name[:40] + "…"
    units = _length(name)
    if units > NAME_LIMIT:
        unit = "characters" if WINDOWS else "bytes (a letter outside A to Z may take two or more)"
        advice = "please choose a shorter name" if creating else "please rename it to edit it"
        raise NameTooLongError(
            f"The name {shown} is too long: Stocktake Desktop needs names of at most "
            f"{NAME_LIMIT} {unit} (this one has {units}) so that its lock and save files fit "
            f"beside the return; {advice}."
        )
    full = _length(str(path.absolute())) + SIBLING_ROOM
    limit = WINDOWS_PATH_MAX if WINDOWS else POSIX_PATH_MAX
    if full > limit:
        where = "for Windows" if WINDOWS else "for this computer"
        raise NameTooLongError(
            f"The full path of {shown} is too long {where}: paths can have at most {limit} "
            f"characters and, with the lock and save files beside it, this one needs {full}; "
            "please move it to a folder with a shorter path."
        )


def check_editable(path: Path) -> None:
    """Refuse (offering read-only) a file that is read-only, in a read-only folder, or has
    several names; ``path`` is the real file (links already followed)."""
    check_name(path)
    name = path.name
    try:
        info = path.stat()
    except FileNotFoundError:  # recovering unsaved work into a file that has gone
        info = None
    except OSError as error:
        raise StorageError(f"{name} cannot be opened for editing: {reason(error)}.") from error
    if info is not None and info.st_nlink > 1:
        raise ReadOnlyFileError(
            f"{name} has {info.st_nlink} names on this disk (hard links), so saving it would "
            "leave the other names with the old version; it can be opened read-only, or copied "
            "to a new file to edit it."
        )
    if info is not None and not _file_writable(path, info):
        raise ReadOnlyFileError(f"{name} is a read-only file, so it can only be opened read-only.")
    if not _folder_writable(path.parent):
        raise ReadOnlyFileError(
            f"The folder {path.parent} is read-only, so {name} can only be opened read-only "
            "(saving writes a new copy beside it)."
        )


def check_creatable(path: Path) -> None:
    """Refuse a new return whose name is taken or too long, or whose folder cannot be written."""
    check_name(path, creating=True)
    if path.exists() or path.is_symlink():
        raise NotAReturnError(f"{path} already exists. Choose another name or open it instead.")
    if not path.parent.is_dir():
        raise StorageError(f"The folder {path.parent} does not exist.")
    if not _folder_writable(path.parent):
        raise StorageError(
            f"The folder {path.parent} is read-only, so a new return cannot be made there."
        )


def _length(text: str) -> int:
    if WINDOWS:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(os.fsencode(text))


def _file_writable(path: Path, info: os.stat_result) -> bool:
    # No write permission bit at all means "read-only", even for an administrator who could
    # write it anyway (on Windows this is the read-only attribute).
    return os.access(path, os.W_OK) and bool(info.st_mode & 0o222)


def _folder_writable(folder: Path) -> bool:
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    if os.name != "posix":  # Windows ignores a folder's read-only attribute
        return True
    try:
        return bool(folder.stat().st_mode & 0o222)
    except OSError:
        return False


def check_before_editing(path: Path, *, set_aside_journal: bool) -> None:
    """Everything that stops ``path`` being edited, checked before its lock is taken."""
    check_editable(path)
    if not set_aside_journal:
        journals.refuse_if_interrupted(path)
