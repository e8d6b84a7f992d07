"""Which kind of source a file is, by its content first and its name second.

A renamed file is still recognised (a Word document saved as ``.xlsx`` is read as Word), and
what cannot be a source is refused in one sentence before anything else reads it. Office
packages are checked as zips before any parser sees them: too many parts, parts that would
unpack to far more than any return, or a password, and the file is refused unread.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from stocktake_desktop.imports.errors import ImportRefusedError
from stocktake_desktop.imports.source import SourceKind
from stocktake_desktop.interchange_read import one_line
from stocktake_desktop.limits import MB

_SQLITE = b"SQLite format 3\x00"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Suffixes that say which kind a file should be (a file with another suffix is read as JSON).
SUFFIXES = {
    ".docx": SourceKind.WORD,
    ".xlsx": SourceKind.WORKBOOK,
    ".stocktake": SourceKind.RETURN,
    ".json": SourceKind.INTERCHANGE,
}
#: What an open-file dialog offers, by kind (a file of any name is recognised by content).
FILE_PATTERNS = (
    ("Stocktake returns", "*.stocktake"),
    ("Word returns", "*.docx"),
    ("Workbooks exported by the app", "*.xlsx"),
    ("Answers files", "*.json"),
)
WHAT_CAN_BE_IMPORTED = (
    "a return (.stocktake), a Word return (.docx), a workbook the app exported (.xlsx) "
    "or an answers file (.json)"
)
MAX_PARTS = 5_000
MAX_UNPACKED = 256 * MB
MAX_MAIN_PART = 16 * MB
_MAIN_PARTS = {SourceKind.WORD: "word/document.xml", SourceKind.WORKBOOK: "xl/workbook.xml"}


def shown_name(path: Path) -> str:
    return one_line(path.name or str(path), 120)


def detect(path: Path) -> SourceKind:
    """The kind of source ``path`` holds; ImportRefusedError when it cannot be one.

    Anything that is not an ordinary file, and anything else without a telling suffix, goes
    to the answers-file reader, which says in one line what is wrong with it.
    """
    expected = SUFFIXES.get(path.suffix.lower())
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):
            return _refuse_unless_json(path, expected, "it is not an ordinary file")
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE))
    except FileNotFoundError:
        return _refuse_unless_json(path, expected, "it does not exist")
    except OSError as error:
        return _refuse_unless_json(path, expected, f"it cannot be read ({error.strerror or error})")
    if head == _SQLITE:
        return SourceKind.RETURN
    if head.startswith(_ZIP):
        return _package_kind(path)
    if head.startswith(_OLE):
        raise ImportRefusedError(
            f"{shown_name(path)} is an old-style Office file (.doc or .xls) or a "
            "password-protected one: save it from Word or Excel as .docx or .xlsx, without a "
            "password, and import that."
        )
    if not head:
        return _refuse_unless_json(path, expected, "it is empty")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return SourceKind.INTERCHANGE
    if expected is None and path.suffix:
        raise ImportRefusedError(
            f"{shown_name(path)} cannot be imported: it is not {WHAT_CAN_BE_IMPORTED}."
        )
    if expected in (SourceKind.WORD, SourceKind.WORKBOOK):
        raise ImportRefusedError(
            f"{shown_name(path)} is not a {expected}: it is named {path.suffix} but its content "
            "is not an Office document (it may be damaged, or another kind of file renamed)."
        )
    return expected or SourceKind.INTERCHANGE


def _refuse_unless_json(path: Path, expected: SourceKind | None, why: str) -> SourceKind:
    if expected in (None, SourceKind.INTERCHANGE):
        return SourceKind.INTERCHANGE  # its reader gives the sentence answers files always had
    raise ImportRefusedError(f"{shown_name(path)} cannot be imported: {why}.")


def _package_kind(path: Path) -> SourceKind:
    """Word or workbook, from the parts listed in the zip (nothing is unpacked)."""
    names = _listing(path)
    if any(name.startswith("word/") for name in names):
        return SourceKind.WORD
    if any(name.startswith("xl/") for name in names):
        return SourceKind.WORKBOOK
    raise ImportRefusedError(
        f"{shown_name(path)} is a zip file, but neither a Word document nor a workbook."
    )


def _listing(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ImportRefusedError(
            f"{shown_name(path)} is damaged: it is not a complete Office document ({error})."
        ) from error


def check_package(path: Path, kind: SourceKind) -> None:
    """Refuse an Office package no return could be: too many parts, too big unpacked, or
    locked with a password. Only the zip's own listing is read."""
    name = shown_name(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ImportRefusedError(
            f"{name} is damaged: it is not a complete Office document ({error})."
        ) from error
    if len(parts) > MAX_PARTS:
        raise ImportRefusedError(
            f"{name} has {len(parts):,} parts, far more than any {kind} (the limit is "
            f"{MAX_PARTS:,}), so it is not read."
        )
    if any(part.flag_bits & 0x1 for part in parts):
        raise ImportRefusedError(f"{name} is locked with a password: remove it in Office first.")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        raise ImportRefusedError(
            f"{name} would unpack to {unpacked / MB:,.0f} MB, far more than any {kind} (the "
            f"limit is {MAX_UNPACKED // MB} MB), so it is not read."
        )
    main = next((p for p in parts if p.filename == _MAIN_PARTS[kind]), None)
    if main is not None and main.file_size > MAX_MAIN_PART:
        raise ImportRefusedError(
            f"{name}'s text would unpack to {main.file_size / MB:,.0f} MB, far more than any "
            f"{kind} (the limit is {MAX_MAIN_PART // MB} MB), so it is not read."
        )
