"""Export speed and memory, measured the way people run it (``python main.py export ...``).

1. The full seed return (61 answers) with 10 evidence files of 1 MB: median of 5 whole-process
   exports (target <= 1.0 s), against a minimal script that writes the same text with openpyxl
   and reportlab in the same run (target <= 3x).
2. A return with 61 narratives of 30,000 characters: exports correctly (verify passes, the PDF
   holds the end of each narrative) in <= 10 s with a peak memory <= 300 MB.

Prints figures and ratios; asserts nothing (timings depend on the machine). The children always
write compiled bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped from their environment), so the
warm-up run leaves the app's modules compiled as an installed app has them, as the libraries the
baseline uses are. Where the machine is shared, the CPU time (user + system) of each process is
printed too: it moves much less with other work than the wall-clock time does.

    python bench/bench_export.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_startup import children_cpu  # noqa: E402
from stocktake_desktop.document import ReturnDocument  # noqa: E402
from tests.helpers import build_seed_return, seed_fixture  # noqa: E402

TARGET_SECONDS = 1.0
TARGET_RATIO = 3.0
LARGE_TARGET_SECONDS = 10.0
LARGE_TARGET_MB = 300.0
EVIDENCE_FILES = 10
EVIDENCE_SIZE = 1024 * 1024
LARGE_NARRATIVE = 30_000

# A minimal exporter: the same text, written with openpyxl and reportlab, nothing else.
BASELINE = r"""
import json, sys
from pathlib import Path
from xml.sax.saxutils import escape

rows = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
out = Path(sys.argv[2])

from openpyxl import Workbook
book = Workbook()
sheet = book.active
sheet.append(["Number", "Ref", "Section", "Question", "Codes used", "Coded as", "Response"])
for row in rows:
    sheet.append(row)
book.save(out / "baseline.xlsx")

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate
styles = getSampleStyleSheet()
story = []
for row in rows:
    story.append(Paragraph(escape(f"{row[1]} {row[3]}"), styles["Heading4"]))
    story.append(Paragraph(escape(row[5]), styles["Normal"]))
    story.append(Paragraph(escape(row[6]).replace("\n", "<br/>"), styles["Normal"]))
SimpleDocTemplate(str(out / "baseline.pdf"), pagesize=A4).build(story)
"""

# Runs a command as a child and reports the child's peak resident memory (bytes) and time.
MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
peak *= 1 if sys.platform == "darwin" else 1024  # bytes on macOS, kilobytes on Linux
print(json.dumps({"code": code, "seconds": seconds, "peak": peak}))
"""


def child_env() -> dict[str, str]:
    """The children's environment: this one's, with compiled bytecode written (see above)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds for a whole process."""
    cpu = children_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=child_env())
    return time.perf_counter() - start, children_cpu() - cpu


def export_command(path: Path, out: Path, *extra: str) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    return [sys.executable, str(ROOT / "main.py"), "export", str(path), "--out", str(out), *extra]


def make_seed_return(folder: Path) -> Path:
    path = build_seed_return(folder / "seed.stocktake", editor="Bench")
    rng = random.Random(2013)
    refs = ["1.1", "1.3", "2.1", "3.1", "4.4", "5.1", "5.3", "6.1", "9.1", "11.3"]
    with ReturnDocument.open(path, "Bench") as document:
        document.set_codes("3.5", [2])
        for index, ref in enumerate(refs[:EVIDENCE_FILES]):
            evidence = folder / f"evidence {index + 1}.pdf"
            evidence.write_bytes(rng.randbytes(EVIDENCE_SIZE))  # like compressed documents
            document.add_evidence(ref, evidence)
    return path


