"""Export a return as a submission bundle: a folder and a zip of it.

    <out>/WV-Stocktake-2013_Leicestershire_2026-11-22/
        WV-Stocktake-2013_Leicestershire_2026-11-22.xlsx
        WV-Stocktake-2013_Leicestershire_2026-11-22.pdf
        evidence/<ref> <file name>...
        manifest.json       (every file with its size and SHA-256)
        bundle-id.txt       (SHA-256 of manifest.json)
    <out>/WV-Stocktake-2013_Leicestershire_2026-11-22.zip

The folder is built under a temporary name and renamed when complete, and the zip is written to
a temporary file and renamed, so a failed export never leaves a half bundle with the real name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from stocktake_desktop.document import ReturnDocument, StorageError
from stocktake_desktop.export.evidence_copy import copy_with_hash, write_with_hash
from stocktake_desktop.export.fingerprint import return_fingerprint
from stocktake_desktop.export.manifest import (
    BUNDLE_ID_NAME,
    MANIFEST_NAME,
    FileEntry,
    build_manifest,
    bundle_id,
    hash_stream,
    manifest_bytes,
)
from stocktake_desktop.export.naming import bundle_name, free_name
from stocktake_desktop.export.snapshot import EVIDENCE_FOLDER, ReturnSnapshot, take_snapshot

MB = 1024 * 1024
DEFAULT_EMAIL_LIMIT_MB = 10.0


@dataclass(frozen=True, slots=True)
class ExportOptions:
    out_dir: Path
    final: bool = False
    ready: bool = True
    leave_out_evidence: bool = False
    record: bool = True
    now: datetime | None = None


@dataclass
class BundleResult:
    """What an export made."""

    name: str
    folder: Path
    zip_path: Path
    bundle_id: str
    final: bool
    files: list[FileEntry]
    sent_separately: list[FileEntry]
    missing_evidence: list[dict[str, str]]
    cut_refs: list[str]
    zip_size: int = 0
    recorded: bool = False
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def zip_names(self) -> list[str]:
        """Files in the zip (bundle-relative), as the email lists them."""
        return [entry.path for entry in self.files] + [MANIFEST_NAME, BUNDLE_ID_NAME]


def export_bundle(document: ReturnDocument, options: ExportOptions) -> BundleResult:
    """Write the bundle folder and zip into ``options.out_dir``; record it in the return."""
    out_dir = Path(options.out_dir)
    if not out_dir.is_dir():
        raise StorageError(f"The folder {out_dir} does not exist.")
    snapshot = take_snapshot(document, final=options.final, ready=options.ready, now=options.now)
    name = free_name(
        out_dir,
        bundle_name(
            snapshot.template.bundle_prefix, snapshot.locality, snapshot.exported_at.date()
        ),
    )
    work = out_dir / f".{name}.partial-{os.getpid()}"
    folder = out_dir / name
    made: list[Path] = [work]  # removed again if anything fails
    try:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        result = _build(document, snapshot, work, name, options)
        work.rename(folder)
        made.append(folder)
        result.folder = folder
        result.zip_path = out_dir / f"{name}.zip"
        result.zip_size = write_zip(folder, result, result.zip_path)
    except BaseException as error:
        for path in made:
            shutil.rmtree(path, ignore_errors=True)
        if isinstance(error, OSError):
            raise StorageError(
                f"Could not write the bundle in {out_dir}: {error.strerror or error}"
            ) from error
        raise
    if options.record and not document.read_only:
        document.record_submission(result.bundle_id, final=options.final)
        result.recorded = True
    return result


def _build(
    document: ReturnDocument,
    snapshot: ReturnSnapshot,
    work: Path,
    name: str,
    options: ExportOptions,
) -> BundleResult:
    from stocktake_desktop.export.pdf import write_pdf
    from stocktake_desktop.export.workbook import write_workbook

    evidence, missing = _copy_evidence(document, snapshot, work)
    hashes = {item_id: entry.sha256 for item_id, entry in evidence.items()}
    fingerprint = return_fingerprint(snapshot, hashes)
    note = f"The SHA-256 of manifest.json, given in {BUNDLE_ID_NAME} and the covering email"
    cut = write_workbook(
        snapshot, work / f"{name}.xlsx", fingerprint=fingerprint, file_name_note=note
    )
    write_pdf(snapshot, work / f"{name}.pdf", fingerprint=fingerprint)
    files = [_entry(work, f"{name}.xlsx", "workbook"), _entry(work, f"{name}.pdf", "pdf")]
    evidence_entries = list(evidence.values())
    separate = evidence_entries if options.leave_out_evidence else []
    if not options.leave_out_evidence:
        files += evidence_entries
    manifest = build_manifest(
        snapshot, files, fingerprint=fingerprint, sent_separately=separate, missing=missing
    )
    data = manifest_bytes(manifest)
    identity = bundle_id(data)
    (work / MANIFEST_NAME).write_bytes(data)
    (work / BUNDLE_ID_NAME).write_text(identity + "\n", encoding="ascii")
    return BundleResult(
        name=name,
        folder=work,
        zip_path=work,
        bundle_id=identity,
        final=options.final,
        files=files,
        sent_separately=separate,
        missing_evidence=missing,
        cut_refs=cut,
        manifest=manifest,
    )


def _copy_evidence(
    document: ReturnDocument, snapshot: ReturnSnapshot, work: Path
) -> tuple[dict[int, FileEntry], list[dict[str, str]]]:
    """Copy every available evidence file into ``evidence/``; list the ones that are missing."""
    copied: dict[int, FileEntry] = {}
    missing: list[dict[str, str]] = []
    items = snapshot.all_evidence()
    if items:
        (work / EVIDENCE_FOLDER).mkdir()
    for item in items:
        target = work / EVIDENCE_FOLDER / item.bundle_name
        link = item.link
        content = document.embedded_content(link.id) if link.embedded else None
        try:
            if content is not None:
                size, digest = write_with_hash(content, target)
            else:
                size, digest = copy_with_hash(Path(link.original_path), target)
        except FileNotFoundError:
            # Only the name: the bundle goes to the programme, the local path stays here.
            missing.append({"ref": link.ref, "name": link.file_name})
            continue
        except OSError as error:  # locked or unreadable: say which file, never skip it quietly
            raise StorageError(
                f"{link.ref}: could not copy the evidence file {link.original_path}: "
                f"{error.strerror or error}"
            ) from error
        copied[link.id] = FileEntry(item.bundle_path, size, digest, "evidence", link.ref)
    return copied, missing


def _entry(work: Path, relative: str, role: str) -> FileEntry:
    with (work / relative).open("rb") as stream:
        size, digest = hash_stream(stream)
    return FileEntry(relative, size, digest, role)


def write_zip(folder: Path, result: BundleResult, target: Path) -> int:
    """Zip the bundle (files under a top folder named like the zip); returns the zip's size."""
    temp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with zipfile.ZipFile(temp, "w", allowZip64=True) as archive:
            archive.comment = f"Stocktake bundle id {result.bundle_id}".encode("ascii")
            for relative in result.zip_names:
                source = folder / relative
                method = zipfile.ZIP_DEFLATED if _worth_compressing(source) else zipfile.ZIP_STORED
                archive.write(source, f"{result.name}/{relative}", compress_type=method)
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target.stat().st_size


def _worth_compressing(path: Path, sample: int = 64 * 1024) -> bool:
    """Deflate only files that shrink (evidence is often already-compressed PDF, Office, images)."""
    import zlib

    with path.open("rb") as handle:
        head = handle.read(sample)
    return bool(head) and len(zlib.compress(head, 1)) < 0.9 * len(head)
