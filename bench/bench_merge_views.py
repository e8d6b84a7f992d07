"""Merging and importing in the window: how long the views take, offscreen.

    python bench/bench_merge_views.py

Builds the seed return and two copies of it whose 61 narratives were each rewritten on both
laptops (61 conflicts), and seed 001 as a Word return. In the app (its pages built, as they are
in the background once a return is shown), times: File › Import…'s plan of the Word return
into a new return, from reading the file until the dialog is shown and painted; merging the
partner's copy through the session (opening it, the plan, writing it, the views told); the
conflict review screen shown; and Keep mine until the next conflict is shown. At 100% and
200% zoom. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import os
import shutil
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

RUNS = 7


def _ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:.0f} ms, "
        f"worst {max(values) * 1000:.0f} ms over {len(values)}"
    )


def main() -> int:
    base = Path(tempfile.mkdtemp(prefix="stocktake-bench-merge-views-"))
    os.environ["STOCKTAKE_DATA_DIR"] = str(base / "appdata")
    from bench_startup import build_seed_return

    from stocktake_desktop.document import ReturnDocument
    from tests.word_fixtures import build_word_return
    from ui.app import application, start
    from ui.imports.plan_dialog import ImportPlanDialog
    from ui.merge.review import ConflictReview

    word = build_word_return(base / "rotherham.docx")
    seed = build_seed_return(base / "seed.stocktake", editor="Jo Bloggs")
    app = application()
    window = start(["--as", "Jo Bloggs"], app)
    window.resize(1024, 768)

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    def plan_shown(target: Path) -> float:
        window.open_path(target)
        assert window.view is not None and window.session is not None
        window.view.ensure_all_pages()
        settle()
        session = window.session
        began = time.perf_counter()
        dialog = ImportPlanDialog(session, session.prepare_import(word), window)
        dialog.show()
        app.processEvents()
        dialog.repaint()
        spent = time.perf_counter() - began
        dialog.reject()
        settle()
        return spent

    def conflicted(zoom: float) -> Path:
        """The seed return and a copy, every narrative rewritten on both; the copy's path."""
        mine, theirs = base / f"mine-{zoom}.stocktake", base / f"theirs-{zoom}.stocktake"
        shutil.copyfile(seed, mine)
        shutil.copyfile(seed, theirs)
        for path, who in ((mine, "Jo Bloggs"), (theirs, "Dev Patel")):
            with ReturnDocument.open(path, who) as document, document.batch():
                for ref, answer in document.answers().items():
                    document.set_narrative(ref, f"{answer.narrative} Rewritten by {who}.")
        window.open_path(mine)
        assert window.view is not None
        window.view.ensure_all_pages()
        settle()
        return theirs

    figures: dict[str, list[float]] = {}
    for zoom in (1.0, 2.0):
        window.zoom.set_factor(zoom)
        said = f" at {zoom:.0%}"
        plans = []
        for run in range(RUNS):
            target = base / f"new-{zoom}-{run}.stocktake"
            ReturnDocument.create(target, "Rotherham", "Jo Bloggs").close()
            plans.append(plan_shown(target))
        figures["Import…: the Word return's plan shown (read, plan, 67 rows)" + said] = plans
        theirs = conflicted(zoom)
        session = window.session
        assert session is not None
        began = time.perf_counter()
        session.merge(session.prepare_merge(theirs))
        app.processEvents()
        figures["Merge: 61 conflicts kept, the views told (through the session)" + said] = [
            time.perf_counter() - began
        ]
        reviews, keeps = [], []
        for _ in range(RUNS):
            began = time.perf_counter()
            review = ConflictReview(session, "", window)
            review.show()
            app.processEvents()
            review.repaint()
            reviews.append(time.perf_counter() - began)
            began = time.perf_counter()
            review.keep("mine")
            app.processEvents()
            review.repaint()
            keeps.append(time.perf_counter() - began)
            review.close()
            settle()
        figures["Review conflicts shown (61 open)" + said] = reviews
        figures["Keep mine, the next conflict shown" + said] = keeps
    window.close()
    print("Merging and importing in the window, offscreen, a 1024x768 window")
    for name, values in figures.items():
        print(f"  {name}: {_ms(values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
