"""Cold start: whole-process time from launch to the main window showing the full seed return.

    python bench/bench_startup.py [--runs 5]

Builds the seed return (61 answers) once, then times, alternately in the same run, whole
processes of ``main.py FILE --as Bench`` (which quits once its window has painted, via
``STOCKTAKE_BENCH_EXIT_AFTER_SHOWN=1``) and of a minimal script showing a bare PySide6 window.
Prints both medians and the ratio. Targets: median <= 1.2 s and <= 3x the bare window.

Both take the time of the first paint when the last part of the window gets its paint event
(the app's status bar, the bare window's label), with the CPU time used by then; what the app
puts off until just after that paint (``ui/first_paint.py``) is in the whole-process figures.

The children always write compiled bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped from their
environment), so the warm-up run leaves the app's modules compiled as an installed app has them.
Where the machine is shared, the CPU time (user + system) of each process is printed too: it
moves much less with other work than the wall-clock time does.
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
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "shown"):
            self.shown = (time.time(), time.process_time())
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        elapsed = self.shown[0] - float(os.environ["STOCKTAKE_BENCH_T0"])
        print(f"window shown after {elapsed:.3f} s ({self.shown[1]:.3f} s CPU)", flush=True)
        app.quit()


app = QApplication(sys.argv)
window = QMainWindow()
label = QLabel("Hello")
window.setCentralWidget(label)
window.resize(1280, 860)
watcher = FirstPaint()
label.installEventFilter(watcher)
window.show()
app.exec()
"""


def build_seed_return(path: Path, editor: str = "Bench") -> Path:
    """Create ``path`` holding every seed answer (codes outside a question's list dropped)."""
    from stocktake_desktop.document import ReturnDocument
    from tests.core.seed_parsing import seed_answers

    with ReturnDocument.create(path, "Leicestershire", editor) as document, document.batch():
        template = document.template
        for ref, (codes, narrative) in seed_answers().items():
            question = template.question(ref)
            valid = [code for code in codes if code in question.code_values()]
            document.set_codes(ref, valid if question.multiple else valid[:1])
            document.set_narrative(ref, narrative)
    return path


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far; 0 where unknown."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds for a whole process, and what it printed."""
    env = {**env, "STOCKTAKE_BENCH_T0": repr(time.time())}
    cpu = children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[1]} failed ({result.returncode}):\n{result.stderr}")
    return elapsed, children_cpu() - cpu, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stocktake-bench-") as folder:
        base = Path(folder)
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "STOCKTAKE_DATA_DIR": str(base / "appdata"),
            "STOCKTAKE_BENCH_EXIT_AFTER_SHOWN": "1",
        }
        os.environ["STOCKTAKE_DATA_DIR"] = env["STOCKTAKE_DATA_DIR"]
        seed = build_seed_return(base / "Leicestershire stocktake.stocktake")
        bare = base / "bare_window.py"
        bare.write_text(BARE_WINDOW, encoding="utf-8")
        app_command = [sys.executable, str(ROOT / "main.py"), str(seed), "--as", "Bench"]
        bare_command = [sys.executable, str(bare)]
        timed(app_command, env)  # warm the file cache and compiled bytecode; not counted
        timed(bare_command, env)
        runs: dict[str, dict[str, list[float]]] = {
            name: {"whole": [], "shown": [], "shown_cpu": [], "cpu": []} for name in ("app", "bare")
        }
        for _ in range(args.runs):
            for name, command in (("app", app_command), ("bare", bare_command)):
                elapsed, cpu, output = timed(command, env)
                shown, shown_cpu = _shown(output)
                runs[name]["whole"].append(elapsed)
                runs[name]["shown"].append(shown)
                runs[name]["shown_cpu"].append(shown_cpu)
                runs[name]["cpu"].append(cpu)
    print(f"Cold start, seed return (61 answers), {args.runs} runs each, alternating, offscreen")
    medians = {}
    kinds = (
        ("shown", "launch to first paint"),
        ("shown_cpu", "CPU to first paint"),
        ("whole", "whole process"),
        ("cpu", "CPU, whole process"),
    )
    for name, label in (("app", "Stocktake Desktop"), ("bare", "bare PySide6 window")):
        for kind, what in kinds:
            values = runs[name][kind]
            medians[name, kind] = statistics.median(values)
            print(f"  {label:20s} {what:22s} median {medians[name, kind]:.3f} s  ({_list(values)})")
    for kind, what in kinds:
        if not medians["bare", kind]:
            continue  # no CPU times on this system
        ratio = medians["app", kind] / medians["bare", kind]
        print(f"  ratio app / bare, {what}: {ratio:.2f}x")
    print("  targets: median <= 1.2 s, and <= 3x the bare window")
    return 0


def _shown(output: str) -> tuple[float, float]:
    """From "window shown after 0.271 s (0.266 s CPU)": the seconds, and the CPU seconds."""
    for line in output.splitlines():
        if line.startswith("window shown after"):
            words = line.split()
            return float(words[3]), float(words[5].lstrip("("))
    raise SystemExit(f"no 'window shown' line in:\n{output}")


def _list(values: list[float]) -> str:
    return ", ".join(f"{value:.3f}" for value in values)


if __name__ == "__main__":
    sys.exit(main())
