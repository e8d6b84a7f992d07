"""Errors raised by the return document, each with a message fit to show a user as it is."""

from __future__ import annotations

from dataclasses import dataclass


class ReturnError(Exception):
    """Base class: ``str(error)`` is one clear sentence for the user."""


class NotAReturnError(ReturnError):
    """The file is not a return this version can read; it has not been touched."""


class StorageError(ReturnError):
    """A change could not be written (disk full, folder read-only, drive gone)."""


class ReadOnlyError(ReturnError):
    """The return was opened read-only."""


class AnswerError(ReturnError):
    """A value is not acceptable for a question (unknown ref, code outside its list...)."""


@dataclass(frozen=True, slots=True)
class LockHolder:
    name: str
    machine: str
    pid: int
    since: str

    def describe(self) -> str:
        who = self.name or "someone"
        where = self.machine or "an unknown computer"
        return f"{who} on {where} since {self.since}"


class LockedError(ReturnError):
    """Another process (or window) is editing the return."""

    def __init__(self, path: str, holder: LockHolder) -> None:
        self.path = path
        self.holder = holder
        super().__init__(
            f"{path} is being edited by {holder.describe()}. You can open it read-only."
        )
