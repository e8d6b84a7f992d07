"""What a merge, an import or a settled conflict changed, seen from the views: the return read
before and after, compared, so each view is told only about what it shows."""

from __future__ import annotations

from dataclasses import dataclass

from stocktake_desktop.document import ReturnDocument

#: The refs :class:`Changed` uses for what is not a question.
COMPLETION, LOCALITY = "completion", "locality"


@dataclass(frozen=True, slots=True)
class State:
    """The parts of a return the views show, as they were at one moment."""

    answers: dict[str, object]
    agreements: dict[str, object]
    evidence: dict[str, tuple[object, ...]]
    completion: dict[str, str]
    locality: str
    meetings: tuple[object, ...]
    actions: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Changed:
    """What differs between two :class:`State` s."""

    answers: tuple[str, ...] = ()  # refs whose answer changed
    agreements: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    completion: bool = False
    locality: bool = False
    meetings: bool = False
    actions: bool = False

    @property
    def reload(self) -> tuple[str, ...]:
        """What the views must show again: the answers' refs, then "completion" and
        "locality" when they changed."""
        extra = (COMPLETION,) * self.completion + (LOCALITY,) * self.locality
        return (*self.answers, *extra)

    @property
    def anything(self) -> bool:
        return bool(
            self.answers
            or self.agreements
            or self.evidence
            or self.completion
            or self.locality
            or self.meetings
            or self.actions
        )


def read_state(document: ReturnDocument) -> State:
    evidence: dict[str, list[object]] = {}
    for link in document.evidence():
        evidence.setdefault(link.ref, []).append(link)
    return State(
        answers=dict(document.answers()),
        agreements=dict(document.agreements()),
        evidence={ref: tuple(links) for ref, links in evidence.items()},
        completion=dict(document.completion()),
        locality=document.locality,
        meetings=tuple(document.meetings()),
        actions=tuple(document.actions()),
    )


def compare(before: State, after: State) -> Changed:
    def differing(old: dict[str, object], new: dict[str, object]) -> tuple[str, ...]:
        refs = dict.fromkeys([*old, *new])
        return tuple(ref for ref in refs if old.get(ref) != new.get(ref))

    return Changed(
        answers=differing(before.answers, after.answers),
        agreements=differing(before.agreements, after.agreements),
        evidence=differing(dict(before.evidence), dict(after.evidence)),
        completion=before.completion != after.completion,
        locality=before.locality != after.locality,
        meetings=before.meetings != after.meetings,
        actions=before.actions != after.actions,
    )
