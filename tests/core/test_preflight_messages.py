"""Pre-flight messages say the length and the limit in the same unit (characters, both)."""

from __future__ import annotations

import re
from pathlib import Path

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.preflight import run_preflight
from stocktake_desktop.export.safe_text import CELL_LIMIT


def _cell_items(path: Path) -> dict[str, str]:
    with ReturnDocument.open(path, "Alice") as document:
        preflight = run_preflight(document)
    return {item.ref: item.line() for item in preflight.items if item.kind == "cell_limit"}


def test_over_the_cell_limit_is_described_in_characters_like_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("2.4", "😀" * 20_000)  # 20,000 emoji: 40,000 as Excel counts
        document.set_narrative("2.5", "é" * 40_000)
        document.set_support_required("2.6", "x" * (CELL_LIMIT - 1) + "😀")  # one over
        document.set_narrative("3.1", "x" * CELL_LIMIT)  # exactly the limit: fits
        document.set_narrative("3.2", "x" * CELL_LIMIT + "\n\n   ")  # fits once tidied
    lines = _cell_items(path)
    assert set(lines) == {"2.4", "2.5", "2.6"}
    assert lines["2.4"].startswith(
        "2.4: the assessment is 40,000 characters, over the 32,767 characters an Excel cell holds "
        "(an emoji counts as two)"
    )
    assert "the assessment is 40,000 characters, over the 32,767 characters" in lines["2.5"]
    assert "the support required is 32,768 characters, over the 32,767 characters" in lines["2.6"]
    for line in lines.values():
        assert line.endswith("the PDF has it all (warning)")
        # Both numbers are followed by the same unit.
        assert re.findall(r"\d[\d,]* (\w+)", line) == ["characters", "characters"]
