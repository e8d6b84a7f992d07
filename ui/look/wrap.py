"""Wrapping a message only at its spaces, so a path or a file name is never split across lines
(Qt's own wrapping breaks after a "/" or a "-", showing "/tmp/records" as "/" and "tmp/…")."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

_HELD = "\x00"  # stands for a space inside a part kept whole, while the words are split
_AFTER = re.compile(r"(?<=[/\\\-_. ])")  # where a part too long for any line may be split


def lines_at_spaces(
    text: str, whole: Sequence[str], measure: Callable[[str], int], usual: int, most: int
) -> list[str]:
    """``text`` in lines broken only at spaces, ``usual`` wide (as ``measure`` measures), or
    wider, up to ``most``, for each of ``whole`` (a path, say, spaces and all) to have one line;
    only a word longer than ``most`` is split (after a "/", "-", "_" or "."). A new line in
    ``text`` starts a new line."""
    paragraphs: list[list[str]] = []
    for paragraph in text.split("\n"):
        for part in sorted(whole, key=len, reverse=True):
            paragraph = paragraph.replace(part, part.replace(" ", _HELD))
        paragraphs.append([word.replace(_HELD, " ") for word in paragraph.split(" ")])
    kept = [w for words in paragraphs for w in words if any(part in w for part in whole)]
    limit = min(most, max([usual, *map(measure, kept)]))

    def fits(line: str) -> bool:
        return measure(line) <= limit

    lines: list[str] = []
    for words in paragraphs:
        line = ""
        for word in words:
            if line and fits(f"{line} {word}"):
                line = f"{line} {word}"
                continue
            if line:
                lines.append(line)
            *full, line = _pieces(word, fits)
            lines.extend(full)
        lines.append(line)
    return lines


def _pieces(word: str, fits: Callable[[str], bool]) -> list[str]:
    """``word`` whole if it fits a line, else in as few pieces as fit."""
    pieces: list[str] = []
    current = ""
    for chunk in _AFTER.split(word):
        if current and not fits(current + chunk):
            pieces.append(current)
            current = ""
        current += chunk
    return [*pieces, current]


def unbroken_html(lines: Sequence[str]) -> str:
    """``lines`` as rich text that shows them as they are: no further breaks, none joined."""
    shown = "<br>".join(html.escape(line, quote=False) for line in lines)
    return f'<p style="white-space:pre">{shown}</p>'
