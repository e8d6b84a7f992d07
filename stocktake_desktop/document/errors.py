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


class CannotEditError(ReturnError):
    """The return can be read but not edited here: offer to open it read-only instead."""


class ReadOnlyFileError(CannotEditError):
    """The file or its folder cannot be written, or the file has several names (hard links)."""


class NameTooLongError(StorageError, CannotEditError):
    """The name or the whole path is too long for the app's lock and save files beside it."""


class LockFileError(StorageError, CannotEditError):
    """Where the lock file should be there is a folder, or a file that cannot be read."""


class InterruptedWriteError(CannotEditError):
    """Another program left the file part-way through a change (its journal is beside it)."""

    def __init__(self, message: str, journals: tuple[str, ...]) -> None:
        self.journals = journals
        super().__init__(message)


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


class LockedError(CannotEditError):
    """Another process (or window) is editing the return.

    ``can_take_over`` is True when the lock is another computer's: this one cannot tell
    whether that session is still alive, so the user may take over after being told who holds it.
    """

    def __init__(self, path: str, holder: LockHolder, *, can_take_over: bool = False) -> None:
        self.path = path
        self.holder = holder
        self.can_take_over = can_take_over
        super().__init__(
            f"{path} is being edited by {holder.describe()}. You can open it read-only."
        )
