"""safe_text: the rules for workbook cells, checked directly."""

from __future__ import annotations

import pytest

from stocktake_desktop.export.safe_text import (
    CELL_LIMIT,
    CUT_NOTE,
    cut_to_cell,
    needs_quote,
    safe_text,
    utf16_length,
)


@pytest.mark.parametrize(
    "text", ["=SUM(A1)", "+44 1234", "-x", "@cmd", "\tindent", "#N/A", "#n/a", "#REF!", "#DIV/0!",
             "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA", " #N/A "],
)  # fmt: skip
def test_needs_quote(text: str) -> None:
    assert needs_quote(text)


@pytest.mark.parametrize("text", ["", "Yes", "a = b", "1.10", "#N/A is an error", "email@x", "#1"])
def test_plain_text_needs_no_quote(text: str) -> None:
    assert not needs_quote(text)


def test_utf16_length_counts_emoji_twice() -> None:
    assert utf16_length("a😀é") == 4


def test_cut_is_exact_at_the_limit() -> None:
    fits = "a" * CELL_LIMIT
    assert cut_to_cell(fits) == (fits, False)
    over = "a" * (CELL_LIMIT + 1)
    cut, was_cut = cut_to_cell(over)
    assert was_cut and utf16_length(cut) == CELL_LIMIT and cut.endswith(CUT_NOTE)


def test_cut_never_splits_a_surrogate_pair() -> None:
    room = CELL_LIMIT - utf16_length(CUT_NOTE)
    text = "a" * (room - 1) + "😀" + "b" * 100  # the emoji would straddle the cut
    assert utf16_length(text) > CELL_LIMIT
    cut, was_cut = cut_to_cell(text)
    assert was_cut
    assert cut == "a" * (room - 1) + CUT_NOTE
    cut.encode("utf-8")  # no lone surrogate


def test_safe_text_flags() -> None:
    result = safe_text("=" + "😀" * 20_000)
    assert result.quote and result.cut
    assert utf16_length(result.text) <= CELL_LIMIT
