"""Builders shared by tests (import from here, never from another test module).

Sections: clocks; the seed return; returns on disk and programs beside them; the command
line; typing (Qt imported only when called, so core tests never load it).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from stocktake_desktop.document import ReturnDocument, changelog
from tests.core.seed_parsing import seed_answers


# ------------------------------------------------------------------------------ clocks
def step_clock(
    monkeypatch: pytest.MonkeyPatch, start: str = "2026-11-22T09:00:00+00:00"
) -> Callable[[float], None]:
    """Replace the change log's clock; the function returned moves it on by some seconds."""
    moment = [datetime.fromisoformat(start)]
    monkeypatch.setattr(changelog, "now", lambda: moment[0])

    def advance(seconds: float) -> None:
        moment[0] += timedelta(seconds=seconds)

    return advance


# ------------------------------------------------------------------------------ the seed return
def seed_interchange() -> dict[str, Any]:
    """Seed 000's 61 coded answers, exactly as the programme recorded them."""
    from stocktake_desktop.template import default_template

    template = default_template()
    answers = seed_answers()
    return {
        "format": "stocktake-answers",
        "version": 1,
        "template": template.id,
        "locality": "Leicestershire",
        "answers": {
            q.ref: {
                "codes": list(answers[q.ref][0]),
                "narrative": answers[q.ref][1],
                "good_practice": False,
                "good_practice_note": "",
                "evidence": [],
                "support_required": "",
            }
            for q in template.questions
        },
        "completed_by": {"name": "", "organisation": "", "contact": ""},
        "sign_off": {"chair_hwb": "", "la_chief_executive": "", "ccg_rep": ""},
        "sign_off_dates": {"chair_hwb": "", "la_chief_executive": "", "ccg_rep": ""},
    }


def importable_seed() -> dict[str, Any]:
    """:func:`seed_interchange` with the codes outside 3.5's list dropped (so it imports)."""
    from stocktake_desktop.template import default_template

    data = seed_interchange()
    question = default_template().question("3.5")
    data["answers"]["3.5"]["codes"] = [
        c for c in data["answers"]["3.5"]["codes"] if c in question.code_values()
    ]
    return data


def finish_seed(document: ReturnDocument) -> None:
    """Complete the seed return (its 3.5 has no code), then its signatories confirm it as it
    is now (a change after a sign-off makes it lapse)."""
    document.set_codes("3.5", [2])
    confirm_sign_offs(document)


def confirm_sign_offs(document: ReturnDocument) -> None:
    """Every signatory confirms the return as it is now (dated today)."""
    for role in document.template.sign_off_roles:
        document.confirm_sign_off(role.key)


# ------------------------------------------------------------------------------ returns on disk
def make(path: Path, narrative: str = "Board minutes", locality: str = "Rutland") -> Path:
    """A small return at ``path`` with 1.1's narrative written."""
    with ReturnDocument.create(path, locality, "Alice") as document:
        document.set_narrative("1.1", narrative)
    return path


def listing(folder: Path) -> list[str]:
    """The names in ``folder``, sorted."""
    return sorted(p.name for p in folder.iterdir())


#: Another program's transaction on the return ``sys.argv[1]``, killed half-way: it leaves a
#: ``-journal`` beside the return and the file alone inconsistent.
HALF_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # spill changed pages into the file mid-change
conn.execute("BEGIN")
conn.execute("UPDATE meta SET value = 'Half-written' WHERE key = 'locality'")
for i in range(200):
    conn.execute(
        "UPDATE answer SET narrative = ? WHERE ref = (SELECT ref FROM answer LIMIT 1 OFFSET ?)",
        ("x" * 3000, i % 61),
    )
os._exit(1)  # killed before it could commit or roll back
"""


def another_program(code: str, path: Path) -> None:
    """Run Python ``code`` in a child process with ``path`` as its argument."""
    subprocess.run([sys.executable, "-c", code, str(path)], check=False, timeout=60)


# ------------------------------------------------------------------------------ the command line
def cli(*args: str) -> int:
    """``python main.py ARGS`` in this process, its output left to pytest (``capsys``)."""
    import main

    return main.main(list(args))


def run_cli(*args: str | Path) -> tuple[int, str, str]:
    """``python main.py ARGS`` in this process: (exit code, stdout, stderr)."""
    from stocktake_desktop import cli as command_line

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = command_line.main([str(arg) for arg in args])
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------------------ typing (Qt)
def send_keys(qtbot: Any, text: str) -> None:
    """Type ``text`` into whatever has the keyboard focus, a key at a time, as a person would."""
    from PySide6.QtWidgets import QApplication

    for character in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, character)


def as_dumped(data: dict[str, Any]) -> dict[str, Any]:
    """What ``dump`` writes for a return imported from ``data`` with no meetings: version 2,
    every question's agreement a draft, no meetings or actions."""
    from stocktake_desktop.template import default_template

    questions = default_template().questions
    draft = {"status": "draft", "meeting": "", "note": ""}
    return data | {
        "version": 2,
        "meetings": [],
        "agreement": {q.ref: dict(draft) for q in questions},
        "actions": [],
    }
