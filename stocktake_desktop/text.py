"""Normalising text on the way in, so everything stored can go into xlsx and PDF unchanged."""

from __future__ import annotations

import re

# Word uses a vertical tab for a manual line break and a form feed for a page break.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c]")
# Control characters other than tab and newline, the two non-characters U+FFFE/U+FFFF,
# and lone surrogates (which cannot be encoded as UTF-8).
_UNWANTED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_WHITESPACE_RUN = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Clean multi-line text: unify line breaks and drop characters xlsx/PDF cannot hold.

    Everything else (any script, emoji, right-to-left text, markup-looking text) is kept exactly.
    """
    return _UNWANTED.sub("", _LINE_BREAKS.sub("\n", text))


def normalise_line(text: str) -> str:
    """Clean single-line text (names, localities): as ``normalise_text``, whitespace folded."""
    return _WHITESPACE_RUN.sub(" ", normalise_text(text)).strip()


def removed_characters(text: str) -> int:
    """How many characters ``normalise_text`` would drop (line-break unification not counted)."""
    return len(_UNWANTED.findall(_LINE_BREAKS.sub("\n", text)))
