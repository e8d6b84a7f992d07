"""Working in the open return: tab switching, typing in a long narrative, and peak memory.

    python bench/bench_ui.py

Opens the full seed return (61 answers) in this process (offscreen), then measures
  * switching tabs (each tab's first visit, and visits after that) — target <= 50 ms;
  * a keystroke in a 30,000-character narrative, until painted — target: within one frame;
  * peak memory (RSS) with every page built and visited — target <= 250 MB.
Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:.1f} ms, "
        f"max {max(values) * 1000:.1f} ms over {len(values)}"
    )


def main() -> int:
    from bench_startup import build_seed_return

    with tempfile.TemporaryDirectory(prefix="stocktake-bench-") as folder:
        base = Path(folder)
        os.environ["STOCKTAKE_DATA_DIR"] = str(base / "appdata")
        seed = build_seed_return(base / "Leicestershire stocktake.stocktake")

        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from ui.app import application, start

        app = application()
        started = time.perf_counter()
        window = start([str(seed), "--as", "Bench"], app)
        window.resize(1280, 860)
        app.processEvents()
        shown = time.perf_counter() - started
        size = window.size().toTuple()
        view = window.view
        assert view is not None

        def switch(index: int) -> float:
            begin = time.perf_counter()
            view.tabs.setCurrentIndex(index)
            app.processEvents()  # layout and paint
            return time.perf_counter() - begin

        begin = time.perf_counter()
        view.ensure_all_pages()
        build_all = time.perf_counter() - begin
        first_visits = [switch(index) for index in range(1, view.page_count)]
        first_visits.append(switch(0))
        repeat = [switch(index) for _ in range(3) for index in range(view.page_count)]

        # a 30,000-character narrative, typed into at the end
        paragraph = "The programme board met, reviewed the register and agreed the plan. " * 5
        long_text = "\n\n".join([paragraph] * 90)[:30_000]  # about 90 paragraphs
        card = view.show_question("4.1")
        assert card is not None
        card.narrative.set_text_silently(long_text)
        app.processEvents()
        card.narrative.moveCursor(card.narrative.textCursor().MoveOperation.End)
        keys = []
        for _ in range(40):
            begin = time.perf_counter()
            QTest.keyClick(card.narrative, Qt.Key.Key_A)
            app.processEvents()
            keys.append(time.perf_counter() - begin)

        window.zoom.set_factor(2.0)
        app.processEvents()
        zoomed = [switch(index) for index in range(view.page_count)]
        window.zoom.set_factor(1.0)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        window.close()

    print(f"Working in the seed return (61 answers), offscreen, window {size[0]}x{size[1]}")
    print(f"  open and show (in process, after imports): {shown * 1000:.0f} ms")
    print(f"  build the other pages (in the background once shown): {build_all * 1000:.0f} ms")
    print(f"  tab switch, first visit: {_ms(first_visits)}")
    print(f"  tab switch, later visits: {_ms(repeat)}   (target <= 50 ms)")
    print(f"  tab switch at 200% zoom: {_ms(zoomed)}")
    print(f"  keystroke in a 30,000-character narrative, to paint: {_ms(keys)}")
    print("    (one frame at 60 Hz = 16.7 ms)")
    print(f"  peak memory (RSS): {peak_mb:.0f} MB   (target <= 250 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
