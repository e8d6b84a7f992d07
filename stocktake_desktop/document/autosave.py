"""Saving the user's file in the background, shortly after every change.

A single worker thread waits for changes; the first unsaved change starts a short delay, after
which the user's file is written. Continuous typing therefore still reaches the file within
``delay`` seconds. A failed save is retried with a growing pause until it succeeds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from stocktake_desktop.document.errors import ReturnError


class SaveState(StrEnum):
    SAVED = "saved"
    SAVING = "saving"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SaveStatus:
    state: SaveState
    at: datetime
    message: str = ""


class Publishable(Protocol):
    def publish(self) -> datetime: ...


class AutoSaver:
    """Debounced background saving; ``on_status`` is called from the worker thread."""

    def __init__(
        self,
        document: Publishable,
        on_status: Callable[[SaveStatus], None] | None = None,
        delay: float = 1.0,
        max_retry_delay: float = 30.0,
    ) -> None:
        self._document = document
        self._on_status = on_status or (lambda status: None)
        self._delay = delay
        self._max_retry_delay = max_retry_delay
        self._condition = threading.Condition()
        self._pending = False
        self._stopping = False
        self._busy = False
        self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
        self._thread.start()

    def changed(self) -> None:
        """Call after every change; the save happens within ``delay`` seconds."""
        with self._condition:
            self._pending = True
            self._condition.notify_all()

    @property
    def pending(self) -> bool:
        with self._condition:
            return self._pending or self._busy

    def flush(self, timeout: float | None = None) -> bool:
        """Save now if anything is pending; True when everything reached the user's file."""
        with self._condition:
            self._condition.wait_for(lambda: not self._busy, timeout)
            if not self._pending:
                return True
            self._pending = False
            self._busy = True
        return self._save_taken()

    def stop(self, timeout: float | None = 10.0) -> bool:
        """Finish any pending save and stop the worker; True when everything was saved."""
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        self._thread.join(timeout)
        return self.flush(timeout)

    def _run(self) -> None:
        retry_delay = self._delay
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending or self._stopping)
                if self._stopping:
                    return
                # Gather further changes for a moment, so a burst of typing is one save.
                self._condition.wait_for(lambda: self._stopping, self._delay)
                if self._stopping or not self._pending:
                    continue
                self._pending = False
                self._busy = True
            ok = self._save_taken()
            if ok:
                retry_delay = self._delay
            else:
                with self._condition:
                    self._condition.wait_for(lambda: self._stopping, retry_delay)
                retry_delay = min(retry_delay * 2, self._max_retry_delay)

    def _save_taken(self) -> bool:
        """Save the changes just taken from ``_pending``; put them back if the save failed."""
        ok = self._save()
        with self._condition:
            self._busy = False
            if not ok:
                self._pending = True
            self._condition.notify_all()
        return ok

    def _save(self) -> bool:
        self._on_status(SaveStatus(SaveState.SAVING, datetime.now()))
        try:
            saved_at = self._document.publish()
        except ReturnError as error:
            self._on_status(SaveStatus(SaveState.FAILED, datetime.now(), str(error)))
            return False
        self._on_status(SaveStatus(SaveState.SAVED, saved_at))
        return True
