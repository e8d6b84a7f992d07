"""The history panel: opening the history of an answer with 200 versions, from the click on the
card's History… button until the panel is laid out and painted (issue 11: <= 50 ms).

    python bench/bench_history_panel.py

Builds bench_history's return (4.5 with 200 versions by three people, in and out of a meeting,
and 2,000 more changes to other answers), opens it in the app offscreen, lets the window build
its pages (as it does in the background once shown), then clicks History… on 4.5's card and
closes the panel again, at 100% and at 200% zoom; also What changed (the meeting) and the
change log of the whole return. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RUNS = 9


def _ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:.1f} ms, "
        f"worst {max(values) * 1000:.1f} ms over {len(values)}"
    )


def main() -> int:
    from bench_history import build

    document = build()
    path = Path(document.path)
    document.close()

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.app import application, start

    app = application()
    window = start([str(path), "--as", "Bench"], app)
    app.processEvents()
    view, session = window.view, window.session
    assert view is not None and session is not None
    view.ensure_all_pages()
    card = view.show_question("4.5", focus=False)
    assert card is not None
    app.processEvents()

    def timed_open(opener: object) -> float:
        """Seconds from the call until the dialog is shown, laid out and painted; closed
        again afterwards (not counted)."""
        began = time.perf_counter()
        opener()  # type: ignore[operator]
        app.processEvents()
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), dialog
        dialog.repaint()
        spent = time.perf_counter() - began
        dialog.close()
        app.processEvents()
        return spent

    def click_history() -> None:
        QTest.mouseClick(card.history_button, Qt.MouseButton.LeftButton)

    versions = len(session.field_versions("4.5"))
    first = timed_open(click_history)
    later = [timed_open(click_history) for _ in range(RUNS)]
    window.zoom.set_factor(2.0)
    app.processEvents()
    zoomed = [timed_open(click_history) for _ in range(RUNS)]
    window.zoom.set_factor(1.0)
    app.processEvents()
    changes = [timed_open(window.show_changes) for _ in range(5)]
    log = [timed_open(window.show_change_log) for _ in range(5)]
    entries = len(session.find_changes())
    window.close()

    print(f"History panel of 4.5 ({versions} versions; {entries} changes in the return), offscreen")
    print(f"  first open (modules loaded): {first * 1000:.1f} ms")
    print(f"  open the history panel: {_ms(later)}   (target <= 50 ms)")
    print(f"  open the history panel at 200% zoom: {_ms(zoomed)}")
    print(f"  open What changed (the meeting): {_ms(changes)}")
    print(f"  open the change log (every change): {_ms(log)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
