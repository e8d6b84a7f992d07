"""A word-level difference between two texts, for the history of an answer."""

from __future__ import annotations

import difflib
import re
from typing import Literal

Kind = Literal["same", "added", "removed"]
Run = tuple[Kind, str]

#: A word with the white space after it; white space at the very start is a token of its own.
_TOKEN = re.compile(r"\s+|\S+\s*")


def words(text: str) -> list[str]:
    """``text`` as word tokens which join back to exactly ``text``."""
    return _TOKEN.findall(text)


def word_diff(before: str, after: str) -> list[Run]:
    """The runs that take ``before`` to ``after``: ("same", text), ("removed", text) and
    ("added", text), in reading order; a replaced stretch is its removal, then its addition.
    Joining the "same" and "removed" runs gives ``before``; "same" and "added" give ``after``."""
    old, new = words(before), words(after)
    runs: list[Run] = []
    # The common start and end are the same run without asking difflib (most edits are small).
    start = _shared_start(old, new)
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    _add(runs, "same", "".join(old[:start]))
    middle_old, middle_new = old[start : len(old) - end], new[start : len(new) - end]
    matcher = difflib.SequenceMatcher(None, middle_old, middle_new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(runs, "same", "".join(middle_old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _add(runs, "removed", "".join(middle_old[i1:i2]))
        if tag in ("insert", "replace"):
            _add(runs, "added", "".join(middle_new[j1:j2]))
    _add(runs, "same", "".join(old[len(old) - end :]))
    return runs


def unchanged_start(before: str, after: str) -> int:
    """How many characters ``before`` and ``after`` share at their start, in whole words: where
    ``after`` first departs from ``before``."""
    old = words(before)
    return len("".join(old[: _shared_start(old, words(after))]))


def _shared_start(old: list[str], new: list[str]) -> int:
    """How many tokens ``old`` and ``new`` share at their start."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    return start


def _add(runs: list[Run], kind: Kind, text: str) -> None:
    if not text:
        return
    if runs and runs[-1][0] == kind:
        runs[-1] = (kind, runs[-1][1] + text)
    else:
        runs.append((kind, text))
