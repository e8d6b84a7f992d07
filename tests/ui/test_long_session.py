"""A long session as a user, in the real app in its own process: it exits 0 and every character
typed is in the file.

The child is the app as ``python main.py FILE --as NAME`` starts it (offscreen, its own data
folder), with the driver in ``tests/ui/app_driver.py`` at the keyboard: 20,000 keystrokes
(Enter and Backspace among them) into five narratives, ten zooms in and ten out with Ctrl+=
and Ctrl+-, every tab with Ctrl+PgDown, a paste taken back with Ctrl+Z and one kept, a find
(Ctrl+F, the word, Enter), an export through the dialog (Ctrl+E, "Export draft", "Close") and
Ctrl+Q. On PySide6 6.12.0 under Python 3.11 this session aborts within seconds
(``Fatal Python error: none_dealloc``, exit code 134).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stocktake_desktop.document import ReturnDocument
from tests.ui.driver_children import crash_signs, narratives_of, run_child
from tests.ui.driver_plans import soak_plan


def first_difference(got: str, expected: str) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
        min(len(got), len(expected)),
    )
    return (
        f"{len(got)} characters, expected {len(expected)}; first difference at {at}: "
        f"{got[at - 30 : at + 30]!r} != {expected[at - 30 : at + 30]!r}"
    )


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_long_session_exits_cleanly_with_every_character_in_the_file(
    returns_dir: Path, tmp_path: Path
) -> None:
    path = returns_dir / "soak.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Setup").close()
    plan = soak_plan()
    assert plan.keystrokes >= 20_000
    assert [s.kind for s in plan.steps].count("zoom-in") == 10
    assert [s.kind for s in plan.steps].count("zoom-out") == 10

    began = time.monotonic()
    child_data = tmp_path / "child-appdata"
    result = run_child("soak", path, "Soak Tester", child_data, timeout=240)
    wall = time.monotonic() - began
    report = result.report
    print(
        f"\nlong session: {plan.keystrokes:,} keystrokes, exit code {result.code}, "
        f"{wall:.1f} s wall ({report.get('seconds')} s in the app), "
        f"peak memory {report.get('peak_rss_mb')} MB, Python {report.get('python')}"
    )

    assert result.code == 0, f"the app exited with {result.code}:\n{result.stderr[-4000:]}"
    assert not crash_signs(result.stderr), result.stderr[-4000:]
    assert report.get("exit_code") == 0, result.stdout[-2000:]

    saved = narratives_of(path)
    for ref, expected in plan.expected.items():
        assert saved[ref] == expected, f"{ref}: {first_difference(saved[ref], expected)}"
    assert all(not text for ref, text in saved.items() if ref not in plan.expected)
    # The export wrote its bundle beside the return, and nothing was left to recover.
    assert list(returns_dir.glob("*.zip")), "no bundle was exported"
    assert not list((child_data / "working").glob("*.db"))
    assert not path.with_name(path.name + ".lock").exists()


def test_undo_after_a_paste_takes_back_the_paste_only(start_window, make_return, qtbot) -> None:
    """The session's Ctrl+Z, quickly: a one-line paste used to merge into the typing before it,
    so Ctrl+Z took back the sentence typed before the paste as well."""
    window = start_window([str(make_return()), "--as", "Alice"])
    editor = window.view.show_question("3.1").narrative
    qtbot.keyClicks(editor, "Typed before the paste. ")
    QApplication.clipboard().setText("Pasted by mistake.")
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Typed before the paste. Pasted by mistake."
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Typed before the paste. "
