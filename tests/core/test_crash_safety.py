"""A process killed at random moments never leaves a broken return, and its last edit comes back.

A child process makes a stream of edits (each a pair of answers changed together) and saves
the user's file every few edits, reporting each step on stdout. The parent SIGKILLs it at a
random moment, then checks the user's file and the recovered working copy. 50 rounds.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument, unsaved_work_for

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 50

CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from stocktake_desktop.document import ReturnDocument, unsaved_work_for
    path = {path!r}
    recover = unsaved_work_for(__import__("pathlib").Path(path)) is not None
    doc = ReturnDocument.open(path, "Crasher", recover=recover)
    start = int(doc.answer("1.1").narrative.split()[-1] or 0) if doc.answer("1.1").narrative else 0
    print("open", start, flush=True)
    i = start
    while True:
        i += 1
        with doc.batch():
            doc.set_narrative("1.1", f"edit {{i}}")
            doc.set_narrative("1.2", f"edit {{i}}")
        print("edited", i, flush=True)
        if i % 3 == 0:
            doc.publish()
            print("saved", i, flush=True)
    """
)


def number(text: str) -> int:
    return int(text.split()[-1]) if text else 0


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_random_kills_never_lose_more_than_the_last_moment(
    returns_dir: Path, data_dir: Path
) -> None:
    path = returns_dir / "crash.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Setup").close()
    rng = random.Random(20261122)
    env = os.environ | {"STOCKTAKE_DATA_DIR": str(data_dir)}
    recovered_rounds = 0
    for _round in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path))],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().startswith("open")
        time.sleep(rng.uniform(0.0, 0.15))
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines = child.stdout.read().split("\n")[:-1]  # the last line may be cut short
        edited = [int(line.split()[1]) for line in lines if line.startswith("edited")]
        saved = [int(line.split()[1]) for line in lines if line.startswith("saved")]

        # The user's file always opens and is consistent (both answers from one edit).
        with ReturnDocument.open(path, "Checker", read_only=True) as published:
            first = number(published.answer("1.1").narrative)
            assert number(published.answer("1.2").narrative) == first
            if saved:
                assert first >= saved[-1]

        # Edits that did not reach the user's file are offered back from the working copy.
        if edited and edited[-1] > first:
            work = unsaved_work_for(path)
            assert work is not None, "unsaved edits must be offered back"
            with ReturnDocument.open(path, "Checker", recover=True) as document:
                got = number(document.answer("1.1").narrative)
                assert got in (edited[-1], edited[-1] + 1)
                assert number(document.answer("1.2").narrative) == got
            recovered_rounds += 1
            with ReturnDocument.open(path, "Checker", read_only=True) as published:
                assert number(published.answer("1.1").narrative) == got
    assert recovered_rounds >= 5, "the test should exercise recovery, not only clean saves"
