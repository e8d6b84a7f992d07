"""Importing from what people have: the Word return (seed 001 as .docx), a workbook the app
exported and last year's return, each into a new return.

Run: python run.py bench   (or .venv/bin/python bench/bench_import.py)
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from _common import WORKDIR, report, run_main

from stocktake_desktop.document import ReturnDocument
from tests.helpers import build_seed_return, export_return
from tests.word_fixtures import build_word_return


def new_return(name: str) -> Path:
    path = WORKDIR / name
    path.unlink(missing_ok=True)
    ReturnDocument.create(path, "Rotherham", "Bench").close()
    return path


def whole_process(source: Path, runs: int = 5) -> float:
    """Median seconds of ``python main.py import NEW SOURCE``, a new return each time."""
    timings = []
    for _ in range(runs):
        target = new_return("target.stocktake")
        start = time.perf_counter()
        run_main("import", target, source, "--as", "Bench")
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def in_process(source: Path, runs: int = 5) -> tuple[float, float]:
    """Median seconds to read and plan, and to apply, in this process (modules loaded)."""
    from stocktake_desktop.imports import apply_plan, plan_import, read_source

    reading, applying = [], []
    for _ in range(runs):
        with ReturnDocument.open(new_return("target.stocktake"), "Bench") as document:
            start = time.perf_counter()
            with read_source(source, document.template) as read:
                plan = plan_import(document, read)
                planned = time.perf_counter()
                apply_plan(document, plan)
            reading.append(planned - start)
            applying.append(time.perf_counter() - planned)
    return statistics.median(reading), statistics.median(applying)


def main() -> None:
    word = build_word_return(
        WORKDIR / "rotherham.docx", repeat_header_before=("4.1", "9.1"), merged_continuations=True
    )
    print(f"{'  the Word return (seed 001, 61 answers)':<58} {word.stat().st_size / 1024:7.0f} KB")
    report("`import` of the Word return (whole process)", whole_process(word), 1.0)
    read, applied = in_process(word)
    print(
        f"{'  of which reading and planning / applying':<58} {read * 1000:7.0f} ms / "
        f"{applied * 1000:.0f} ms"
    )

    seed = build_seed_return(WORKDIR / "leics.stocktake")
    [workbook] = export_return(seed, WORKDIR / "bundle").folder.glob("*.xlsx")
    report("`import` of an exported workbook (whole process)", whole_process(workbook), 1.0)
    report("`import` of last year's return (whole process)", whole_process(seed), 1.0)
    bare = whole_process_of("--version")
    print(f"{'  for scale: python main.py --version':<58} {bare * 1000:9.2f} ms")


def whole_process_of(*args: str) -> float:
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        run_main(*args)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


if __name__ == "__main__":
    main()
