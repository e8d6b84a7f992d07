"""The presenter view: switching questions (Right arrow), until laid out and painted.

    python bench/bench_presenter.py

Opens the full seed return (61 answers) offscreen with a meeting under way and a few answers
changed in it, lets the main window build its pages (as it does in the background once
shown, so that work is not counted as the presenter's), opens the presenter view at
1024x768 and presses Right through all 61 questions and back to the first with Home, at 100%
and at 200% zoom — target <= 50 ms a switch. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import os
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
        f"worst {max(values) * 1000:.1f} ms over {len(values)}"
    )


def main() -> int:
    from bench_startup import build_seed_return

    with tempfile.TemporaryDirectory(prefix="stocktake-bench-") as folder:
        base = Path(folder)
        os.environ["STOCKTAKE_DATA_DIR"] = str(base / "appdata")
        seed = build_seed_return(base / "Leicestershire stocktake.stocktake")

        from stocktake_desktop.document import ReturnDocument
        from stocktake_desktop.document.models import Attendee

        with ReturnDocument.open(seed, "Bench") as document:
            document.start_meeting(
                "Partnership Board", "2013-06-20", "Cllr K Wyatt", [Attendee("Priya Shah")]
            )
            for ref in ("1.1", "4.5", "6.10"):
                document.set_narrative(ref, document.answer(ref).narrative + " Agreed.")
                document.set_agreement(ref, "agreed")
            document.add_action("4.5", "Agree who owns the register", "Priya Shah")

        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from ui.app import application, start

        app = application()
        window = start([str(seed), "--as", "Bench"], app)
        app.processEvents()
        assert window.view is not None
        window.view.ensure_all_pages()  # what the main window builds in the background anyway
        app.processEvents()
        began = time.perf_counter()
        window.toggle_presenter()
        presenter = window.presenter
        assert presenter is not None
        presenter.showNormal()
        presenter.resize(1024, 768)
        app.processEvents()
        opened = time.perf_counter() - began
        count = len(presenter.questions)

        def press(key: Qt.Key) -> float:
            begin = time.perf_counter()
            QTest.keyClick(presenter.panel, key)
            app.processEvents()  # layout and paint
            return time.perf_counter() - begin

        def tour() -> list[float]:
            times = [press(Qt.Key.Key_Right) for _ in range(count - 1)]
            times.append(press(Qt.Key.Key_Home))
            return times

        first = tour()
        later = tour() + tour()
        window.zoom.set_factor(2.0)
        app.processEvents()
        zoomed = tour()
        window.zoom.set_factor(1.0)
        presenter.close()
        window.close()

    print(f"Presenter view over the seed return ({count} questions), offscreen, 1024x768")
    print(f"  open the presenter view: {opened * 1000:.0f} ms")
    print(f"  switch question, first tour: {_ms(first)}   (target <= 50 ms)")
    print(f"  switch question, later tours: {_ms(later)}")
    print(f"  switch question at 200% zoom: {_ms(zoomed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
