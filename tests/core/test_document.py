"""The return document: editing, the change log, evidence, and what reaches the user's file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from stocktake_desktop.document import (
    Answer,
    AnswerError,
    EvidenceState,
    NotAReturnError,
    ReadOnlyError,
    ReturnDocument,
)
from stocktake_desktop.document.schema import APPLICATION_ID, FORMAT_VERSION


def reopen(path: Path) -> ReturnDocument:
    return ReturnDocument.open(path, "Reader", read_only=True)


def test_create_writes_a_self_contained_return_file(returns_dir: Path) -> None:
    path = returns_dir / "new.stocktake"
    with ReturnDocument.create(path, "Rotherham", "Alice") as document:
        assert document.locality == "Rotherham"
        assert len(document.answers()) == 61
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert not list(returns_dir.glob("*-wal")) and not list(returns_dir.glob("*.lock"))


def test_create_never_overwrites(returns_dir: Path) -> None:
    path = returns_dir / "exists.stocktake"
    path.write_bytes(b"precious")
    with pytest.raises(NotAReturnError, match="already exists"):
        ReturnDocument.create(path, "Rotherham", "Alice")
    assert path.read_bytes() == b"precious"


def test_edits_reach_the_users_file_on_publish(new_return: ReturnDocument) -> None:
    new_return.set_narrative("4.5", "The register is held by the CCG.")
    new_return.set_codes("4.5", [1])
    new_return.set_good_practice("4.5", True)
    new_return.set_good_practice_note("4.5", "See the register guidance.")
    new_return.set_support_required("4.5", "Information sharing")
    assert new_return.has_unpublished_changes()
    new_return.publish()
    assert not new_return.has_unpublished_changes()
    with reopen(new_return.path) as copy:
        assert copy.answer("4.5") == Answer(
            "4.5",
            (1,),
            "The register is held by the CCG.",
            True,
            "See the register guidance.",
            "Information sharing",
        )


def test_every_change_is_logged_with_who_and_old_and_new_values(new_return: ReturnDocument) -> None:
    new_return.set_narrative("1.1", "First draft")
    new_return.editor = "Bob"
    new_return.set_narrative("1.1", "Second draft")
    new_return.set_codes("1.2", [5, 6, 7])
    new_return.set_narrative("1.1", "Second draft")  # no change, no entry
    log = new_return.change_log()
    assert [(e.who, e.ref, e.field, e.old, e.new) for e in log] == [
        ("Alice", "1.1", "narrative", "", "First draft"),
        ("Bob", "1.1", "narrative", "First draft", "Second draft"),
        ("Bob", "1.2", "codes", "", "5, 6, 7"),
    ]
    assert {c.name: c.changes for c in new_return.contributors()} == {"Alice": 1, "Bob": 2}


def test_the_change_log_is_append_only(new_return: ReturnDocument) -> None:
    import sqlite3

    new_return.set_narrative("1.1", "Text")
    new_return.publish()
    conn = sqlite3.connect(new_return.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE change_log SET who = 'Mallory'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM change_log")
    finally:
        conn.close()


def test_codes_are_checked_against_the_question(new_return: ReturnDocument) -> None:
    with pytest.raises(AnswerError, match=r"3\.5"):
        new_return.set_codes("3.5", [3])
    with pytest.raises(AnswerError, match="only one"):
        new_return.set_codes("1.1", [1, 2])
    with pytest.raises(AnswerError, match=r"no question 12\.1"):
        new_return.set_narrative("12.1", "x")
    new_return.set_codes("1.2", [7, 5])
    assert new_return.answer("1.2").codes == (5, 7)


def test_text_is_normalised_on_the_way_in(new_return: ReturnDocument) -> None:
    new_return.set_narrative("2.1", "Line one\x0bLine two\x07 end\ufffe")
    assert new_return.answer("2.1").narrative == "Line one\nLine two end"


@pytest.mark.parametrize(
    "text",
    [
        "emoji 🧑‍🤝‍🧑 and flags 🇬🇧",
        "right-to-left עברית and العربية mixed with English",
        "<b>not bold</b> & <img src='x'> =SUM(A1)",
        "x" * 29_990 + " ends 🎉",
    ],
)
def test_awkward_text_round_trips_exactly(new_return: ReturnDocument, text: str) -> None:
    new_return.set_narrative("6.9", text)
    new_return.publish()
    with reopen(new_return.path) as copy:
        assert copy.answer("6.9").narrative == text


def test_evidence_records_checksum_and_detects_missing_and_changed(
    new_return: ReturnDocument, tmp_path: Path
) -> None:
    file = tmp_path / "minutes.pdf"
    file.write_bytes(b"%PDF minutes")
    link = new_return.add_evidence("1.4", file, embed=False)
    assert link.sha256 == hashlib.sha256(b"%PDF minutes").hexdigest()
    assert (link.file_name, link.size, link.added_by) == ("minutes.pdf", 12, "Alice")
    assert new_return.evidence_state(link) is EvidenceState.OK
    file.write_bytes(b"%PDF minutes, edited")
    assert new_return.evidence_state(link) is EvidenceState.CHANGED
    file.unlink()
    assert new_return.evidence_state(link) is EvidenceState.MISSING
    moved = tmp_path / "minutes-final.pdf"
    moved.write_bytes(b"%PDF final")
    relinked = new_return.relink_evidence(link.id, moved)
    assert relinked.file_name == "minutes-final.pdf"
    assert new_return.evidence_state(relinked) is EvidenceState.OK
    new_return.remove_evidence(link.id)
    assert new_return.evidence("1.4") == []
    assert [e.field for e in new_return.change_log("1.4")] == ["evidence"] * 3


def test_embedded_evidence_survives_the_original_being_deleted(
    new_return: ReturnDocument, tmp_path: Path
) -> None:
    file = tmp_path / "plan.docx"
    file.write_bytes(b"plan" * 1000)
    link = new_return.add_evidence("6.8", file, embed=True)
    file.unlink()
    new_return.publish()
    with reopen(new_return.path) as copy:
        assert copy.evidence("6.8")[0].embedded
        assert copy.embedded_content(link.id) == b"plan" * 1000


def test_completion_and_sign_off(new_return: ReturnDocument) -> None:
    new_return.set_completed_by("name", "John Williams")
    new_return.set_sign_off("chair_hwb", name="Councillor K J Wyatt JP", date="2013-07-01")
    with pytest.raises(AnswerError, match="not a date"):
        new_return.set_sign_off("ccg_rep", date="1 July")
    new_return.publish()
    with reopen(new_return.path) as copy:
        assert copy.completed_by()["name"] == "John Williams"
        assert copy.sign_off()["chair_hwb"] == ("Councillor K J Wyatt JP", "2013-07-01")
        assert copy.sign_off()["ccg_rep"] == ("", "")


def test_read_only_documents_refuse_changes(new_return: ReturnDocument) -> None:
    with reopen(new_return.path) as copy, pytest.raises(ReadOnlyError):
        copy.set_narrative("1.1", "x")


def test_changes_after_a_final_submission_are_marked(new_return: ReturnDocument) -> None:
    new_return.set_narrative("1.1", "Before")
    new_return.record_submission("ab" * 32, final=True)
    new_return.set_narrative("1.1", "After")
    after = new_return.changes_since_submission()
    assert [(e.ref, e.new) for e in after] == [("1.1", "After")]
    assert new_return.last_final_submission() is not None


def test_batch_is_all_or_nothing(new_return: ReturnDocument) -> None:
    with pytest.raises(AnswerError), new_return.batch():
        new_return.set_narrative("1.1", "kept?")
        new_return.set_codes("1.1", [99])
    assert new_return.answer("1.1").narrative == ""
    assert new_return.change_log() == []


def test_backups_are_kept_and_pruned(new_return: ReturnDocument, monkeypatch) -> None:
    from stocktake_desktop.document import backups
    from stocktake_desktop.document import saving as store

    monkeypatch.setattr(store, "BACKUP_INTERVAL_SECONDS", 0)
    for index in range(14):
        new_return.set_narrative("1.1", f"draft {index}")
        new_return.publish()
    kept = new_return.backups()
    assert len(kept) == backups.BACKUPS_KEPT
    with ReturnDocument.open(kept[-1], "Reader", read_only=True) as newest:
        assert newest.answer("1.1").narrative == "draft 13"


def test_changes_are_counted_from_the_latest_final_submission(new_return: ReturnDocument) -> None:
    new_return.record_submission("a" * 64, final=True)
    new_return.set_narrative("1.1", "Between submissions")
    new_return.record_submission("b" * 64, final=True)
    new_return.set_narrative("1.2", "After the second")
    assert [(e.ref, e.new) for e in new_return.changes_since_submission()] == [
        ("1.2", "After the second")
    ]


def test_the_file_as_opened_is_backed_up_on_opening_or_before_the_first_save(
    new_return: ReturnDocument,
) -> None:
    new_return.set_narrative("1.1", "As opened")
    new_return.publish()
    path = new_return.path
    kept = len(new_return.backups())
    new_return.close()
    with ReturnDocument.open(path, "Bob") as opened:  # the default: a backup at once
        assert len(opened.backups()) == kept + 1
    with ReturnDocument.open(path, "Bob", back_up=False) as later:  # the window's way
        assert len(later.backups()) == kept + 1
        later.ensure_backup()
        made = later.backups()
        assert len(made) == kept + 2
        later.ensure_backup()  # once a session
        assert later.backups() == made
    with ReturnDocument.open(path, "Bob", back_up=False) as hurried:  # saved before it asked
        hurried.set_narrative("1.1", "Changed straight away")
        hurried.publish()
        assert len(hurried.backups()) == kept + 3
        newest = hurried.backups()[-1]
    with ReturnDocument.open(newest, "Reader", read_only=True) as backup:
        assert backup.answer("1.1").narrative == "As opened"  # kept before it was replaced