def make_large_return(folder: Path) -> tuple[Path, dict[str, str]]:
    path = folder / "large.stocktake"
    texts: dict[str, str] = {}
    with ReturnDocument.create(path, "Leicestershire", "Bench") as document, document.batch():
        for index, (ref, (codes, narrative)) in enumerate(seed_fixture().items()):
            base = f"{narrative or 'No narrative.'} Ωμέγα “quoted” Zażółć {ref}. "
            text = (base * (LARGE_NARRATIVE // len(base) + 1))[:LARGE_NARRATIVE]
            if index % 2:  # half as paragraphs, half as one enormous paragraph
                text = "\n\n".join(text[i : i + 1500] for i in range(0, LARGE_NARRATIVE, 1500))
                text = text[:LARGE_NARRATIVE]
            document.set_codes(ref, codes)
            document.set_narrative(ref, text)
            texts[ref] = text
    return path, texts


def baseline_rows(path: Path) -> list[list[object]]:
    with ReturnDocument.open(path, "Bench", read_only=True) as document:
        template = document.template
        answers = document.answers()
        return [
            [
                q.number,
                q.ref,
                template.section(q.section_number).heading,
                q.text,
                q.code_list_text(),
                q.coded_as_text(answers[q.ref].codes),
                answers[q.ref].narrative,
            ]
            for q in template.questions
        ]


def bench_seed(folder: Path, runs: int) -> None:
    path = make_seed_return(folder)
    rows = folder / "rows.json"
    rows.write_text(json.dumps(baseline_rows(path), ensure_ascii=False), encoding="utf-8")
    script = folder / "baseline.py"
    script.write_text(BASELINE, encoding="utf-8")
    base_out = folder / "baseline"
    base_out.mkdir()
    baseline_command = [sys.executable, str(script), str(rows), str(base_out)]
    run_timed(export_command(path, folder / "warm"))  # warm caches (.pyc, disk) once
    run_timed(baseline_command)
    exports, baselines, export_cpu, baseline_cpu = [], [], [], []
    for index in range(runs):
        seconds, cpu = run_timed(export_command(path, folder / f"out{index}"))
        exports.append(seconds)
        export_cpu.append(cpu)
        seconds, cpu = run_timed(baseline_command)
        baselines.append(seconds)
        baseline_cpu.append(cpu)
    export_median = statistics.median(exports)
    baseline_median = statistics.median(baselines)
    ratio = export_median / baseline_median
    zip_path = next((folder / "out0").glob("*.zip"))
    print(
        f"Seed return, 61 answers + {EVIDENCE_FILES} x 1 MB evidence "
        f"(zip {zip_path.stat().st_size / 1e6:.1f} MB), whole process, median of {runs}:"
    )
    print(f"  export:   {export_median:.3f} s  (runs: {', '.join(f'{t:.3f}' for t in exports)})")
    print(f"  baseline: {baseline_median:.3f} s  (openpyxl + reportlab, same text, no evidence)")
    print(f"  ratio:    {ratio:.2f}x")
    if statistics.median(baseline_cpu):  # no CPU times on Windows
        cpu_ratio = statistics.median(export_cpu) / statistics.median(baseline_cpu)
        print(
            f"  CPU time: export {statistics.median(export_cpu):.3f} s, baseline "
            f"{statistics.median(baseline_cpu):.3f} s, ratio {cpu_ratio:.2f}x"
        )
    speed = "met" if export_median <= TARGET_SECONDS else "MISSED"
    relative = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"  target <= {TARGET_SECONDS:.1f} s: {speed}; target <= {TARGET_RATIO:.0f}x: {relative}")


def bench_large(folder: Path) -> None:
    path, texts = make_large_return(folder)
    out = folder / "large-out"
    measure = folder / "measure.py"
    measure.write_text(MEASURE, encoding="utf-8")
    if sys.platform == "win32":
        seconds, _cpu = run_timed(export_command(path, out))
        code, peak_mb = 0, float("nan")
    else:
        done = subprocess.run(
            [sys.executable, str(measure), *export_command(path, out)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env=child_env(),
        )
        figures = json.loads(done.stdout)
        code, seconds, peak_mb = figures["code"], figures["seconds"], figures["peak"] / 1e6
    zip_path = next(out.glob("*.zip"))
    verified = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "verify", str(zip_path)],
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=child_env(),
    ).returncode
    found = _pdf_holds_every_ending(next(out.glob("*/*.pdf")), texts)
    correct = code == 0 and verified == 0 and found in (True, None)
    print(f"Large return, 61 narratives of {LARGE_NARRATIVE:,} characters:")
    print(f"  export: {seconds:.2f} s, peak memory {peak_mb:.0f} MB")
    print(
        f"  exit {code}, verify exit {verified}, every narrative's end in the PDF: "
        f"{'not checked (no pypdf)' if found is None else found}"
    )
    print(
        f"  exported correctly: {'yes' if correct else 'NO'}; "
        f"target <= {LARGE_TARGET_SECONDS:.0f} s: "
        f"{'met' if seconds <= LARGE_TARGET_SECONDS else 'MISSED'}; "
        f"target <= {LARGE_TARGET_MB:.0f} MB: "
        f"{'met' if peak_mb <= LARGE_TARGET_MB else 'MISSED'}"
    )


def _pdf_holds_every_ending(pdf: Path, texts: dict[str, str]) -> bool | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    flat = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    return all(" ".join(text[-60:].split()) in flat for text in texts.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-export-") as temp:
        folder = Path(temp)
        os.environ["STOCKTAKE_DATA_DIR"] = str(folder / "appdata")
        bench_seed(folder, args.runs)
        bench_large(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
