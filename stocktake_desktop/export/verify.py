"""``verify``: is the bundle that arrived the bundle that was exported?

A bundle comes from anyone, so nothing in it is trusted: every entry name must be a plain
relative name; encrypted, oddly compressed, linked and unexpected folder entries are refused;
``manifest.json`` must be the documented shape and ``bundle-id.txt`` must be there; and every
read is bounded (a 1 GiB manifest is refused from its declared size, never read). Any read
error means the bundle is damaged: one sentence, never a traceback.

"Intact" proves the bundle matches its own manifest and bundle id. Anyone can make a bundle
that does; it proves who made it only when the bundle id also matches one that reached the
recipient another way (the covering email): ``--bundle-id``.
"""

from __future__ import annotations

import logging
import os
import stat
import struct
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from stocktake_desktop.counting import how_many
from stocktake_desktop.document.files import hash_stream
from stocktake_desktop.export.manifest import BUNDLE_ID_NAME, MANIFEST_NAME, bundle_id
from stocktake_desktop.export.manifest_check import HEX64, name_problem, parse_manifest
from stocktake_desktop.export.snapshot import EVIDENCE_FOLDER
from stocktake_desktop.interchange_read import one_line

MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_ENTRIES = 5000

_log = logging.getLogger(__name__)
#: Anything reading a hostile zip or folder can raise: all of them mean "damaged".
READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    UnicodeDecodeError,
    ValueError,
    KeyError,
    OverflowError,
    struct.error,
)
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
PROOF_WITH_ID = (
    "What this proves: this is exactly the bundle whose id you were given (--bundle-id), "
    "so it is what the sender of that id exported."
)
PROOF_WITHOUT_ID = (
    "What this proves: the bundle matches its own manifest and bundle id. Anyone can make such "
    "a bundle; it proves who made it only if this bundle id is the one that reached you another "
    "way (for example the covering email): check with --bundle-id ID."
)


@dataclass
class VerifyReport:
    """What ``verify`` found. ``intact`` when nothing is missing, extra, changed or wrong."""

    source: Path
    bundle_id: str = ""
    manifest: dict[str, Any] = field(default_factory=dict)
    checked: int = 0
    expected_id: str = ""
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    why_changed: dict[str, str] = field(default_factory=dict)
    damaged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    sent_separately_absent: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not (self.missing or self.extra or self.changed or self.problems or self.damaged)

    def lines(self) -> list[str]:
        out = [f"Bundle id: {self.bundle_id}"] if self.bundle_id else []
        if self.manifest:
            from stocktake_desktop.dates import friendly_datetime

            m = self.manifest
            try:
                when = friendly_datetime(m["exported_at"])
            except (OverflowError, ValueError, OSError):  # a year the clock cannot show
                when = m["exported_at"]
            out.append(
                one_line(
                    f"{m['locality']}: {m['stocktake']['name']}, {m['kind']} exported {when} "
                    f"with {m['app']['name']} {m['app']['version']}"
                )
            )
        out += [f"Damaged: {text}" for text in self.damaged]
        out += [f"Problem: {text}" for text in self.problems]
        out += [f"Missing: {one_line(path)}" for path in self.missing]
        for path in self.changed:
            why = self.why_changed.get(path)
            out.append(f"Changed: {one_line(path)}" + (f" ({why})" if why else ""))
        out += [f"Extra: {one_line(path)}" for path in self.extra]
        out += [
            f"Sent separately (not in this bundle): {one_line(p)}"
            for p in self.sent_separately_absent
        ]
        if self.intact:
            out.append(f"Intact: all {self.checked} files match the manifest and the bundle id.")
            out.append(PROOF_WITH_ID if self.expected_id else PROOF_WITHOUT_ID)
        else:
            out.append("NOT intact: the bundle is not as it was exported.")
        return out


class _TooBigError(Exception):
    """A member is larger than it may be; ``args[0]`` is its (declared or read) size."""


class _TooManyError(Exception):
    """More entries than any bundle has; ``str()`` says how many."""


class _Source(ABC):
    """The files of a bundle (a zip or an unpacked folder) by bundle-relative name."""

    names: list[str]
    refused: list[str]

    @abstractmethod
    def size(self, name: str) -> int:
        """The member's size in bytes."""

    @abstractmethod
    def open(self, name: str) -> BinaryIO:
        """The member's content, to read."""

    def comment(self) -> str:
        return ""

    def close(self) -> None:
        return None

    def read(self, name: str, limit: int) -> bytes:
        """The whole of a member, refusing (``_TooBigError``) one over ``limit`` bytes."""
        declared = self.size(name)
        if declared > limit:
            raise _TooBigError(declared)
        with self.open(name) as stream:
            data = stream.read(limit + 1)
        if len(data) > limit:
            raise _TooBigError(len(data))
        return data


