"""manifest.json and the bundle id.

The manifest lists every file of the bundle with its size and SHA-256. The bundle id is the
SHA-256 of the manifest's bytes, so it vouches for every file: it is written beside the
manifest in ``bundle-id.txt``, in the zip's comment, in the covering email and in the return's
submission record. ``verify`` (:mod:`stocktake_desktop.export.verify`) recomputes all of it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from stocktake_desktop import APP_NAME, __version__
from stocktake_desktop.export.snapshot import ReturnSnapshot

FORMAT = "stocktake-bundle/1"
MANIFEST_NAME = "manifest.json"
BUNDLE_ID_NAME = "bundle-id.txt"


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
