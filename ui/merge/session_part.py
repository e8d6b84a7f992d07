"""The session's merge and import part: a partner's copy merged, the conflicts it leaves settled,
and an import from a Word return, a workbook, another return or an answers file.

:class:`~ui.session.Session` is made of this part, the meetings and history parts and its own
writing machinery. Each step that can be refused raises :class:`RefusedError` with one
sentence (the view shows it through ``ui/dialogs.py``); nothing is retried later behind the
user's back, and a refused step has written nothing.

Merging and importing are two steps each: *prepare* reads the other file and makes the core's
plan (nothing written; the view shows it), then *merge* or *import* writes exactly that plan.
Pending typing is written first, so it is part of what is planned. Afterwards the session
says what changed: ``brought_in`` (the refs whose cards show the return again, and
"completion" or "locality"), then the usual ``answer_changed``, ``evidence_changed``,
``agreement_changed``, ``meeting_changed``, ``actions_changed``, and ``conflicts_changed``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from stocktake_desktop.document import ReturnDocument, ReturnError
from stocktake_desktop.document.conflicts import Conflict

from ..session_part import SessionPart
from .state import State, compare, read_state

if TYPE_CHECKING:
    from stocktake_desktop.imports import ImportOutcome, ImportPlan, ImportSource
    from stocktake_desktop.merge import MergePlan, MergeResult

T = TypeVar("T")
P = TypeVar("P")


class Closable(Protocol):
    def close(self) -> None: ...


BUSY = "The return is being exported. Try again when it has finished."
#: What cannot be done in a read-only return, as the refusal says it.
MERGE, IMPORT = "nothing can be merged into it", "nothing can be imported into it"
SETTLE = "its conflicts cannot be settled here"


class RefusedError(Exception):
    """A merge, import or resolution that could not be made; ``str()`` is one sentence."""


@dataclass(slots=True)
class MergePreview:
    """A partner's copy, open read-only, and the plan of merging it (nothing written yet)."""

    copy: ReturnDocument
    plan: MergePlan

    def close(self) -> None:
        self.copy.close()


@dataclass(slots=True)
class ImportPreview:
    """A source read, and the plan of importing it (nothing written yet)."""

    source: ImportSource
    plan: ImportPlan

    def close(self) -> None:
        self.source.close()


class MergeSessionPart(SessionPart):
    """Merging, conflicts and importing, as the window's merge and import commands, the
    review screen and the completion page reach them."""

    # ------------------------------------------------------------------ conflicts
    def conflicts(self) -> list[Conflict]:
        """The conflicts still to review, in the order found."""
        return [] if self.closed else self.document.conflicts()

    def conflict_now(self, conflict: Conflict) -> Conflict | None:
        """``conflict`` as the return holds it now (None once it has gone)."""
        if self.closed:
            return None
        try:
            return self.document.conflict(conflict.id)
        except ReturnError:
            return None

    def value_now(self, conflict: Conflict) -> str:
        """This copy's value of the conflict's field as it is now (edits since included)."""
        from stocktake_desktop.merge import value_now

        if self.closed:
            return conflict.mine
        try:
            return value_now(self.document, conflict.ref, conflict.field)
        except ReturnError:
            return conflict.mine

    def resolve_conflict(self, conflict: Conflict, keep: str) -> Conflict:
        """Keep "mine" (this copy's value as it is now) or "theirs"; the conflict settled."""
        return self._bring_in(lambda: self.document.resolve_conflict(conflict.id, keep), SETTLE)

    def resolve_conflict_with_text(self, conflict: Conflict, text: str) -> Conflict:
        """Settle a conflict on a text with a combined text, written by the contributor."""
        return self._bring_in(
            lambda: self.document.resolve_conflict_with_text(conflict.id, text), SETTLE
        )

    # ------------------------------------------------------------------ merging
    def prepare_merge(self, path: Path) -> MergePreview:
        """Open the partner's copy at ``path`` and plan merging it; close what it returns."""
        from stocktake_desktop.merge import check_mergeable, open_copy, plan_merge

        self._ready(MERGE)
        with _refusing():
            copy = open_copy(Path(path), self.document.path)

        def plan() -> MergePlan:
            check_mergeable(self.document, copy)
            return plan_merge(self.document, copy)

        return MergePreview(copy, _planned(copy, plan))

    def merge(self, preview: MergePreview) -> MergeResult:
        """Write the merge ``preview`` plans (one transaction), then close the copy."""
        from stocktake_desktop.merge import apply_merge

        try:
            return self._bring_in(
                lambda: apply_merge(self.document, preview.copy, preview.plan), MERGE
            )
        finally:
            preview.close()

    # ------------------------------------------------------------------ importing
    def prepare_import(self, path: Path) -> ImportPreview:
        """Read the source at ``path`` and plan importing it; close what it returns."""
        from stocktake_desktop.imports import plan_import, read_source

        self._ready(IMPORT)
        with _refusing():
            source = read_source(Path(path), self.document.template)
        return ImportPreview(source, _planned(source, lambda: plan_import(self.document, source)))

    def import_planned(self, preview: ImportPreview) -> ImportOutcome:
        """Write exactly the plan ``preview`` shows (all or nothing), then close the source."""
        from stocktake_desktop.imports import apply_plan

        try:
            return self._bring_in(lambda: apply_plan(self.document, preview.plan), IMPORT)
        finally:
            preview.close()

    # ------------------------------------------------------------------ writing once
    def _ready(self, what: str) -> None:
        """Refuse when the return cannot be written (``what`` cannot be done: a clause), else
        write any pending typing first."""
        if self.closed:
            raise RefusedError("The return has been closed.")
        if self.read_only:
            raise RefusedError(f"This return is open read-only, so {what}.")
        if self.exporting:
            raise RefusedError(BUSY)
        self.flush_edits()

    def _bring_in(self, apply: Callable[[], T], what: str) -> T:
        """Run ``apply`` now (refused with one sentence, never retried), then tell the views
        what it changed."""
        self._ready(what)
        before = read_state(self.document)
        with _refusing():
            result = apply()
        self._tell_views(before)
        return result

    def _tell_views(self, before: State) -> None:
        changed = compare(before, read_state(self.document))
        self._changed(None)  # the saver, the completion page
        if changed.reload:
            self.brought_in.emit(changed.reload)
        for ref in changed.answers:
            self.answer_changed.emit(ref)
        for ref in changed.evidence:
            self.evidence_changed.emit(ref)
        for ref in changed.agreements:
            self._agreement_is(self.document.agreement(ref))
        if changed.meetings:
            self.meeting_changed.emit()
        if changed.actions:
            self.actions_changed.emit()
        self.conflicts_changed.emit()


@contextlib.contextmanager
def _refusing() -> Iterator[None]:
    """The core's refusal (or a file that cannot be read) as a :class:`RefusedError`."""
    try:
        yield
    except (ReturnError, OSError) as error:
        raise RefusedError(_sentence(error)) from error


def _planned(opened: Closable, plan: Callable[[], P]) -> P:
    """``plan()``; ``opened`` (what it plans from) is closed if planning is refused."""
    try:
        with _refusing():
            return plan()
    except RefusedError:
        opened.close()
        raise


def _sentence(error: BaseException) -> str:
    """The error's one sentence (an OSError names what it could not do)."""
    if isinstance(error, OSError):
        return f"The file could not be read ({error.strerror or error})."
    return str(error)