class _ZipSource(_Source):
    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        self.refused = []
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            self.zip.close()
            raise _TooManyError(f"the zip has {len(infos)} entries")
        counts = Counter(info.filename.casefold() for info in infos)
        files: list[zipfile.ZipInfo] = []
        folders: list[str] = []
        for info in infos:
            problem = _entry_problem(info, counts[info.filename.casefold()])
            if problem:
                self.refused.append(f"the zip entry {_quoted(info.filename)} {problem}")
            elif info.is_dir():
                folders.append(info.filename)
            else:
                files.append(info)
        manifests = sorted(
            (i.filename for i in files if i.filename.rsplit("/", 1)[-1] == MANIFEST_NAME),
            key=lambda n: n.count("/"),
        )
        self.root = manifests[0][: -len(MANIFEST_NAME)] if manifests else ""
        expected = {self.root, f"{self.root}{EVIDENCE_FOLDER}/"}  # as other zip tools add them
        self.refused += [
            f"unexpected folder entry {_quoted(f)}" for f in folders if f not in expected
        ]
        # Anything outside the bundle folder is shown as "../name": always extra.
        self.infos = {self._relative(i.filename): i for i in files}
        self.names = sorted(self.infos)

    def _relative(self, name: str) -> str:
        return name[len(self.root) :] if name.startswith(self.root) else f"../{name}"

    def size(self, name: str) -> int:
        return self.infos[name].file_size

    def open(self, name: str) -> BinaryIO:
        return self.zip.open(self.infos[name])  # type: ignore[return-value]

    def comment(self) -> str:
        return self.zip.comment.decode("utf-8", "replace")

    def close(self) -> None:
        self.zip.close()


def _entry_problem(info: zipfile.ZipInfo, count: int) -> str:
    name = info.filename
    problem = name_problem(name[:-1] if info.is_dir() else name)
    if problem:
        return problem
    if count > 1:
        return "appears more than once (names that differ only in case count as the same)"
    if info.flag_bits & 0x1:
        return "is encrypted"
    if info.compress_type not in _METHODS:
        return f"uses a compression method verify does not accept (method {info.compress_type})"
    mode = info.external_attr >> 16
    if (
        info.create_system == 3
        and mode
        and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR)
    ):
        return "is a symbolic link" if stat.S_ISLNK(mode) else "is not an ordinary file"
    return ""


class _FolderSource(_Source):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.refused = []
        self.sizes: dict[str, int] = {}
        for folder, dirs, files in os.walk(path, onerror=_raise):  # never follows links
            for name in sorted(dirs + files):
                full = Path(folder, name)
                relative = full.relative_to(path).as_posix()
                found = full.lstat()
                if stat.S_ISDIR(found.st_mode):
                    continue
                if stat.S_ISLNK(found.st_mode):
                    self.refused.append(f"{_quoted(relative)} is a symbolic link")
                elif not stat.S_ISREG(found.st_mode):
                    self.refused.append(f"{_quoted(relative)} is not an ordinary file")
                else:
                    self.sizes[relative] = found.st_size
            if len(self.sizes) > MAX_ENTRIES:
                raise _TooManyError(f"the folder has over {MAX_ENTRIES} files")
        self.names = sorted(self.sizes)

    def size(self, name: str) -> int:
        return self.sizes[name]

    def open(self, name: str) -> BinaryIO:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        return os.fdopen(os.open(self.path / name, flags), "rb")


def _raise(error: OSError) -> None:
    raise error


def _quoted(name: str) -> str:
    return f'"{one_line(name, 120)}"'


def verify_bundle(path: Path, expected_id: str = "") -> VerifyReport:
    """Check a bundle (zip or folder) against its manifest and its bundle id."""
    report = _verify_bundle(Path(path), expected_id)
    _log.info(
        "Verified %s: %s (bundle id %s, %d damaged, %s)",
        path,
        "intact" if report.intact else "not intact",
        report.bundle_id or "unknown",
        len(report.damaged),
        how_many(len(report.problems), "problem"),
    )
    return report


