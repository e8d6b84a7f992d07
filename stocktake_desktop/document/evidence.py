"""Evidence files on disk: still there, and unchanged since they were attached?"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from stocktake_desktop.document.files import sha256_file
from stocktake_desktop.document.models import EvidenceLink, EvidenceState


def evidence_state(link: EvidenceLink) -> EvidenceState:
    """Whether a linked evidence file is still there and unchanged since it was attached."""
    path = Path(link.original_path)
    try:
        stat = path.stat()
    except OSError:
        return EvidenceState.MISSING
    if not path.is_file():
        return EvidenceState.MISSING
    if stat.st_size != link.size:
        return EvidenceState.CHANGED
    if iso_from_timestamp(stat.st_mtime) == link.modified:
        return EvidenceState.OK
    try:
        same = sha256_file(path) == link.sha256
    except OSError:
        return EvidenceState.MISSING
    return EvidenceState.OK if same else EvidenceState.CHANGED


def iso_from_timestamp(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="microseconds")
