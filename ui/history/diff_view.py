"""A word-level difference on screen, never by colour alone: added words are underlined inside
``[+ … +]``, removed words struck through inside ``[- … -]`` (and muted, in the palette's
placeholder colour), so the markers are in the text a screen reader reads and a copy keeps.

:class:`DiffView` is a read-only rich-text browser (Tab moves on; links ask to go to a
question); :func:`diff_html` is what it shows.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from stocktake_desktop.diff import Run, word_diff, words
from stocktake_desktop.template import Question

from .texts import SHORT_FIELDS, value_text

ADDED = ("[+", "+]")
REMOVED = ("[-", "-]")
#: Links in the views' HTML: ``question:4.5`` asks to show question 4.5.
QUESTION_LINK = "question:"
_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def word_runs(before: str, after: str) -> list[Run]:
    """The word-level difference as it is shown (:func:`tidy`)."""
    return tidy(word_diff(before, after))


def field_runs(field: str, before: str, after: str, question: Question | None) -> list[Run]:
    """A field's change as shown: text word by word; a status code, the good practice tick or
    the agreement as the whole value replaced, in words ("[-3 – In process-] [+2 – Not
    clear+]")."""
    if field not in SHORT_FIELDS:
        return word_runs(before, after)
    old, new = value_text(field, before, question), value_text(field, after, question)
    if old == new:
        return [("same", new)]
    return [("removed", old), ("same", " "), ("added", new)]


def tidy(runs: list[Run]) -> list[Run]:
    """The core's runs with a removal and the addition after it sharing whole words at either
    end shown as unchanged there ("board." → "board. Families…" is "board." then an addition,
    not a word removed and put back)."""
    tidied: list[Run] = []
    index = 0
    while index < len(runs):
        kind, text = runs[index]
        following = runs[index + 1] if index + 1 < len(runs) else None
        if kind == "removed" and following is not None and following[0] == "added":
            tidied.extend(_shared_ends(text, following[1]))
            index += 2
            continue
        tidied.append((kind, text))
        index += 1
    return [run for run in tidied if run[1]]


def _shared_ends(removed: str, added: str) -> list[Run]:
    """A replacement as (same, removed, added, same), the shared ends whole words."""
    start = _word_prefix(removed, added)
    head, removed, added = removed[:start], removed[start:], added[start:]
    end = _word_prefix(removed[::-1], added[::-1])
    tail = removed[len(removed) - end :] if end else ""
    if end:
        removed, added = removed[:-end], added[:-end]
    return [("same", head), ("removed", removed), ("added", added), ("same", tail)]


def _word_prefix(first: str, second: str) -> int:
    """How many leading characters ``first`` and ``second`` share, up to a word's end."""
    shared = 0
    for one, two in zip(first, second, strict=False):
        if one != two:
            break
        shared += 1
    if shared in (len(first), len(second)):
        longer = second if shared == len(first) else first
        if (
            shared == len(longer)
            or longer[shared].isspace()
            or longer[shared - 1 : shared].isspace()
        ):
            return shared
    while shared and not first[shared - 1].isspace():
        shared -= 1
    return shared


def elide_same(runs: list[Run], keep: int = 12) -> list[Run]:
    """Long unchanged stretches cut to ``keep`` words either side of the changes, with " … "
    between (a list of many answers stays readable; the history panel shows all)."""
    shown: list[Run] = []
    for index, (kind, text) in enumerate(runs):
        tokens = words(text)
        if kind != "same" or len(tokens) <= 2 * keep + 4:
            shown.append((kind, text))
            continue
        head = "".join(tokens[:keep]) if index > 0 else ""
        tail = "".join(tokens[-keep:]) if index < len(runs) - 1 else ""
        shown.append((kind, f"{head}… {tail}" if tail else f"{head}…"))
    return shown


def runs_html(runs: list[Run], muted: str) -> str:
    """The runs as HTML: unchanged text as it is, changes marked (white space kept outside
    the markers, so "[+new words+] " reads naturally)."""
    parts: list[str] = []
    for kind, text in runs:
        if kind == "same":
            parts.append(_escape(text))
            continue
        match = _EDGES.match(text)
        assert match is not None
        lead, words, trail = match.groups()
        if not words:  # only white space changed: show it as a marked space
            words = "␣" if "\n" not in text else "¶"
        opening, closing = ADDED if kind == "added" else REMOVED
        if kind == "added":
            body = f"<u><b>{opening}</b>{_escape(words)}<b>{closing}</b></u>"
        else:
            body = (
                f'<span style="color:{muted}"><s><b>{opening}</b>{_escape(words)}'
                f"<b>{closing}</b></s></span>"
            )
        parts.append(f"{_escape(lead)}{body}{_escape(trail)}")
    return "".join(parts)


def diff_plain(runs: list[Run]) -> str:
    """The runs as plain text with the same markers."""
    parts: list[str] = []
    for kind, text in runs:
        if kind == "same":
            parts.append(text)
            continue
        lead, words, trail = _EDGES.match(text).groups()  # type: ignore[union-attr]
        opening, closing = ADDED if kind == "added" else REMOVED
        parts.append(f"{lead}{opening}{words}{closing}{trail}")
    return "".join(parts)


def diff_summary(runs: list[Run]) -> str:
    """ "3 words added, 2 removed", "No difference"."""
    added = sum(len(text.split()) for kind, text in runs if kind == "added")
    removed = sum(len(text.split()) for kind, text in runs if kind == "removed")
    if not added and not removed:
        changed = any(kind != "same" for kind, _ in runs)
        return "Only spacing changed" if changed else "No difference"
    words = []
    if added:
        words.append(f"{added} word{'s' if added != 1 else ''} added")
    if removed:
        words.append(f"{removed} {'word' if removed == 1 else 'words'} removed")
    return ", ".join(words)


def muted_colour(widget: QWidget) -> str:
    """The palette's placeholder colour, for removed words (never the only sign)."""
    return widget.palette().color(QPalette.ColorRole.PlaceholderText).name()


def diff_html(runs: list[Run], muted: str) -> str:
    """The runs (:func:`word_runs`) as marked HTML in a block that keeps line breaks."""
    if not runs:
        return "<p><i>(empty)</i></p>"
    return f'<p style="white-space: pre-wrap">{runs_html(runs, muted)}</p>'


class DiffView(QTextBrowser):
    """Shows HTML from this module; ``question_requested`` when a question link is followed."""

    question_requested = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._followed)

    def show_html(self, body: str, description: str = "") -> None:
        self.setHtml(body)
        self.setAccessibleDescription(description)

    def _followed(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith(QUESTION_LINK):
            self.question_requested.emit(target.removeprefix(QUESTION_LINK))
