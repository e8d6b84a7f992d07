"""manifest.json, the bundle id, and ``verify``: is what arrived what was exported?

The manifest lists every file of the bundle with its size and SHA-256. The bundle id is the
SHA-256 of the manifest's bytes, so it vouches for every file: it is written beside the
manifest in ``bundle-id.txt``, in the zip's comment, in the covering email and in the return's
submission record. ``verify`` recomputes all of it.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.export.snapshot import ReturnSnapshot

FORMAT = "stocktake-bundle/1"
MANIFEST_NAME = "manifest.json"
BUNDLE_ID_NAME = "bundle-id.txt"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A file of the bundle: ``path`` is relative to the bundle folder, with "/" separators."""

    path: str
    size: int
    sha256: str
    role: str
    ref: str = ""

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "size": self.size,
            "sha256": self.sha256,
            "role": self.role,
        }
        if self.ref:
            data["ref"] = self.ref
        return data


def build_manifest(
    snapshot: ReturnSnapshot,
    files: list[FileEntry],
    *,
    fingerprint: str,
    sent_separately: list[FileEntry],
    missing: list[dict[str, str]],
) -> dict[str, Any]:
    template = snapshot.template
    return {
        "format": FORMAT,
        "app": {"name": APP_NAME, "version": __version__},
        "stocktake": {
            "id": template.id,
            "name": template.display_name,
            "content_hash": template.content_hash,
        },
        "locality": snapshot.locality,
        "exported_at": snapshot.exported_at.isoformat(timespec="seconds"),
        "exported_by": snapshot.editor,
        "kind": "final" if snapshot.final else "draft",
        "ready": snapshot.ready,
        "return_fingerprint": fingerprint,
        "files": [entry.as_json() for entry in files],
        "sent_separately": [entry.as_json() for entry in sent_separately],
        "evidence_missing_at_export": missing,
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as written: UTF-8 JSON, sorted keys, two-space indent, final newline."""
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def bundle_id(data: bytes) -> str:
    """The bundle id: the SHA-256 (hex) of the manifest's bytes."""
    return hashlib.sha256(data).hexdigest()


def hash_stream(stream: BinaryIO) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


# ------------------------------------------------------------------------------ verify
@dataclass
class VerifyReport:
    """What ``verify`` found. ``intact`` when nothing is missing, extra, changed or wrong."""

    source: Path
    bundle_id: str = ""
    manifest: dict[str, Any] = field(default_factory=dict)
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    sent_separately_absent: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not (self.missing or self.extra or self.changed or self.problems)

    def lines(self) -> list[str]:
        out = [f"Bundle id: {self.bundle_id}"] if self.bundle_id else []
        if self.manifest:
            from stocktake_desktop.dates import friendly_datetime

            m = self.manifest
            app = m.get("app", {})
            out.append(
                f"{m.get('locality', '?')}: {m.get('stocktake', {}).get('name', '?')}, "
                f"{m.get('kind', '?')} exported {friendly_datetime(str(m.get('exported_at', '')))} "
                f"with {app.get('name', '?')} {app.get('version', '?')}"
            )
        out += [f"Problem: {text}" for text in self.problems]
        out += [f"Missing: {path}" for path in self.missing]
        out += [f"Changed: {path}" for path in self.changed]
        out += [f"Extra: {path}" for path in self.extra]
        out += [f"Sent separately (not in this bundle): {p}" for p in self.sent_separately_absent]
        if self.intact:
            out.append(f"Intact: all {self.checked} files match the manifest and the bundle id.")
        else:
            out.append("NOT intact: the bundle is not as it was exported.")
        return out


class _Source:
    """Files of a bundle, from a zip or an unpacked folder, by bundle-relative path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip: zipfile.ZipFile | None = None
        self.root = ""
        if path.is_dir():
            self.names = sorted(
                p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()
            )
        else:
            self.zip = zipfile.ZipFile(path)
            names = [info.filename for info in self.zip.infolist() if not info.is_dir()]
            manifests = sorted(
                (n for n in names if PurePosixPath(n).name == MANIFEST_NAME),
                key=lambda n: n.count("/"),
            )
            self.root = manifests[0][: -len(MANIFEST_NAME)] if manifests else ""
            # Anything outside the bundle folder is shown as "../name": always extra.
            self.names = sorted(
                n[len(self.root) :] if n.startswith(self.root) else f"../{n}" for n in names
            )

    def read(self, name: str) -> bytes:
        with self.open(name) as stream:
            return stream.read()

    def open(self, name: str) -> BinaryIO:
        if self.zip is not None:
            return self.zip.open(self.root + name)  # type: ignore[return-value]
        target = (self.path / name).resolve()
        if not target.is_relative_to(self.path.resolve()):
            raise FileNotFoundError(name)
        return target.open("rb")

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()

    def comment(self) -> str:
        return self.zip.comment.decode("utf-8", "replace") if self.zip is not None else ""


def verify_bundle(path: Path, expected_id: str = "") -> VerifyReport:
    """Check a bundle (zip or folder) against its manifest and its bundle id."""
    report = VerifyReport(Path(path))
    try:
        source = _Source(Path(path))
    except (zipfile.BadZipFile, OSError) as error:
        report.problems.append(f"{Path(path).name} cannot be read as a bundle ({error})")
        return report
    try:
        _verify(source, report, expected_id.strip().lower())
    finally:
        source.close()
    return report


def _verify(source: _Source, report: VerifyReport, expected_id: str) -> None:
    if MANIFEST_NAME not in source.names:
        report.problems.append(f"there is no {MANIFEST_NAME}, so this is not a complete bundle")
        return
    data = source.read(MANIFEST_NAME)
    report.bundle_id = bundle_id(data)
    try:
        report.manifest = json.loads(data)
        listed = [_entry(raw) for raw in report.manifest["files"]]
        separate = [_entry(raw) for raw in report.manifest.get("sent_separately", [])]
    except (ValueError, KeyError, TypeError) as error:
        report.problems.append(f"{MANIFEST_NAME} is not a valid manifest ({error})")
        return
    if BUNDLE_ID_NAME in source.names:
        written = source.read(BUNDLE_ID_NAME).decode("utf-8", "replace").strip().lower()
        if written != report.bundle_id:
            report.problems.append(
                f"{BUNDLE_ID_NAME} says {written[:16]}…, but {MANIFEST_NAME} hashes to "
                f"{report.bundle_id[:16]}…: the manifest has been changed"
            )
    comment = source.comment()
    if comment and report.bundle_id not in comment:
        report.problems.append("the zip comment names a different bundle id")
    if expected_id and expected_id != report.bundle_id:
        report.problems.append(
            f"the bundle id is {report.bundle_id[:16]}…, not the expected {expected_id[:16]}…"
        )
    present = set(source.names)
    # a listed file that is absent is missing; one sent separately is expected to be absent
    for entries, absent in ((listed, report.missing), (separate, report.sent_separately_absent)):
        for entry in entries:
            if entry.path not in present:
                absent.append(entry.path)
            elif not _matches(source, entry):
                report.changed.append(entry.path)
            else:
                report.checked += 1
    known = {e.path for e in listed} | {e.path for e in separate} | {MANIFEST_NAME, BUNDLE_ID_NAME}
    report.extra = [name for name in source.names if name not in known]


def _entry(raw: dict[str, Any]) -> FileEntry:
    return FileEntry(
        str(raw["path"]), int(raw["size"]), str(raw["sha256"]), str(raw.get("role", ""))
    )


def _matches(source: _Source, entry: FileEntry) -> bool:
    try:
        with source.open(entry.path) as stream:
            size, digest = hash_stream(stream)
    except (zipfile.BadZipFile, OSError, KeyError):  # e.g. a CRC error: the bytes were altered
        return False
    return size == entry.size and digest == entry.sha256
