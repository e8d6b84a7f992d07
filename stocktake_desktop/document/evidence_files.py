"""Evidence files attached to the answers: a copy kept in the return, or a link to the file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from stocktake_desktop.document.base import DocumentBase, now_iso
from stocktake_desktop.document.checks import reason
from stocktake_desktop.document.errors import AnswerError, StorageError
from stocktake_desktop.document.evidence import evidence_state, iso_from_timestamp
from stocktake_desktop.document.files import (
    sha256_file,
)
from stocktake_desktop.document.models import (
    EvidenceLink,
    EvidenceState,
)


class EvidenceFiles(DocumentBase):
    """Attaching, relinking, removing evidence, and reading what is attached."""

    def evidence(self, ref: str | None = None) -> list[EvidenceLink]:
        sql = (
            "SELECT id, ref, original_path, file_name, size, sha256, modified, added_by, added_at, "
            "content IS NOT NULL FROM evidence"
        )
        if ref is None:
            rows = self._conn.execute(sql + " ORDER BY id").fetchall()
        else:
            rows = self._conn.execute(sql + " WHERE ref = ? ORDER BY id", (ref,)).fetchall()
        return [_evidence_from_row(row) for row in rows]

    def evidence_link(self, evidence_id: int) -> EvidenceLink:
        for link in self.evidence():
            if link.id == evidence_id:
                return link
        raise AnswerError(f"There is no evidence file with id {evidence_id}.")

    def embedded_content(self, evidence_id: int) -> bytes | None:
        row = self._conn.execute(
            "SELECT content FROM evidence WHERE id = ?", (evidence_id,)
        ).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None

    def evidence_state(self, link: EvidenceLink) -> EvidenceState:
        return evidence_state(link)

    def add_evidence(self, ref: str, file: Path, *, embed: bool = True) -> EvidenceLink:
        """Attach ``file`` to ``ref``: a copy is kept in the return, so the return carries its
        evidence when it is moved or emailed; ``embed=False`` only links to the file."""
        self._question(ref)
        file = Path(file)
        found = _read_evidence(ref, file, keep_copy=embed)
        with self._edit() as conn:
            cursor = conn.execute(
                "INSERT INTO evidence(ref, original_path, file_name, size, sha256, modified, "
                "added_by, added_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ref,
                    str(file.absolute()),
                    file.name,
                    found.size,
                    found.sha256,
                    found.modified,
                    self.editor,
                    now_iso(),
                    found.content,
                ),
            )
            self._log(conn, ref, "evidence", "", file.name)
            evidence_id = cursor.lastrowid
        return self.evidence_link(int(evidence_id or 0))

    def keep_copy_of_evidence(self, evidence_id: int) -> EvidenceLink:
        """Store a copy of a linked file in the return (it must be unchanged since attached)."""
        link = self.evidence_link(evidence_id)
        if link.embedded:
            return link
        file = Path(link.original_path)
        try:
            content = file.read_bytes()
        except OSError as error:
            raise StorageError(f"{link.ref}: cannot read {file}: {reason(error)}.") from error
        if hashlib.sha256(content).hexdigest() != link.sha256:
            raise AnswerError(
                f"{link.ref}: {link.file_name} has changed since it was attached; relink it to "
                "the version you mean, then keep a copy."
            )
        with self._edit() as conn:
            conn.execute("UPDATE evidence SET content = ? WHERE id = ?", (content, evidence_id))
            self._log(conn, link.ref, "evidence", link.file_name, f"{link.file_name} (copy kept)")
        return self.evidence_link(evidence_id)

    def remove_evidence(self, evidence_id: int) -> None:
        link = self.evidence_link(evidence_id)
        with self._edit() as conn:
            conn.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))
            self._log(conn, link.ref, "evidence", link.file_name, "")

    def relink_evidence(self, evidence_id: int, file: Path) -> EvidenceLink:
        """Point a link at a moved or renamed file, taking its current size and checksum (and
        its content, when the return keeps a copy)."""
        link = self.evidence_link(evidence_id)
        file = Path(file)
        found = _read_evidence(link.ref, file, keep_copy=link.embedded)
        with self._edit() as conn:
            conn.execute(
                "UPDATE evidence SET original_path = ?, file_name = ?, size = ?, sha256 = ?, "
                "modified = ?, content = coalesce(?, content) WHERE id = ?",
                (
                    str(file.absolute()),
                    file.name,
                    found.size,
                    found.sha256,
                    found.modified,
                    found.content,
                    evidence_id,
                ),
            )
            self._log(conn, link.ref, "evidence", link.original_path, str(file.absolute()))
        return self.evidence_link(evidence_id)


@dataclass(frozen=True, slots=True)
class _EvidenceFile:
    size: int
    sha256: str
    modified: str
    content: bytes | None


def _read_evidence(ref: str, file: Path, *, keep_copy: bool) -> _EvidenceFile:
    """Size, checksum and time of an attachable file, and its bytes when a copy is kept."""
    from stocktake_desktop.document.evidence import check_attachable

    check_attachable(file, ref)  # never a folder, device, pipe or /proc file
    try:
        stat = file.stat()
        content = file.read_bytes() if keep_copy else None
        digest = hashlib.sha256(content).hexdigest() if content is not None else sha256_file(file)
    except OSError as error:
        raise StorageError(
            f"{ref}: cannot read the evidence file {file}: {reason(error)}."
        ) from error
    return _EvidenceFile(stat.st_size, digest, iso_from_timestamp(stat.st_mtime), content)


def _evidence_from_row(row: tuple) -> EvidenceLink:  # type: ignore[type-arg]
    return EvidenceLink(
        id=row[0],
        ref=row[1],
        original_path=row[2],
        file_name=row[3],
        size=row[4],
        sha256=row[5],
        modified=row[6],
        added_by=row[7],
        added_at=row[8],
        embedded=bool(row[9]),
    )
