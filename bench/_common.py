"""Shared helpers for the bench scripts: timing, a throwaway data folder, the seed answers."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORKDIR = Path(tempfile.mkdtemp(prefix="stocktake-bench-"))
os.environ["STOCKTAKE_DATA_DIR"] = str(WORKDIR / "appdata")


def median_seconds(action: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_main(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )


def seed_interchange(narrative_length: int | None = None) -> dict[str, Any]:
    """Seed 000's answers as an interchange file (3.5's out-of-list code dropped)."""
    from stocktake_desktop.template import default_template
    from tests.core.seed_parsing import seed_answers

    template = default_template()
    answers = seed_answers()
    result: dict[str, Any] = {"format": "stocktake-answers", "version": 1, "answers": {}}
    for question in template.questions:
        codes, narrative = answers[question.ref]
        if narrative_length:
            narrative = (narrative + " ") * (narrative_length // (len(narrative) + 1) + 1)
            narrative = narrative[:narrative_length]
        result["answers"][question.ref] = {
            "codes": [c for c in codes if c in question.code_values()],
            "narrative": narrative,
        }
    return result


def write_json(data: dict[str, Any], name: str) -> Path:
    path = WORKDIR / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def report(label: str, value: float, target: float, unit: str = "ms") -> None:
    scale = 1000 if unit == "ms" else 1
    verdict = "ok" if value <= target else "OVER TARGET"
    limit = f"(target <= {target * scale:g} {unit})"
    print(f"{label:<58} {value * scale:9.2f} {unit}  {limit} {verdict}")
