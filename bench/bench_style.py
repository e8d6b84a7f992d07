"""What the app's own style (ui/style.py) costs: painting and laying out with it and without it.

    python bench/bench_style.py [--rounds N]

The app's style is a QProxyStyle written in Python: every pixel metric and every primitive the
platform style draws passes through Python on its way. Each variant runs in its own process
(offscreen, the full seed return, a 1280x860 window):

  * ``platform``: the platform style alone (the app without ui/style.py);
  * ``app``: the app as shipped (the zoom-aware proxy style and the focus ring);
  * ``count``: as shipped, counting the calls that reach the style's Python methods.

For each it measures, at 100% and at 200%: painting the whole window on each section page
(``QWidget.grab``; median of N rounds over the 11 sections), and relaying out every page after
a zoom change. It also counts the calls that reach Python during one paint. Prints figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
VARIANTS = ("platform", "app", "count")


def child(variant: str, rounds: int) -> dict[str, float]:
    """Run in a fresh process: the measurements for one variant."""
    from bench_startup import build_seed_return

    base = Path(tempfile.mkdtemp(prefix="stocktake-bench-style-"))
    os.environ["STOCKTAKE_DATA_DIR"] = str(base / "appdata")
    seed = build_seed_return(base / "Leicestershire stocktake.stocktake")

    import ui.app
    import ui.look.style

    counts = {"pixelMetric": 0, "drawPrimitive": 0, "counting": 0}
    if variant == "platform":
        ui.app.install_style = lambda app: None  # type: ignore[assignment,misc,return-value]
    elif variant == "count":

        class CountingStyle(ui.look.style.ZoomStyle):
            def pixelMetric(self, *args):  # type: ignore[no-untyped-def]
                counts["pixelMetric"] += counts["counting"]
                return super().pixelMetric(*args)

            def drawPrimitive(self, *args):  # type: ignore[no-untyped-def]
                counts["drawPrimitive"] += counts["counting"]
                return super().drawPrimitive(*args)

        ui.look.style.ZoomStyle = CountingStyle  # type: ignore[misc]
    app = ui.app.application()
    window = ui.app.start([str(seed), "--as", "Bench"], app)
    window.resize(1280, 860)
    app.processEvents()
    view = window.view
    assert view is not None
    view.ensure_all_pages()
    card = view.show_question("4.5")  # the focus ring is round the 4.5 narrative
    assert card is not None
    app.processEvents()

    def paint_all() -> list[float]:
        times = []
        for index in range(1, 12):
            view.tabs.setCurrentIndex(index)
            for _ in range(3):
                app.processEvents()
            begin = time.perf_counter()
            window.grab()
            times.append(time.perf_counter() - begin)
        return times

    def relayout(factor: float) -> float:
        begin = time.perf_counter()
        window.zoom.set_factor(factor)
        for _ in range(5):
            app.processEvents()
        for index in range(view.page_count):  # every page laid out at the new size
            view.ensure_page(index).layout()
            view.tabs.setCurrentIndex(index)
            app.processEvents()
        return time.perf_counter() - begin

    figures: dict[str, float] = {}
    paint_all()  # warm caches (fonts, glyphs)
    figures["paint_100"] = statistics.median(t for _ in range(rounds) for t in paint_all())
    figures["relayout_to_200"] = relayout(2.0)
    paint_all()
    figures["paint_200"] = statistics.median(t for _ in range(rounds) for t in paint_all())
    figures["relayout_to_100"] = relayout(1.0)

    if variant == "count":
        view.tabs.setCurrentIndex(4)
        app.processEvents()
        counts["counting"] = 1
        window.grab()
        counts["counting"] = 0
        figures["calls_pixelMetric"] = counts["pixelMetric"]
        figures["calls_drawPrimitive"] = counts["drawPrimitive"]
        # what one call costs: asking the proxy (C++ into the Python override and back) less
        # asking the platform style it wraps directly
        style = app.style()
        assert isinstance(style, ui.look.style.ZoomStyle)
        metric = ui.look.style.PM.PM_IndicatorWidth
        calls = 100_000
        begin = time.perf_counter()
        for _ in range(calls):
            style.pixelMetric(metric)
        through = time.perf_counter() - begin
        platform = style.baseStyle()
        begin = time.perf_counter()
        for _ in range(calls):
            platform.pixelMetric(metric)
        direct = time.perf_counter() - begin
        figures["per_call"] = max(0.0, through - direct) / calls
    window.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("BENCH-STYLE " + json.dumps(child(args.child, args.rounds)), flush=True)
        return 0
    results: dict[str, dict[str, float]] = {}
    # platform and app twice each, in turn, keeping the quicker run of each: the figures are
    # small and another process on the machine easily spoils one run
    for variant in ("platform", "app", "platform", "app", "count"):
        done = subprocess.run(
            [sys.executable, __file__, "--child", variant, "--rounds", str(args.rounds)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"{variant} failed:\n{done.stderr[-2000:]}")
        line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH-STYLE "))
        figures = json.loads(line.removeprefix("BENCH-STYLE "))
        kept = results.setdefault(variant, figures)
        for key, value in figures.items():
            kept[key] = min(kept[key], value)
    plain, app = results["platform"], results["app"]

    def row(label: str, key: str) -> str:
        before, after = plain[key] * 1000, app[key] * 1000
        extra = (after / before - 1) * 100 if before else 0.0
        return f"  {label}: {before:.1f} ms without, {after:.1f} ms with ({extra:+.0f}%)"

    print("The app's style (ui/look/style.py), full seed return, offscreen, window 1280x860")
    print(row("paint the window, a section page, 100%", "paint_100"))
    print(row("paint the window, a section page, 200%", "paint_200"))
    print(row("zoom 100% -> 200%, every page laid out again", "relayout_to_200"))
    print(row("zoom 200% -> 100%, every page laid out again", "relayout_to_100"))
    count = results["count"]
    print(
        f"  calls reaching Python in one paint of section 4: "
        f"{count['calls_pixelMetric']:.0f} pixelMetric, {count['calls_drawPrimitive']:.0f} "
        "drawPrimitive"
    )
    per_call = count["per_call"] * 1e6
    calls = count["calls_pixelMetric"] + count["calls_drawPrimitive"]
    print(
        f"  one call through the Python style: {per_call:.1f} µs, so about "
        f"{per_call * calls / 1000:.2f} ms of each paint"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
