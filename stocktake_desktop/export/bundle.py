"""Export a return as a submission bundle: a folder, a zip of it, and an email draft.

    <out>/WV-Stocktake-2013_Leicestershire_2026-11-22/
        WV-Stocktake-2013_Leicestershire_2026-11-22.xlsx
        WV-Stocktake-2013_Leicestershire_2026-11-22.pdf
        evidence/<ref> <file name>...
        manifest.json       (every file with its size and SHA-256)
        bundle-id.txt       (SHA-256 of manifest.json)
    <out>/WV-Stocktake-2013_Leicestershire_2026-11-22.zip
    <out>/WV-Stocktake-2013_Leicestershire_2026-11-22.eml   (the email, zip attached, to send)

A draft has ``_DRAFT`` before the date in every name. Names are kept within the path budget of
:mod:`naming` (evidence names shortened, the folder too when needed). The folder is built under
a temporary name and renamed when complete, and the zip and the email draft are written to
temporary files and renamed, so a failed export never leaves a half bundle with the real name.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from stocktake_desktop.document import ReturnDocument, StorageError
from stocktake_desktop.document.files import hash_stream
from stocktake_desktop.export.evidence_copy import copy_with_hash, unique_names, write_with_hash
from stocktake_desktop.export.fingerprint import return_fingerprint
from stocktake_desktop.export.manifest import (
    BUNDLE_ID_NAME,
    MANIFEST_NAME,
    FileEntry,
    build_manifest,
    bundle_id,
    manifest_bytes,
)
from stocktake_desktop.export.naming import EVIDENCE_NAME_MAX, BundleNames, free_names
from stocktake_desktop.export.snapshot import (
    EVIDENCE_FOLDER,
    EvidenceItem,
    ReturnSnapshot,
    take_snapshot,
)

_log = logging.getLogger(__name__)


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
    """What an export made. ``name`` is the bundle's name as the workbook and the PDF carry it
    (``<name>.xlsx``); the folder, the zip and the email draft have the same name unless the
    path budget shortened theirs (``folder.name``)."""

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
    #: The email draft beside the zip (None when the zip is too big to attach to any email).
    eml_path: Path | None = None
    subject: str = ""
    inbox: str = ""

    @property
    def zip_names(self) -> list[str]:
        """Files in the zip (bundle-relative), as the email lists them."""
        return [entry.path for entry in self.files] + [MANIFEST_NAME, BUNDLE_ID_NAME]


def export_bundle(
    document: ReturnDocument,
    options: ExportOptions,
    progress: Callable[[str], None] | None = None,
) -> BundleResult:
    """Write the bundle folder and zip into ``options.out_dir``; record it in the return.

    ``progress`` (optional) is called with a short sentence as each step starts."""
    step = progress or (lambda _text: None)
    out_dir = Path(options.out_dir)
    if not out_dir.is_dir():
        raise StorageError(f"The folder {out_dir} does not exist.")
    step("Reading the return")
    snapshot = fit_evidence_names(
        take_snapshot(document, final=options.final, ready=options.ready, now=options.now)
    )
    names = free_names(
        out_dir,
        snapshot.template.bundle_prefix,
        snapshot.locality,
        snapshot.exported_at.date(),
        final=options.final,
    )
    name = names.folder
    work = out_dir / f".{name}.partial-{os.getpid()}"
    folder = out_dir / name
    made: list[Path] = [work]  # removed again if anything fails
    try:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        result = _build(document, snapshot, work, names, options, step)
        work.rename(folder)
        made.append(folder)
        result.folder = folder
        result.zip_path = out_dir / f"{name}.zip"
        step("Zipping the bundle")
        result.zip_size = write_zip(folder, result, result.zip_path)
        made.append(result.zip_path)
        step("Writing the email draft")
        result.eml_path = _write_email_draft(snapshot, result, out_dir / f"{name}.eml")
    except BaseException as error:
        for path in made:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
        if isinstance(error, OSError):
            raise StorageError(
                f"Could not write the bundle in {out_dir}: {error.strerror or error}"
            ) from error
        _log.info("Export of %s into %s failed: %s", document.path, out_dir, error)
        raise
    if options.record and not document.read_only:
        step("Recording the export in the return")
        document.record_submission(result.bundle_id, final=options.final)
        result.recorded = True
    _log.info(
        "Exported %s: %s bundle %s, %s, %d bytes%s",
        document.path,
        "final" if options.final else "draft",
        result.bundle_id,
        result.zip_path,
        result.zip_size,
        "" if result.recorded else " (not recorded in the return)",
    )
    return result


def fit_evidence_names(snapshot: ReturnSnapshot) -> ReturnSnapshot:
    """``snapshot`` with evidence names of at most :data:`EVIDENCE_NAME_MAX` characters, still
    unique (ignoring case) and with their extensions, so that every path in the zip stays within
    the budget. The limit is fixed, so a draft and a final export name evidence alike (and the
    return fingerprint, which includes the names, is the same)."""
    items = snapshot.all_evidence()
    names = unique_names(
        (f"{item.link.ref} {item.link.file_name}" for item in items), EVIDENCE_NAME_MAX
    )
    evidence: dict[str, list[EvidenceItem]] = {}
    for item, name in zip(items, names, strict=True):
        evidence.setdefault(item.link.ref, []).append(replace(item, bundle_name=name))
    return replace(snapshot, evidence=evidence)


def _write_email_draft(snapshot: ReturnSnapshot, result: BundleResult, target: Path) -> Path | None:
    from stocktake_desktop.export.eml import ATTACHMENT_MAX, write_draft
    from stocktake_desktop.export.mailto import handoff_body, subject_line

    template = snapshot.template
    result.inbox = template.submission_inbox
    result.subject = subject_line(template.email_subject, snapshot.locality, final=result.final)
    if result.zip_size > ATTACHMENT_MAX:
        return None
    body = handoff_body(
        snapshot.locality,
        result.zip_path.name,
        result.bundle_id,
        result.zip_names,
        final=result.final,
        separately=[entry.path for entry in result.sent_separately],
    )
    write_draft(
        target,
        to=result.inbox,
        subject=result.subject,
        body=body,
        attachment=result.zip_path,
        bundle_id=result.bundle_id,
    )
    return target


def _build(
    document: ReturnDocument,
    snapshot: ReturnSnapshot,
    work: Path,
    names: BundleNames,
    options: ExportOptions,
    step: Callable[[str], None],
) -> BundleResult:
    from stocktake_desktop.export.pdf import write_pdf
    from stocktake_desktop.export.workbook import write_workbook

    step("Copying the evidence")
    evidence, missing = _copy_evidence(document, snapshot, work)
    hashes = {item_id: entry.sha256 for item_id, entry in evidence.items()}
    fingerprint = return_fingerprint(snapshot, hashes)
    note = f"The SHA-256 of manifest.json, given in {BUNDLE_ID_NAME} and the covering email"
    stem = names.documents
    step("Writing the workbook")
    cut = write_workbook(
        snapshot, work / f"{stem}.xlsx", fingerprint=fingerprint, file_name_note=note
    )
    step("Writing the PDF")
    write_pdf(snapshot, work / f"{stem}.pdf", fingerprint=fingerprint)
    files = [_entry(work, f"{stem}.xlsx", "workbook"), _entry(work, f"{stem}.pdf", "pdf")]
    evidence_entries = list(evidence.values())
    separate = evidence_entries if options.leave_out_evidence else []
    if not options.leave_out_evidence:
        files += evidence_entries
    manifest = build_manifest(
        snapshot, files, fingerprint=fingerprint, sent_separately=separate, missing=missing
    )
    step("Writing the manifest")
    data = manifest_bytes(manifest)
    identity = bundle_id(data)
    (work / MANIFEST_NAME).write_bytes(data)
    (work / BUNDLE_ID_NAME).write_text(identity + "\n", encoding="ascii")
    return BundleResult(
        name=stem,
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
    """Zip the bundle (files under a top folder named like ``folder``); the zip's size."""
    temp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with zipfile.ZipFile(temp, "w", allowZip64=True) as archive:
            archive.comment = f"Stocktake bundle id {result.bundle_id}".encode("ascii")
            for relative in result.zip_names:
                source = folder / relative
                method = zipfile.ZIP_DEFLATED if _worth_compressing(source) else zipfile.ZIP_STORED
                archive.write(source, f"{folder.name}/{relative}", compress_type=method)
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
