"""The completion block after a Word return's table: who completed it and who signed it.

The template prints "This document has been completed by" with "Name:", "Organisation:" and
"Contact:", then "Signed by:" with each signatory ("Chair HWB:", "LA Chief Executive:",
"CCG rep:"). A value may follow its label on the same line or on the lines below. Under a
signatory, "Name:", "Signature:" and "Date:" lines are read as such; several plain lines are
a signature with the printed name below it, so the last line is taken as the name and the
others are reported, not imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stocktake_desktop.dates import parse_date
from stocktake_desktop.imports.matching import squash
from stocktake_desktop.imports.source import excerpt
from stocktake_desktop.template import Template

_NAME, _SIGNATURE, _DATE = "name", "signature", "date"
_SUB_LABELS = {"name": _NAME, "signature": _SIGNATURE, "signed": _SIGNATURE, "date": _DATE}


@dataclass(slots=True)
class _Signatory:
    label: str
    lines: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    def part(self, sub: str) -> list[str]:
        return {_NAME: self.named, _SIGNATURE: self.signature, _DATE: self.dates}.get(
            sub, self.lines
        )


@dataclass(slots=True)
class CompletionReading:
    values: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, template: Template) -> None:
        self.completed_by: dict[str, list[str]] = {}
        self.signatories: dict[str, _Signatory] = {}
        self.labels: dict[str, tuple[str, str]] = {}
        for item in template.completed_by_fields:
            self.labels[squash(item.label)] = ("completed_by", item.key)
        for role in template.sign_off_roles:
            for text in (role.label, role.short_label):
                self.labels[squash(text)] = ("sign_off", role.key)
            self.signatories[role.key] = _Signatory(role.short_label)
        self.headings = {
            squash(template.heading_completed_by): "completed_by",
            squash(template.heading_sign_off): "sign_off",
        }
        self.current: tuple[str, str] | None = None
        self.sub = ""

    def line(self, line: str) -> None:
        if squash(line) in self.headings:
            self.current = None
            return
        head, colon, rest = line.partition(":")
        label = squash(head if colon else line)
        signing = self.current is not None and self.current[0] == "sign_off"
        if signing and label in _SUB_LABELS:
            self.sub = _SUB_LABELS[label]
        elif label in self.labels:
            self.current, self.sub = self.labels[label], ""
        else:
            self._value(line)
            return
        self._value(rest if colon else "")

    def _value(self, text: str) -> None:
        text = text.strip()
        if not text or self.current is None:
            return
        group, key = self.current
        if group == "completed_by":
            self.completed_by.setdefault(key, []).append(text)
        else:
            self.signatories[key].part(self.sub).append(text)

    def result(self) -> CompletionReading:
        reading = CompletionReading()
        for key, lines in self.completed_by.items():
            reading.values[f"completed_by.{key}"] = " ".join(lines)
        for key, signatory in self.signatories.items():
            _signatory(reading, key, signatory)
        return reading


def _signatory(reading: CompletionReading, key: str, signatory: _Signatory) -> None:
    lines = signatory.lines
    if signatory.named:
        name, others = " ".join(signatory.named), [*signatory.signature, *lines]
    else:
        name, others = (lines[-1] if lines else ""), [*signatory.signature, *lines[:-1]]
    if name:
        reading.values[f"sign_off.{key}.name"] = name
    for other in others:
        reading.notes.append(
            f"{signatory.label}: {excerpt(other)} is taken as the signature (the printed name "
            "is what is imported)"
        )
    if signatory.dates:
        written = " ".join(signatory.dates)
        date = parse_date(written)
        if date is None:
            reading.notes.append(
                f"{signatory.label}: the date {excerpt(written)} is not a date, so it is not "
                "imported"
            )
        else:
            reading.values[f"sign_off.{key}.date"] = date.isoformat()


def read_completion(lines: list[str], template: Template) -> CompletionReading:
    """Completed-by and sign-off values (by the return's keys) from the lines after the table."""
    reader = _Reader(template)
    for text in lines:
        for line in text.splitlines():
            if line.strip():
                reader.line(line)
    return reader.result()
