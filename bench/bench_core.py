"""Core speed: saving edits, writing the user's file, and the import/dump commands.

Run: python run.py bench   (or .venv/bin/python bench/bench_core.py)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

from _common import WORKDIR, median_seconds, report, run_main, seed_interchange, write_json

from stocktake_desktop.document import ReturnDocument


def bench_edit_and_publish() -> None:
    path = WORKDIR / "edits.stocktake"
    document = ReturnDocument.create(path, "Leicestershire", "Bench")
    try:
        times = []
        for index in range(200):
            start = time.perf_counter()
            document.set_narrative("1.1", f"Draft number {index} " * 40)
            times.append(time.perf_counter() - start)
        report("Save one edit to the working copy (median of 200)", statistics.median(times), 0.005)

        for index in range(10):
            evidence = WORKDIR / f"evidence-{index}.bin"
            evidence.write_bytes(os.urandom(1024 * 1024))
            document.add_evidence("2.1", evidence, embed=True)

        def edit_and_publish() -> None:
            document.set_narrative("1.2", f"edit at {time.perf_counter()}")
            document.publish()

        report(
            "Write the user's file after an edit (10 MB embedded)",
            median_seconds(edit_and_publish, runs=7),
            0.150,
        )
        print(f"{'  user file size':<58} {path.stat().st_size / 1e6:9.1f} MB")
    finally:
        document.close()


def bench_change_log_growth() -> None:
    """File growth from the change log: each write its own version (a pause between them)."""
    from datetime import timedelta

    from stocktake_desktop.document import changelog

    real_now = changelog.now
    moment = [real_now()]
    changelog.now = lambda: moment[0]  # each write more than a burst after the last
    words = ["partnership", "commissioning", "placement", "review", "assurance", "provider"]
    for writes, final_length in ((200, 12_000), (1_000, 20_000)):
        path = WORKDIR / f"log-{writes}.stocktake"
        document = ReturnDocument.create(path, "Leicestershire", "Bench")
        try:
            before = path.stat().st_size
            text = ""
            for step in range(1, writes + 1):
                while len(text) < final_length * step // writes:
                    text += words[len(text) % len(words)] + " "
                document.set_narrative("4.2", text)
                moment[0] += timedelta(seconds=changelog.BURST_SECONDS + 1)
            document.publish()
            growth = path.stat().st_size - before
        finally:
            document.close()
        print(
            f"{f'{writes} writes growing a narrative to {final_length:,} characters':<58} "
            f"{growth / 1024:7.0f} KB added to the file"
            + ("   (target <= 300 KB)" if writes == 200 else "")
        )
    changelog.now = real_now


def bench_import_dump() -> None:
    path = WORKDIR / "seed.stocktake"
    answers = write_json(seed_interchange(), "seed.json")

    def fresh_import() -> None:
        path.unlink(missing_ok=True)
        run_main("new", path, "--locality", "Leicestershire")
        start = time.perf_counter()
        run_main("import", path, answers, "--as", "Bench")
        timings.append(time.perf_counter() - start)

    timings: list[float] = []
    for _ in range(5):
        fresh_import()
    report("`import` of the full seed return (whole process)", statistics.median(timings), 1.0)
    report("`dump` (whole process)", median_seconds(lambda: run_main("dump", path)), 0.5)
    bare = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    print(f"{'  for scale: a bare `python -c pass`':<58} {bare * 1000:9.2f} ms")


def bench_huge_narratives() -> None:
    path = WORKDIR / "huge.stocktake"
    data = seed_interchange(narrative_length=30_000)
    answers = write_json(data, "huge.json")
    run_main("new", path, "--locality", "Leicestershire")
    start = time.perf_counter()
    run_main("import", path, answers)
    imported = time.perf_counter() - start
    start = time.perf_counter()
    dumped = json.loads(run_main("dump", path).stdout)
    dumped_in = time.perf_counter() - start
    same = all(
        dumped["answers"][ref]["narrative"] == answer["narrative"]
        for ref, answer in data["answers"].items()
    )
    print(
        f"{'61 x 30,000-character narratives: import / dump':<58} "
        f"{imported * 1000:7.0f} ms / {dumped_in * 1000:.0f} ms, round trip "
        f"{'exact' if same else 'DIFFERENT'}, file {path.stat().st_size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    bench_edit_and_publish()
    bench_change_log_growth()
    bench_import_dump()
    bench_huge_narratives()
