"""History speed: opening the history of an answer with 200 versions (issue 11: <= 50 ms),
with the rest of the return's change log around it, and a word diff of two long versions.

Run: .venv/bin/python bench/bench_history.py
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from _common import WORKDIR, median_seconds, report

from stocktake_desktop.diff import word_diff
from stocktake_desktop.document import ReturnDocument, changelog

#: A narrative's vocabulary: a few very common words and many others, as in real text.
COMMON = ["the", "and", "of", "to", "a", "in", "is", "for", "with", "are"]
WORDS = COMMON * 20 + [
    f"{stem}{n}" for stem in ("plan", "care", "review", "home") for n in range(75)
]
PEOPLE = ["Priya Shah", "Tom Reed", "Cllr K Wyatt"]


def build() -> ReturnDocument:
    """A return whose 4.5 has 200 versions by three people, in and out of meetings, and whose
    other answers have 2,000 more changes."""
    moment = [datetime.fromisoformat("2013-06-20T09:00:00+01:00")]
    changelog.now = lambda: moment[0]  # each write a version of its own
    document = ReturnDocument.create(WORKDIR / "history.stocktake", "Leicestershire", "Bench")
    rng = random.Random(11)
    refs = [q.ref for q in document.template.questions if q.ref != "4.5"]
    text = ""
    for step in range(200):
        if step == 50:
            document.start_meeting("Partnership Board", "2013-06-20")
        if step == 120:
            document.end_meeting()
        document.editor = PEOPLE[step % 3]
        text += " ".join(rng.choice(WORDS) for _ in range(8)) + ". "
        document.set_narrative("4.5", text)
        for _ in range(10):
            ref = rng.choice(refs)
            document.set_narrative(ref, f"{ref} draft {step} " + rng.choice(WORDS))
        moment[0] += timedelta(seconds=changelog.BURST_SECONDS + 1)
    return document


def main() -> None:
    document = build()
    try:
        versions = document.field_versions("4.5")
        assert len(versions) == 200, len(versions)
        print(f"{'  change-log entries in the return':<58} {len(document.change_log()):9d}")
        report(
            "Open the history of an answer with 200 versions",
            median_seconds(lambda: document.field_versions("4.5"), runs=9),
            0.050,
        )
        newest = versions[0].value
        rng = random.Random(5)
        edited = " ".join(
            rng.choice(WORDS).upper() if rng.random() < 0.1 else word for word in newest.split()
        )
        report(
            f"Word diff of {len(newest):,} characters, one word in ten changed",
            median_seconds(lambda: word_diff(newest, edited), runs=5),
            0.050,
        )
        report(
            "What changed since the meeting started (all answers)",
            median_seconds(lambda: document.changes_since("m1"), runs=5),
            0.100,
        )
    finally:
        document.close()


if __name__ == "__main__":
    main()
