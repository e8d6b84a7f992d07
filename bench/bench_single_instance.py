"""A second start handing its return to the running app (ui/single_instance.py).

    python bench/bench_single_instance.py [--runs 10]

Starts the app on one return (offscreen, its own data folder), then times, alternately for two
returns, whole processes of ``main.py OTHER`` as a double-click starts them: until the second
start has exited (it hands the path over and exits 0), and until the running app holds the
handed return's lock (it is open in the window). Between runs it lets the running app settle
for a second (it builds the rest of a return's pages in the background after opening it), as a
person would between two double-clicks. Prints the medians and the ranges.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTLE_S = 1.0
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def holder(path: Path) -> object:
    from stocktake_desktop.document.lock import lock_path_for, read_holder

    return (read_holder(lock_path_for(path)) or {}).get("pid")


def wait_for_holder(path: Path, pid: int, timeout: float = 60) -> float:
    """Seconds until ``pid`` holds ``path``'s lock."""
    began = time.perf_counter()
    while holder(path) != pid:
        if time.perf_counter() - began > timeout:
            raise SystemExit(f"{path.name} never opened in the running app")
        time.sleep(0.002)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stocktake-bench-") as folder:
        base = Path(folder)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "STOCKTAKE_DATA_DIR": str(base / "appdata"),
        }
        env.pop("STOCKTAKE_BENCH_EXIT_AFTER_SHOWN", None)
        os.environ["STOCKTAKE_DATA_DIR"] = env["STOCKTAKE_DATA_DIR"]
        from stocktake_desktop.document import ReturnDocument

        returns = [base / "first.stocktake", base / "second.stocktake"]
        for path in returns:
            ReturnDocument.create(path, "Leicestershire", "Bench").close()
        main_py = str(ROOT / "main.py")
        running = subprocess.Popen(
            [sys.executable, main_py, str(returns[0]), "--as", "Bench"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_holder(returns[0], running.pid)
            exited: list[float] = []
            opened: list[float] = []
            for run in range(args.runs + 1):
                path = returns[(run + 1) % 2]
                time.sleep(SETTLE_S)
                began = time.perf_counter()
                result = subprocess.run(
                    [sys.executable, main_py, str(path)], cwd=ROOT, env=env, check=False
                )
                done = time.perf_counter() - began
                if result.returncode != 0:
                    raise SystemExit(f"the second start exited {result.returncode}")
                shown = done + wait_for_holder(path, running.pid)
                if run:  # the first warms the file cache and bytecode; not counted
                    exited.append(done)
                    opened.append(shown)
        finally:
            running.terminate()
            running.wait(60)
    print(f"Second start handing its return to the running app, {args.runs} runs, offscreen")
    for label, values in (
        ("the second start exited (code 0)", exited),
        ("the return open in the running window", opened),
    ):
        print(
            f"  {label:40s} median {statistics.median(values):.3f} s "
            f"(min {min(values):.3f}, max {max(values):.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
