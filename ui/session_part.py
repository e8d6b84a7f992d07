"""What every part of the session (meetings, history, merging and importing) uses of the
:class:`~ui.session.Session` it is part of: declared once here for the type checker; the
session itself provides them at run time."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from stocktake_desktop.document import ReturnDocument
    from stocktake_desktop.document.models import Agreement


class SessionPart:
    """A base for the session's parts; it adds nothing at run time."""

    if TYPE_CHECKING:  # set up by Session and its parts
        document: ReturnDocument
        rejected: SignalInstance
        answer_changed: SignalInstance
        completion_changed: SignalInstance
        evidence_changed: SignalInstance
        meeting_changed: SignalInstance
        agreement_changed: SignalInstance
        actions_changed: SignalInstance
        conflicts_changed: SignalInstance
        brought_in: SignalInstance
        restored: SignalInstance

        @property
        def read_only(self) -> bool: ...
        @property
        def closed(self) -> bool: ...
        @property
        def exporting(self) -> bool: ...
        def flush_edits(self) -> None: ...
        def _write(
            self, key: Hashable, apply: Callable[[], None], ref: str | None = None
        ) -> bool: ...
        def _changed(self, ref: str | None) -> None: ...
        def _agreement_is(self, agreement: Agreement) -> None: ...
