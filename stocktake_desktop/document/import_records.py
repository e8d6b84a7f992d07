"""What an import records in a return beyond ordinary edits: a change-log note of where the
answers came from, and evidence copied in from another return (its bytes, or its link).

Functions of the document package rather than methods, so that no part of
:class:`~stocktake_desktop.document.store.ReturnDocument` changes; each is one recorded change.
"""

from __future__ import annotations

from stocktake_desktop.document.base import DocumentBase, now_iso

#: The change-log field of an import's note (its ref is empty).
IMPORT_FIELD = "import"


def note_import(document: DocumentBase, text: str) -> None:
    """Log ``text`` (where the changes that follow came from) as a change of its own, so the
    import's first change never extends the typing logged before it."""
    with document._edit() as conn:
        document._log(conn, "", IMPORT_FIELD, "", text)


def copy_evidence(
    document: DocumentBase,
    ref: str,
    *,
    original_path: str,
    file_name: str,
    size: int,
    sha256: str,
    modified: str,
    content: bytes | None,
) -> None:
    """Attach evidence another return carries, as it was there: its bytes when it kept a copy,
    else the same link (the file is not read: it may be on a drive this computer lacks)."""
    document._question(ref)
    with document._edit() as conn:
        conn.execute(
            "INSERT INTO evidence(ref, original_path, file_name, size, sha256, modified, "
            "added_by, added_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                ref,
                original_path,
                file_name,
                size,
                sha256,
                modified,
                document.editor,
                now_iso(),
                content,
            ),
        )
        document._log(conn, ref, "evidence", "", file_name)
