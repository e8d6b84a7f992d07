"""Merging a partner's copy of a return, field by field, never losing a word.

The pieces, in order: :func:`open_copy` opens the other copy read-only (refusing what cannot be
merged); :func:`plan_merge` works out what it brings (a :class:`MergePlan`, nothing written);
:func:`apply_merge` makes those changes in one transaction and returns a :class:`MergeResult`.
:func:`merge_copy` does all three. The conflicts it leaves are the return's own
(``ReturnDocument.conflicts()``, ``resolve_conflict()``, ``resolve_conflict_with_text()``).
How the base is found: :mod:`stocktake_desktop.merge.bases`; docs/merge.md has the rules.
"""

from __future__ import annotations

from pathlib import Path

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.merge.apply import MergeResult, apply_merge
from stocktake_desktop.merge.opening import MergeRefusedError, check_mergeable, open_copy
from stocktake_desktop.merge.plan import MergePlan, plan_merge
from stocktake_desktop.merge.plan_types import Clash, Take
from stocktake_desktop.merge.values import value_now


def merge_copy(document: ReturnDocument, path: Path) -> MergeResult:
    """Merge the copy at ``path`` into ``document`` (open for editing)."""
    copy = open_copy(path, document.path)
    try:
        return merge_open_copy(document, copy)
    finally:
        copy.close()


def merge_open_copy(document: ReturnDocument, copy: ReturnDocument) -> MergeResult:
    """Merge ``copy`` (from :func:`open_copy`) into ``document``."""
    check_mergeable(document, copy)
    return apply_merge(document, copy, plan_merge(document, copy))


__all__ = [
    "Clash",
    "MergePlan",
    "MergeRefusedError",
    "MergeResult",
    "Take",
    "apply_merge",
    "check_mergeable",
    "merge_copy",
    "merge_open_copy",
    "open_copy",
    "plan_merge",
    "value_now",
]