def _verify_bundle(path: Path, expected_id: str) -> VerifyReport:
    report = VerifyReport(path, expected_id=expected_id.strip().lower())
    what = "folder" if path.is_dir() else "zip"
    if what == "zip" and not path.is_file():
        report.damaged.append(f"{one_line(path.name)} is not an ordinary file or a folder")
        return report
    try:
        source: _Source = _FolderSource(path) if path.is_dir() else _ZipSource(path)
    except _TooManyError as error:
        report.problems.append(f"{error}; a bundle has at most {MAX_ENTRIES}, so it was not read")
        return report
    except READ_ERRORS as error:
        report.damaged.append(
            f"{one_line(path.name)} cannot be read as a bundle {what} ({_why(error)})"
        )
        return report
    try:
        report.problems += source.refused
        _verify(source, report)
    except READ_ERRORS as error:
        report.damaged.append(f"{one_line(path.name)} could not be read to the end ({_why(error)})")
    finally:
        source.close()
    return report


def _why(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return one_line(error.strerror, 120)
    return one_line(str(error) or type(error).__name__, 120)


def _read_small(source: _Source, report: VerifyReport, name: str, limit: int) -> bytes | None:
    try:
        return source.read(name, limit)
    except _TooBigError as error:
        size = error.args[0]
        report.problems.append(
            f"{name} is {size:,} bytes; it is at most {limit:,}, so it was not read"
        )
    except READ_ERRORS as error:
        report.damaged.append(f"{name} cannot be read ({_why(error)})")
    return None


def _verify(source: _Source, report: VerifyReport) -> None:
    present = set(source.names)
    if MANIFEST_NAME not in present:
        report.problems.append(f"there is no {MANIFEST_NAME}, so this is not a complete bundle")
        return
    if BUNDLE_ID_NAME not in present:
        report.problems.append(f"there is no {BUNDLE_ID_NAME}, so this is not a complete bundle")
    data = _read_small(source, report, MANIFEST_NAME, MAX_MANIFEST_BYTES)
    if data is None:
        return
    report.bundle_id = bundle_id(data)
    manifest, problems = parse_manifest(data)
    _check_ids(source, report)
    if manifest is None:
        report.problems += problems
        return
    report.manifest = manifest
    listed = [(e["path"], e["size"], e["sha256"]) for e in manifest["files"]]
    separate = [(e["path"], e["size"], e["sha256"]) for e in manifest["sent_separately"]]
    for entries, absent in ((listed, report.missing), (separate, report.sent_separately_absent)):
        for name, size, digest in entries:
            if name not in present:
                absent.append(name)
                continue
            why = _difference(source, name, size, digest)
            if why:
                report.changed.append(name)
                report.why_changed[name] = why
            else:
                report.checked += 1
    known = {e[0] for e in listed} | {e[0] for e in separate} | {MANIFEST_NAME, BUNDLE_ID_NAME}
    report.extra = [name for name in source.names if name not in known]


def _check_ids(source: _Source, report: VerifyReport) -> None:
    if BUNDLE_ID_NAME in source.names:
        raw = _read_small(source, report, BUNDLE_ID_NAME, 1024)
        written = (raw or b"").decode("ascii", "replace").strip().lower()
        if raw is not None and not HEX64.fullmatch(written):
            report.problems.append(f"{BUNDLE_ID_NAME} does not hold a bundle id")
        elif raw is not None and written != report.bundle_id:
            report.problems.append(
                f"{BUNDLE_ID_NAME} says {written[:16]}…, but {MANIFEST_NAME} hashes to "
                f"{report.bundle_id[:16]}…: the manifest has been changed"
            )
    comment = source.comment()
    if comment and report.bundle_id not in comment:
        report.problems.append("the zip comment names a different bundle id")
    if report.expected_id and report.expected_id != report.bundle_id:
        report.problems.append(
            f"the bundle id is {report.bundle_id[:16]}…, not the expected "
            f"{one_line(report.expected_id[:16])}…"
        )


def _difference(source: _Source, name: str, size: int, digest: str) -> str:
    """How member ``name`` differs from its manifest entry, or "" when it matches."""
    declared = source.size(name)
    if declared != size:
        return f"{declared:,} bytes, not the {size:,} listed"
    try:
        with source.open(name) as stream:
            read, found = hash_stream(stream, limit=size + 1)  # one byte more shows it is longer
    except READ_ERRORS as error:  # e.g. a CRC error: the bytes were altered
        return f"damaged: {_why(error)}"
    if read > size:
        return f"longer than the {size:,} bytes listed"
    if read != size:
        return f"{read:,} bytes, not the {size:,} listed"
    return "" if found == digest else "its SHA-256 differs from the manifest"
