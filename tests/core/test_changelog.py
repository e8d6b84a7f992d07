"""The change log keeps every version restorable and stays small (issue 7, part 3)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument, changelog

WORDS = [
    "partnership",
    "commissioning",
    "placement",
    "review",
    "assurance",
    "provider",
    "community",
]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Replace the change log's clock; call ``advance(seconds)`` to move it on."""
    moment = [datetime.fromisoformat("2026-11-22T09:00:00+00:00")]
    monkeypatch.setattr(changelog, "now", lambda: moment[0])

    def advance(seconds: float) -> None:
        moment[0] += timedelta(seconds=seconds)

    return advance


@pytest.fixture
def new_return(tmp_path: Path) -> Iterator[ReturnDocument]:
    document = ReturnDocument.create(tmp_path / "log.stocktake", "Leicestershire", "Alice")
    yield document
    document.close()


def grow(rng: random.Random, text: str, target: int) -> str:
    while len(text) < target:
        text += rng.choice(WORDS) + (". " if rng.random() < 0.1 else " ")
    return text[:target]


def test_200_writes_growing_a_narrative_to_12000_characters_add_under_300_kb(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    rng = random.Random(7)
    new_return.publish()
    before = new_return.path.stat().st_size
    versions: list[str] = []
    text = ""
    for step in range(1, 201):
        text = grow(rng, text, 60 * step)
        if step % 25 == 0:  # now and then an edit earlier in the text, not only at the end
            cut = rng.randrange(len(text) // 2)
            text = text[:cut] + "amended " + text[cut + 8 :]
        new_return.set_narrative("4.2", text)
        versions.append(text)
        clock(changelog.BURST_SECONDS + 5)  # each write its own version
    new_return.publish()
    growth = new_return.path.stat().st_size - before
    print(f"200 writes to 12,000 characters added {growth / 1024:.0f} KB to the file")
    assert growth <= 300 * 1024
    log = [e for e in new_return.change_log("4.2") if e.field == "narrative"]
    assert [e.new for e in log] == versions  # every version restorable, exactly
    assert [e.old for e in log] == ["", *versions[:-1]]


def test_continuous_typing_by_one_person_is_one_version(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    text = ""
    for word in [
        "We",
        "have",
        "a",
        "joint",
        "register",
        "of",
        "everyone",
        "placed",
        "out",
        "of",
        "area",
    ]:
        clock(2)
        text = f"{text} {word}".strip()
        new_return.set_narrative("1.1", text)
    [entry] = new_return.change_log("1.1")
    assert (entry.who, entry.old, entry.new) == ("Alice", "", text)
    assert entry.at == "2026-11-22T09:00:22+00:00"  # when the burst last wrote

    new_return.editor = "Bob"  # another person: a version of their own
    new_return.set_narrative("1.1", text + ", reviewed monthly")
    new_return.set_narrative("1.1", text + ", reviewed monthly by the board")
    new_return.editor = "Alice"
    new_return.set_good_practice_note("1.1", "See the register")  # another field
    clock(changelog.BURST_SECONDS + 1)
    new_return.set_good_practice_note("1.1", "See the register (attached)")  # after a pause
    log = new_return.change_log("1.1")
    assert [(e.who, e.field, e.new) for e in log] == [
        ("Alice", "narrative", text),
        ("Bob", "narrative", text + ", reviewed monthly by the board"),
        ("Alice", "good_practice_note", "See the register"),
        ("Alice", "good_practice_note", "See the register (attached)"),
    ]
    assert log[1].old == text
    assert log[3].old == "See the register"


def test_codes_and_evidence_are_never_merged_into_the_entry_before(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_codes("2.1", [1])
    new_return.set_codes("2.1", [2])
    first, second = new_return.change_log("2.1")
    assert first.new.startswith("1") and second.new.startswith("2")
    assert second.old == first.new


def test_extending_an_entry_still_counts_as_unsaved_change(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("3.1", "First words")
    new_return.publish()
    assert not new_return.has_unpublished_changes()
    new_return.set_narrative("3.1", "First words and more")
    assert len(new_return.change_log("3.1")) == 1
    assert new_return.has_unpublished_changes()
    new_return.publish()
    with ReturnDocument.open(new_return.path, "Reader", read_only=True) as saved:
        assert saved.answer("3.1").narrative == "First words and more"


def test_older_entries_and_versions_cannot_be_rewritten(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    new_return.set_narrative("3.1", "Version one")
    clock(changelog.BURST_SECONDS + 1)
    new_return.set_narrative("3.1", "Version two")
    conn = sqlite3.connect(new_return._db_path)
    try:
        first = conn.execute("SELECT min(id) FROM change_log").fetchone()[0]
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE change_log SET at = 'x' WHERE id = ?", (first,))
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(
                "UPDATE change_log SET who = 'Mallory' WHERE id = (SELECT max(id) FROM change_log)"
            )
        with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
            conn.execute("DELETE FROM text_version")
        oldest = conn.execute("SELECT min(id) FROM text_version").fetchone()[0]
        with pytest.raises(sqlite3.IntegrityError, match="newest text version"):
            conn.execute("UPDATE text_version SET inserted = x'7561' WHERE id = ?", (oldest,))
    finally:
        conn.close()
    assert [e.new for e in new_return.change_log("3.1")] == ["Version one", "Version two"]


def test_a_long_history_rebuilds_through_whole_texts(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    """Versions chain back to a whole text at most KEYFRAME_EVERY steps away."""
    texts = [f"Narrative draft {i}: " + "word " * i for i in range(changelog.KEYFRAME_EVERY * 3)]
    for text in texts:
        new_return.set_narrative("5.5", text)
        clock(changelog.BURST_SECONDS + 1)
    conn = sqlite3.connect(new_return._db_path)
    try:
        depth = conn.execute("SELECT max(depth) FROM text_version").fetchone()[0]
        whole = conn.execute("SELECT count(*) FROM text_version WHERE base IS NULL").fetchone()[0]
    finally:
        conn.close()
    assert depth < changelog.KEYFRAME_EVERY
    assert whole >= 3
    assert [e.new for e in new_return.change_log("5.5")] == texts


def test_emoji_rtl_and_control_free_text_round_trip_through_versions(
    new_return: ReturnDocument, clock: Callable[[float], None]
) -> None:
    texts = ["Ready 👍🏽", "Ready 👍🏽 שלום", "مرحبا Ready 👍🏽 שלום", "مرحبا"]
    for text in texts:
        new_return.set_support_required("6.1", text)
        clock(changelog.BURST_SECONDS + 1)
    assert [e.new for e in new_return.change_log("6.1")] == texts


def test_a_damaged_text_version_is_refused_on_open_with_one_sentence(tmp_path: Path) -> None:
    from stocktake_desktop.document import NotAReturnError

    path = tmp_path / "damaged.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("1.1", "A paragraph worth keeping")
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "UPDATE text_version SET inserted = x'7a00ff00' "
            "WHERE id = (SELECT max(id) FROM text_version)"
        )
        conn.commit()
    finally:
        conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAReturnError, match=r"damaged\.stocktake .*change log"):
        ReturnDocument.open(path, "Alice", recover=False)
    assert path.read_bytes() == before
