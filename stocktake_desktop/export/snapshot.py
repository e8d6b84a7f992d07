"""Everything an export needs, read from the return once, as plain values.

The workbook, the PDF and the manifest are written from this snapshot, never from the open
document, so all three describe exactly the same return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from stocktake_desktop.document import (
    Answer,
    ChangeLogEntry,
    EvidenceLink,
    EvidenceState,
    ReturnDocument,
    Submission,
)
from stocktake_desktop.document.models import Action, Agreement, Meeting
from stocktake_desktop.export.evidence_copy import unique_names
from stocktake_desktop.fields import ANSWER_FIELDS
from stocktake_desktop.template import Template

EVIDENCE_FOLDER = "evidence"

#: How change lists (the PDF's and workbook's changes, the meeting record) name each field.
FIELD_LABELS = {
    **{field.key: field.label for field in ANSWER_FIELDS},
    "evidence": "Evidence",
    "locality": "Locality",
    "agreement": "Agreement",
    "agreement_note": "Agreement note",
    "action": "Action",
    "meeting": "Meeting",
    "attendee": "Attendee",
}


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """An attached file and the name it has in the bundle (``evidence/<name>``)."""

    link: EvidenceLink
    bundle_name: str
    state: EvidenceState

    @property
    def bundle_path(self) -> str:
        return str(PurePosixPath(EVIDENCE_FOLDER, self.bundle_name))

    @property
    def available(self) -> bool:
        return self.link.embedded or self.state is not EvidenceState.MISSING


@dataclass(frozen=True, slots=True)
class Change:
    """A change made after the last final submission, described for people."""

    at: str
    who: str
    ref: str
    what: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class ReturnSnapshot:
    template: Template
    locality: str
    editor: str
    exported_at: datetime
    final: bool
    ready: bool
    answers: dict[str, Answer]
    evidence: dict[str, list[EvidenceItem]]
    completed_by: dict[str, str]
    sign_off: dict[str, tuple[str, str]]
    last_final: Submission | None = None
    changes: list[Change] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)

    def all_evidence(self) -> list[EvidenceItem]:
        return [item for q in self.template.questions for item in self.evidence.get(q.ref, [])]

    @property
    def author(self) -> str:
        """Who the documents say wrote them: the person who completed the return, or the area."""
        name = self.completed_by.get("name", "")
        return f"{name}, {self.locality}" if name else self.locality

    def agreement(self, ref: str) -> Agreement:
        """Where the partnership stands on answer ``ref`` (draft when nothing was set)."""
        return self.agreements.get(ref) or Agreement(ref)

    @property
    def has_meetings(self) -> bool:
        """Whether the partnership recorded anything: a meeting, an agreement or an action."""
        agreed = any(a.status != "draft" or a.note for a in self.agreements.values())
        return bool(self.meetings or self.actions or agreed)


def take_snapshot(
    document: ReturnDocument, *, final: bool, ready: bool, now: datetime | None = None
) -> ReturnSnapshot:
    """Read the return for export; ``now`` (local, aware) is the export time."""
    template = document.template
    links = document.evidence()
    order = {q.ref: q.number for q in template.questions}
    links.sort(key=lambda link: (order.get(link.ref, 0), link.id))
    names = unique_names(f"{link.ref} {link.file_name}" for link in links)
    evidence: dict[str, list[EvidenceItem]] = {}
    for link, name in zip(links, names, strict=True):
        state = EvidenceState.OK if link.embedded else document.evidence_state(link)
        evidence.setdefault(link.ref, []).append(EvidenceItem(link, name, state))
    last_final = document.last_final_submission()
    return ReturnSnapshot(
        template=template,
        locality=document.locality,
        editor=document.editor,
        exported_at=now or datetime.now().astimezone().replace(microsecond=0),
        final=final,
        ready=ready,
        answers=document.answers(),
        evidence=evidence,
        completed_by=document.completed_by(),
        sign_off=document.sign_off(),
        last_final=last_final,
        changes=[_describe(entry, template) for entry in document.changes_since_submission()],
        meetings=document.meetings(),
        agreements=document.agreements(),
        actions=document.actions(),
    )


def _describe(entry: ChangeLogEntry, template: Template) -> Change:
    what = FIELD_LABELS.get(entry.field)
    if what is None:
        group, _, rest = entry.field.partition(".")
        key, _, part = rest.partition(".")
        labels = {f.key: f.label for f in (*template.completed_by_fields, *template.sign_off_roles)}
        if group == "completed_by":
            what = f"Completed by: {labels.get(key, key)}"
        elif group == "sign_off":
            what = f"Signed by: {labels.get(key, key)} ({'date' if part == 'date' else 'name'})"
        else:
            what = entry.field.replace("_", " ")
    return Change(entry.at, entry.who, entry.ref, what, entry.old, entry.new)
