"""Plain values read from a return document."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Answer:
    ref: str
    codes: tuple[int, ...] = ()
    narrative: str = ""
    good_practice: bool = False
    good_practice_note: str = ""
    support_required: str = ""

    @property
    def is_answered(self) -> bool:
        return bool(self.narrative.strip())


class EvidenceState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class EvidenceLink:
    id: int
    ref: str
    original_path: str
    file_name: str
    size: int
    sha256: str
    modified: str
    added_by: str
    added_at: str
    embedded: bool = False


@dataclass(frozen=True, slots=True)
class ChangeLogEntry:
    id: int
    at: str
    who: str
    ref: str
    field: str
    old: str
    new: str
    after_submission: bool = False
    meeting: str = ""  # the id of the meeting it was made in, "" outside meetings


@dataclass(frozen=True, slots=True)
class Contributor:
    name: str
    first_seen: str
    last_seen: str
    changes: int


@dataclass(frozen=True, slots=True)
class Submission:
    id: int
    at: str
    bundle_id: str
    final: bool
    by: str


@dataclass(frozen=True, slots=True)
class Summary:
    """What ``info`` and the start page show about a return."""

    locality: str
    template_id: str
    answered: int
    total: int
    last_change_at: str
    last_change_by: str
    submissions: tuple[Submission, ...] = field(default_factory=tuple)


#: An answer's agreement statuses, in the order the views offer them.
AGREEMENT_STATUSES = ("draft", "agreed", "needs-work")
#: An action's statuses.
ACTION_STATUSES = ("open", "done")


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    """A partnership meeting; ``ended_at`` is "" while it runs. Dates are ISO yyyy-mm-dd,
    times ISO with their UTC offset."""

    id: str
    title: str
    date: str
    chair: str
    started_at: str
    ended_at: str = ""
    attendees: tuple[Attendee, ...] = ()

    @property
    def running(self) -> bool:
        return not self.ended_at


@dataclass(frozen=True, slots=True)
class Agreement:
    """Where the partnership stands on one answer; ``meeting`` is where it was set ("" if none)."""

    ref: str
    status: str = "draft"
    meeting: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Action:
    """Something to do about one answer; ``due`` is ISO yyyy-mm-dd or ""."""

    id: str
    ref: str
    text: str
    owner: str = ""
    due: str = ""
    status: str = "open"
    meeting: str = ""


@dataclass(frozen=True, slots=True)
class FieldVersion:
    """One version of one field of an answer: ``id`` is its change-log entry (the handle
    restoring uses); ``value`` what the field became, ``previous`` what it was before."""

    id: int
    at: str
    who: str
    ref: str
    field: str
    meeting: str
    value: str
    previous: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """How one field changed over a stretch of the change log, and who changed it."""

    field: str
    before: str
    after: str
    versions: int
    people: tuple[str, ...]
    last_at: str


@dataclass(frozen=True, slots=True)
class AnswerChange:
    """An answer that changed since a point (or in a meeting), field by field."""

    ref: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class SignOffLapse:
    """A sign-off made before later changes to the answers: it no longer covers them."""

    role: str
    label: str
    name: str
    date: str  # ISO yyyy-mm-dd, or "" when none was given
    changes: tuple[AnswerChange, ...]

    @property
    def refs(self) -> tuple[str, ...]:
        return tuple(change.ref for change in self.changes)
