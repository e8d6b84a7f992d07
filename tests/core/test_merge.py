"""Merging a partner's copy: the two-laptop case, conflicts, re-merging, evidence, returns made
separately, and that nothing is lost (issue 12)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from stocktake_desktop.document import AnswerError, ReturnDocument
from stocktake_desktop.merge import (
    MergeRefusedError,
    MergeResult,
    apply_merge,
    merge_copy,
    open_copy,
    plan_merge,
    value_now,
)
from stocktake_desktop.readiness import blockers, check_readiness

JO, DEV = "Jo Bloggs", "Dev Patel"


def create(path: Path, editor: str = JO, locality: str = "Leicestershire") -> Path:
    ReturnDocument.create(path, locality, editor).close()
    return path


def edit(path: Path, editor: str, change: Callable[[ReturnDocument], object]) -> None:
    with ReturnDocument.open(path, editor) as document:
        change(document)


def merge(path: Path, other: Path, editor: str = JO) -> MergeResult:
    with ReturnDocument.open(path, editor) as document:
        return merge_copy(document, other)


@contextmanager
def reading(path: Path) -> Iterator[ReturnDocument]:
    with ReturnDocument.open(path, "Reader", read_only=True) as document:
        yield document


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to show a file is unchanged."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}
    finally:
        conn.close()


@pytest.fixture
def laptops(returns_dir: Path) -> tuple[Path, Path]:
    """The council's return with some shared answers, and the CCG's copy of it."""
    la = create(returns_dir / "la.stocktake")

    def shared(document: ReturnDocument) -> None:
        document.set_narrative("1.1", "The partnership board meets monthly.")
        document.set_narrative("2.1", "Health commissioning is joint.")
        document.set_codes("2.1", [1])
        document.set_narrative("3.1", "A register is kept.")

    edit(la, JO, shared)
    ccg = returns_dir / "ccg.stocktake"
    shutil.copyfile(la, ccg)
    return la, ccg


# ------------------------------------------------------------------ the two-laptop case
def test_disjoint_edits_on_two_laptops_all_arrive(laptops: tuple[Path, Path]) -> None:
    la, ccg = laptops

    def health(document: ReturnDocument) -> None:
        document.set_narrative("2.1", "Health commissioning is joint, with a pooled budget.")
        document.set_codes("2.1", [2])
        document.set_good_practice("2.2", True)
        document.set_good_practice_note("2.2", "Pooled budget since April.")
        document.set_support_required("2.3", "Help with market shaping.")
        document.set_completed_by("organisation", "Nene CCG")
        document.set_sign_off("ccg_rep", name="Dr A Khan", date="2013-06-28")

    def council(document: ReturnDocument) -> None:
        document.set_narrative("1.1", "The partnership board meets monthly and reports.")
        document.set_completed_by("name", JO)

    edit(ccg, DEV, health)
    edit(la, JO, council)
    result = merge(la, ccg)

    assert result.conflicts == () and result.plan.three_way
    assert result.summary == "Merged ccg.stocktake into la.stocktake: 8 changes taken."
    with reading(la) as document:
        answers = document.answers()
        assert answers["1.1"].narrative == "The partnership board meets monthly and reports."
        assert answers["2.1"].narrative == "Health commissioning is joint, with a pooled budget."
        assert answers["2.1"].codes == (2,)
        assert answers["2.2"].good_practice and answers["2.2"].good_practice_note
        assert answers["2.3"].support_required == "Help with market shaping."
        assert answers["3.1"].narrative == "A register is kept."
        assert document.completed_by()["name"] == JO
        assert document.completed_by()["organisation"] == "Nene CCG"
        assert document.sign_off()["ccg_rep"] == ("Dr A Khan", "2013-06-28")
        log, copies = document.change_log(), document.change_copies()
        brought = [e for e in log if e.id in copies]
        assert {(e.ref, e.field) for e in brought} == {
            ("2.1", "narrative"),
            ("2.1", "codes"),
            ("2.2", "good_practice"),
            ("2.2", "good_practice_note"),
            ("2.3", "support_required"),
            ("", "completed_by.organisation"),
            ("", "sign_off.ccg_rep.name"),
            ("", "sign_off.ccg_rep.date"),
        }
        assert {e.who for e in brought} == {DEV}
        assert set(copies.values()) == {"ccg.stocktake"}
        assert log[-1].who == JO and log[-1].field == "merge"
        assert log[-1].new.startswith("merged ccg.stocktake (from the versions both copies share)")
        assert DEV in {c.name for c in document.contributors()}


def test_overlapping_edits_take_one_sided_and_equal_changes_and_keep_conflicts(
    laptops: tuple[Path, Path],
) -> None:
    la, ccg = laptops

    def theirs(document: ReturnDocument) -> None:
        document.set_narrative("1.1", "Monthly, chaired by the council leader.")
        document.set_narrative("3.1", "A register is kept and shared.")
        document.set_codes("2.1", [3])

    def mine(document: ReturnDocument) -> None:
        document.set_narrative("1.1", "Monthly, with an annual review.")
        document.set_narrative("3.1", "A register is kept and shared.")

    edit(ccg, DEV, theirs)
    edit(la, JO, mine)
    result = merge(la, ccg)

    [conflict] = result.conflicts
    assert (conflict.ref, conflict.field) == ("1.1", "narrative")
    assert conflict.mine == "Monthly, with an annual review."
    assert conflict.theirs == "Monthly, chaired by the council leader."
    assert conflict.base == "The partnership board meets monthly."
    assert (conflict.copy, conflict.theirs_by, conflict.open) == ("ccg.stocktake", DEV, True)
    with reading(la) as document:
        assert document.answer("1.1").narrative == "Monthly, with an annual review."
        assert document.answer("2.1").codes == (3,)
        assert document.answer("3.1").narrative == "A register is kept and shared."
        items = [i for i in blockers(check_readiness(document)) if i.kind == "conflict"]
        assert [i.line() for i in items] == [
            "1.1: conflict on narrative: this copy's version and Dev Patel's from "
            "ccg.stocktake differ; keep one or combine them"
        ]
        # Nothing is lost: the other copy's version is in the history, as its author's.
        [entry] = [e for e in document.change_log() if e.field == "conflict.narrative"]
        assert (entry.ref, entry.who, entry.new) == ("1.1", DEV, conflict.theirs)
        assert document.change_copies()[entry.id] == "ccg.stocktake"


# ------------------------------------------------------------------ resolving
@pytest.fixture
def conflicted(laptops: tuple[Path, Path]) -> tuple[Path, Path]:
    la, ccg = laptops
    edit(ccg, DEV, lambda d: d.set_narrative("1.1", "Theirs: monthly and minuted."))
    edit(la, JO, lambda d: d.set_narrative("1.1", "Mine: monthly with a forward plan."))
    assert len(merge(la, ccg).conflicts) == 1
    return la, ccg


def test_a_conflict_resolved_keeping_theirs(conflicted: tuple[Path, Path]) -> None:
    la, _ccg = conflicted
    with ReturnDocument.open(la, "Sam Reviewer") as document:
        [conflict] = document.conflicts()
        settled = document.resolve_conflict(conflict.id, "theirs")
        assert (settled.resolution, settled.resolved_by) == ("theirs", "Sam Reviewer")
        assert document.answer("1.1").narrative == "Theirs: monthly and minuted."
        assert document.conflicts() == []
        entries = document.change_log()
        taken, said = entries[-2], entries[-1]
        assert (taken.field, taken.who, taken.new) == ("narrative", DEV, settled.theirs)
        assert document.change_copies()[taken.id] == "ccg.stocktake"
        assert (said.field, said.who) == ("resolved.narrative", "Sam Reviewer")
        assert said.new == "kept Dev Patel's version from ccg.stocktake"
        with pytest.raises(AnswerError, match="already been resolved"):
            document.resolve_conflict(conflict.id, "mine")
        assert [c.id for c in document.conflicts(include_resolved=True)] == [conflict.id]


def test_a_conflict_resolved_keeping_mine(conflicted: tuple[Path, Path]) -> None:
    la, _ccg = conflicted
    with ReturnDocument.open(la, JO) as document:
        [conflict] = document.conflicts()
        document.set_narrative("1.1", "Mine: monthly with a forward plan, edited since.")
        assert conflict.mine == "Mine: monthly with a forward plan."  # as it was when found
        assert value_now(document, "1.1", "narrative") == document.answer("1.1").narrative
        before = [e.id for e in document.change_log() if e.field == "narrative"]
        document.resolve_conflict(conflict.id, "mine")  # keeps the value as it is now
        assert document.answer("1.1").narrative.endswith("edited since.")
        assert [e.id for e in document.change_log() if e.field == "narrative"] == before
        assert document.change_log()[-1].new.startswith("kept this copy's version")
        assert not [i for i in check_readiness(document) if i.kind == "conflict"]


def test_a_conflict_resolved_with_a_combined_text(conflicted: tuple[Path, Path]) -> None:
    la, _ccg = conflicted
    with ReturnDocument.open(la, JO) as document:
        [conflict] = document.conflicts()
        assert conflict.editable
        document.resolve_conflict_with_text(conflict.id, "Monthly, minuted, with a forward plan.")
        assert document.answer("1.1").narrative == "Monthly, minuted, with a forward plan."
        assert document.conflict(conflict.id).resolution == "edited"
        assert document.change_log()[-2].who == JO


# ------------------------------------------------------------------ merging again
def test_merging_the_same_copy_again_changes_nothing(conflicted: tuple[Path, Path]) -> None:
    la, ccg = conflicted
    before = tables(la)
    again = merge(la, ccg)
    assert again.plan.nothing_new and len(again.conflicts) == 1
    assert again.summary == "Nothing new to merge from ccg.stocktake; 1 conflict to review."
    assert tables(la) == before
    # Settled, it stays settled: merging once more neither reopens it nor writes anything.
    edit(la, JO, lambda d: d.resolve_conflict(d.conflicts()[0].id, "mine"))
    settled = tables(la)
    assert merge(la, ccg).plan.nothing_new
    assert tables(la) == settled


def test_a_later_copy_brings_only_what_changed_since_the_last_merge(
    laptops: tuple[Path, Path],
) -> None:
    la, ccg = laptops
    edit(ccg, DEV, lambda d: d.set_narrative("2.1", "CCG's first draft."))
    merge(la, ccg)
    # The council improves the text it took from the CCG; the CCG goes on elsewhere.
    edit(la, JO, lambda d: d.set_narrative("2.1", "CCG's first draft, checked by the council."))
    edit(ccg, DEV, lambda d: d.set_narrative("2.4", "A new answer from the CCG."))
    renamed = ccg.with_name("ccg v2 with comments.stocktake")  # as people send them
    ccg.rename(renamed)
    result = merge(la, renamed)
    assert result.conflicts == () and [t.field for t in result.plan.takes] == ["narrative"]
    assert result.plan.base is not None and result.plan.base.side == "theirs"
    with reading(la) as document:
        assert document.answer("2.1").narrative == "CCG's first draft, checked by the council."
        assert document.answer("2.4").narrative == "A new answer from the CCG."


def test_copies_sent_back_and_forth_never_conflict_with_themselves(
    laptops: tuple[Path, Path],
) -> None:
    la, ccg = laptops
    edit(ccg, DEV, lambda d: d.set_narrative("2.1", "From the CCG."))
    edit(la, JO, lambda d: d.set_narrative("1.1", "From the council."))
    merge(la, ccg)
    merge(ccg, la, DEV)  # the CCG takes the merged return back
    edit(ccg, DEV, lambda d: d.set_narrative("2.2", "More from the CCG."))
    edit(la, JO, lambda d: d.set_narrative("1.1", "From the council, revised."))
    result = merge(la, ccg)
    assert result.conflicts == ()
    assert [(t.ref, t.field) for t in result.plan.takes] == [("2.2", "narrative")]
    with reading(la) as document:
        assert document.answer("1.1").narrative == "From the council, revised."
    back = merge(ccg, la, DEV)
    assert back.conflicts == ()
    assert [(t.ref, t.value) for t in back.plan.takes] == [("1.1", "From the council, revised.")]


# ------------------------------------------------------------------ evidence
def test_evidence_from_both_sides_is_kept_once_by_content(
    laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    la, ccg = laptops
    files = tmp_path / "evidence"
    files.mkdir()
    (files / "minutes.pdf").write_bytes(b"%PDF board minutes")
    (files / "plan.docx").write_bytes(b"the CCG's plan")
    (files / "register.xlsx").write_bytes(b"the council's register")
    (files / "copy of minutes.pdf").write_bytes(b"%PDF board minutes")

    def theirs(document: ReturnDocument) -> None:
        document.add_evidence("1.1", files / "copy of minutes.pdf")  # the same file by content
        document.add_evidence("2.1", files / "plan.docx")
        document.add_evidence("3.1", files / "register.xlsx")  # linked here, a copy there

    def mine(document: ReturnDocument) -> None:
        document.add_evidence("1.1", files / "minutes.pdf")
        document.add_evidence("3.1", files / "register.xlsx", embed=False)

    edit(ccg, DEV, theirs)
    edit(la, JO, mine)
    result = merge(la, ccg)
    assert len(result.plan.evidence) == 2
    with reading(la) as document:
        links = {(link.ref, link.file_name): link for link in document.evidence()}
        assert sorted(links) == [
            ("1.1", "minutes.pdf"),
            ("2.1", "plan.docx"),
            ("3.1", "register.xlsx"),
        ]
        plan = links[("2.1", "plan.docx")]
        assert plan.added_by == DEV and document.embedded_content(plan.id) == b"the CCG's plan"
        register = links[("3.1", "register.xlsx")]
        assert document.embedded_content(register.id) == b"the council's register"
    assert merge(la, ccg).plan.nothing_new


def test_evidence_removed_here_is_not_brought_back(
    laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    la, ccg = laptops
    old = tmp_path / "old.pdf"
    old.write_bytes(b"last year's report")
    edit(la, JO, lambda d: d.add_evidence("1.1", old))
    shutil.copyfile(la, ccg)
    edit(la, JO, lambda d: d.remove_evidence(d.evidence()[0].id))
    edit(ccg, DEV, lambda d: d.set_narrative("2.1", "Something new."))
    result = merge(la, ccg)
    assert result.plan.evidence == ()
    assert result.plan.notes == (
        "1.1: evidence old.pdf was removed here, so it is not brought back from ccg.stocktake",
    )
    with reading(la) as document:
        assert document.evidence() == []


# ------------------------------------------------------------------ returns made separately
def test_returns_made_separately_fill_gaps_and_conflict_where_both_wrote(
    returns_dir: Path,
) -> None:
    la = create(returns_dir / "la.stocktake")
    ccg = create(returns_dir / "ccg.stocktake", DEV)

    def theirs(document: ReturnDocument) -> None:
        document.set_narrative("1.1", "The CCG's account of the board.")
        document.set_narrative("2.1", "Health commissioning.")
        document.set_codes("2.1", [2])

    def mine(document: ReturnDocument) -> None:
        document.set_narrative("1.1", "The council's account of the board.")
        document.set_narrative("3.1", "Council text.")

    edit(ccg, DEV, theirs)
    edit(la, JO, mine)
    result = merge(la, ccg)
    assert not result.plan.three_way
    [conflict] = result.conflicts
    assert (conflict.ref, conflict.field, conflict.base) == ("1.1", "narrative", None)
    with reading(la) as document:
        assert document.answer("2.1").narrative == "Health commissioning."
        assert document.answer("2.1").codes == (2,)
        assert document.answer("3.1").narrative == "Council text."
        assert document.change_log()[-1].new.startswith(
            "merged ccg.stocktake (two returns made separately)"
        )
    before = tables(la)
    assert merge(la, ccg).plan.nothing_new
    assert tables(la) == before


def test_a_copy_made_before_origins_shares_its_history(returns_dir: Path) -> None:
    la = create(returns_dir / "la.stocktake")
    edit(la, JO, lambda d: d.set_narrative("1.1", "Shared."))
    ccg = returns_dir / "ccg.stocktake"
    shutil.copyfile(la, ccg)
    conn = sqlite3.connect(ccg)  # as if each copy had been upgraded to format 4 on its own
    conn.execute("UPDATE meta SET value = 'another origin' WHERE key = 'origin'")
    conn.commit()
    conn.close()
    edit(ccg, DEV, lambda d: d.set_narrative("1.1", "Shared, and the CCG's."))
    result = merge(la, ccg)
    assert result.plan.three_way and result.conflicts == ()
    with reading(la) as document:
        assert document.answer("1.1").narrative == "Shared, and the CCG's."


def test_a_copy_still_being_typed_in_when_it_was_sent_is_a_conflict_not_a_loss(
    returns_dir: Path,
) -> None:
    la = create(returns_dir / "la.stocktake")
    ccg = returns_dir / "ccg.stocktake"
    with ReturnDocument.open(la, JO) as document:
        document.set_narrative("1.1", "Typing")
        document.publish()
        shutil.copyfile(la, ccg)  # copied mid-sentence; the same version goes on growing
        document.set_narrative("1.1", "Typing on and on.")
    edit(ccg, DEV, lambda d: d.set_narrative("1.1", "Typing, and the CCG's words."))
    [conflict] = merge(la, ccg).conflicts
    assert (conflict.mine, conflict.theirs) == ("Typing on and on.", "Typing, and the CCG's words.")


def test_a_plan_made_before_the_return_changed_is_refused(laptops: tuple[Path, Path]) -> None:
    la, ccg = laptops
    edit(ccg, DEV, lambda d: d.set_narrative("1.1", "The CCG's words."))
    with ReturnDocument.open(la, JO) as document:
        copy = open_copy(ccg, la)
        try:
            plan = plan_merge(document, copy)
            assert [t.value for t in plan.takes] == ["The CCG's words."]
            document.set_narrative("1.1", "Typed while the plan was on screen.")
            with pytest.raises(MergeRefusedError, match="has changed since merging ccg"):
                apply_merge(document, copy, plan)
            assert document.answer("1.1").narrative == "Typed while the plan was on screen."
            assert len(apply_merge(document, copy, plan_merge(document, copy)).conflicts) == 1
        finally:
            copy.close()
