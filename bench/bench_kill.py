"""Typing lost when the app is killed in the middle of a sentence.

    python bench/bench_kill.py [--workers 3] [--rounds 10] [--seed N]

Runs the real app (offscreen) typing one character every 120 ms into a narrative with real key
events, SIGKILLs it at a random moment 2-6 s into the typing, and measures after each kill how
much of what was typed is in the working copy (what recovery gives back) and in the user's file:
  * against the working copy — target <= 1.5 s (narratives are recorded at least every second);
  * against the user's file — target <= 3 s (it is written about a second after each change).
Several returns are typed into in parallel (``--workers``), a fresh narrative each round. The
harness is the one ``tests/ui/test_kill_while_typing.py`` asserts with (tests/ui/app_driver.py).
Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time

from _common import WORKDIR, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3, help="returns typed into at once")
    parser.add_argument("--rounds", type=int, default=10, help="kills per return")
    parser.add_argument("--seed", type=int, help="replay a run")
    options = parser.parse_args(argv)

    from tests.ui.kill_rounds import describe, left_beside, run_kill_rounds, summarise

    began = time.monotonic()
    seed, results = run_kill_rounds(
        WORKDIR / "kills", workers=options.workers, rounds=options.rounds, seed=options.seed
    )
    elapsed = time.monotonic() - began
    figures = summarise(results)
    problems = [f"  {r.ref}: {problem}" for r in results for problem in r.problems]

    print(describe(results))
    print()
    print(
        f"{len(results)} kills ({options.workers} returns in parallel) in {elapsed:.0f} s, "
        f"seed {seed}; typing one character every 120 ms"
    )
    report("typing lost from the working copy, maximum", figures["working_s_max"], 1.5, "s")
    report("typing lost from the working copy, median", figures["working_s_median"], 1.5, "s")
    report("typing lost from the user's file, maximum", figures["file_s_max"], 3.0, "s")
    report("typing lost from the user's file, median", figures["file_s_median"], 3.0, "s")
    print(
        f"  in characters: working copy max {figures['working_chars_max']:.0f}, median "
        f"{figures['working_chars_median']:.0f}; user's file max {figures['file_chars_max']:.0f}, "
        f"median {figures['file_chars_median']:.0f}"
    )
    recovered = sum(r.recovered for r in results)
    needless = sum(r.needless_offer for r in results)
    print(
        f"  recovery offered on {recovered} of {len(results)} starts"
        + (f" ({needless} with nothing left to recover)" if needless else "")
        + f"; longest pause between keystrokes {figures['gap_s_max']:.2f} s; "
        f"{len(left_beside(WORKDIR / 'kills'))} file(s) left beside the returns"
    )
    if problems:
        print(f"Problems (the apps' output is in {WORKDIR / 'kills' / 'logs'}):")
        print("\n".join(problems))
    else:
        shutil.rmtree(WORKDIR, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
