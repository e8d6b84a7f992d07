"""Merge speed (issue 12: merging two full returns with 200 versions per answer, <= 1 s).

Two copies of one return whose 61 narratives each have 200 versions (growing to about 12,000
characters): after they part, the council rewrites 20 answers, the CCG 20 others, and both 10
more (10 conflicts). Measured: planning the merge; the merge itself (plan and write, both
files open); the whole merge in the process (opening both files with the checks every file
gets, planning, writing, saving); and ``python main.py merge`` as a new process.

Run: .venv/bin/python bench/bench_merge.py
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from _common import WORKDIR, median_seconds, report, run_main

from stocktake_desktop.document import ReturnDocument, changelog
from stocktake_desktop.merge import apply_merge, open_copy, plan_merge

VERSIONS = 200
WORDS = ["plan", "care", "review", "home", "the", "and", "partnership", "board", "with", "of"]


def clock() -> Callable[[], None]:
    """Step the change log's clock past a burst on every write, so each is a version."""
    moment = [datetime.fromisoformat("2013-06-01T09:00:00+01:00")]
    changelog.now = lambda: moment[0]

    def tick() -> None:
        moment[0] += timedelta(seconds=changelog.BURST_SECONDS + 1)

    return tick


def build(folder: Path) -> tuple[Path, Path]:
    """The council's file and the CCG's copy, parted after 200 versions of every answer."""
    tick = clock()
    rng = random.Random(12)
    la = folder / "la.stocktake"
    with ReturnDocument.create(la, "Leicestershire", "Jo Bloggs") as document:
        refs = [q.ref for q in document.template.questions]
        texts = dict.fromkeys(refs, "")
        with document.batch():
            for step in range(VERSIONS):
                document.editor = ("Jo Bloggs", "Priya Shah")[step % 2]
                for ref in refs:
                    texts[ref] += " ".join(rng.choice(WORDS) for _ in range(9)) + ". "
                    document.set_narrative(ref, texts[ref])
                tick()
    ccg = folder / "ccg.stocktake"
    shutil.copyfile(la, ccg)
    rewrite(la, "Jo Bloggs", refs[:20] + refs[40:50], "Council: ", tick)
    rewrite(ccg, "Dev Patel", refs[20:40] + refs[40:50], "CCG: ", tick)
    return la, ccg


def rewrite(path: Path, editor: str, refs: list[str], lead: str, tick: Callable[[], None]) -> None:
    with ReturnDocument.open(path, editor) as document:
        for ref in refs:
            for version in range(3):
                document.set_narrative(ref, f"{lead}{version} " + document.answer(ref).narrative)
                tick()


def main() -> None:
    folder = WORKDIR / "merge"
    folder.mkdir(parents=True)
    started = time.perf_counter()
    la, ccg = build(folder)
    print(f"{'  building the two returns':<58} {time.perf_counter() - started:9.1f} s")
    with ReturnDocument.open(ccg, "Bench", read_only=True) as document:
        entries = len(document.change_log())
    print(f"{'  change-log entries in each':<58} {entries:9d}")
    print(f"{'  file size of each':<58} {la.stat().st_size / 1e6:9.1f} MB")

    runs = iter(range(1000))

    def fresh() -> Path:
        target = folder / f"la-{next(runs)}.stocktake"
        shutil.copyfile(la, target)
        return target

    with ReturnDocument.open(fresh(), "Jo Bloggs") as document:
        copy = open_copy(ccg, document.path)
        try:
            plan = plan_merge(document, copy)
            assert (len(plan.takes), len(plan.clashes)) == (20, 10), plan
            report(
                "Plan the merge (both copies open)",
                median_seconds(lambda: plan_merge(document, copy), runs=5),
                1.0,
            )
        finally:
            copy.close()

    steps: list[float] = []
    times: list[float] = []
    for _ in range(5):
        target = fresh()
        start = time.perf_counter()
        with ReturnDocument.open(target, "Jo Bloggs") as document:
            copy = open_copy(ccg, target)
            try:
                step = time.perf_counter()
                result = apply_merge(document, copy, plan_merge(document, copy))
                steps.append(time.perf_counter() - step)
            finally:
                copy.close()
        times.append(time.perf_counter() - start)
        assert len(result.conflicts) == 10
    report("The merge itself: plan and write (both files open)", sorted(steps)[2], 1.0)
    report("Merge: open both (checked), plan, write, save", sorted(times)[2], 1.0)

    whole: list[float] = []
    for _ in range(3):
        target = fresh()
        start = time.perf_counter()
        try:
            run_main("merge", target, ccg)
        except Exception as error:  # exit 1: conflicts left, as expected
            assert getattr(error, "returncode", None) == 1, error
        whole.append(time.perf_counter() - start)
    report("python main.py merge (whole process)", sorted(whole)[1], 1.0)


if __name__ == "__main__":
    main()
