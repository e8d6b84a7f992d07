"""``import`` of hostile answers files: every problem is one line on stderr and exit 2.

The command runs in-process (``cli.main``) for speed; ``test_cli.py`` runs it as a child.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from stocktake_desktop import interchange_read
from stocktake_desktop.document import AnswerError, ReturnDocument, evidence_state
from stocktake_desktop.document.models import EvidenceState
from stocktake_desktop.export.evidence_copy import NotAnOrdinaryFileError, copy_with_hash
from tests.helpers import export_return, run_cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX special files")


def doc(answers: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"format": "stocktake-answers", "version": 1, "answers": answers or {}} | extra


@pytest.fixture
def target(returns_dir: Path) -> Path:
    path = returns_dir / "leics.stocktake"
    ReturnDocument.create(path, "Leicestershire", "Alice").close()
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "answers"
    path.mkdir()
    return path


def refused(target: Path, answers: Path, *extra: str) -> str:
    """Import ``answers``; assert it was refused in one line; return that line."""
    code, out, err = run_cli("import", target, answers, *extra)
    assert code == 2, out + err
    assert out == ""
    assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.rstrip("\n")


def write(folder: Path, content: str | bytes | dict[str, Any], name: str = "a.json") -> Path:
    path = folder / name
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    return path


def dumped(target: Path) -> dict[str, Any]:
    code, out, _err = run_cli("dump", target)
    assert code == 0
    return dict(json.loads(out))


# ------------------------------------------------------------------------ the file itself
def test_a_number_of_thousands_of_digits_is_named_by_question(target: Path, folder: Path) -> None:
    text = '{"format": "stocktake-answers", "version": 1, "answers": {"1.1": {"codes": [%s]}}}'
    line = refused(target, write(folder, text % ("9" * 5000)))
    assert line.endswith("1.1 codes: should be a whole number, not a number of 5000 digits")
    line = refused(target, write(folder, text.replace("1, ", "%s, " % ("7" * 100_000)) % "1"))
    assert "version: should be 1 or 2, not a number of 100000 digits" in line


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deep_nesting_is_one_line(target: Path, folder: Path, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    line = refused(target, write(folder, opener * 100_000 + "1" + closer * 100_000))
    assert "nests lists or objects too deeply" in line
    shallow = doc({"1.1": {"narrative": [[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]}})
    assert "nests lists or objects too deeply" in refused(target, write(folder, shallow))


def test_keys_with_line_breaks_are_shown_escaped(target: Path, folder: Path) -> None:
    data = doc({"1.1\n": {"narrative": "x"}}, completed_by={"na\nme": "Jo"})
    line = refused(target, write(folder, data))
    assert '"1.1\\n": there is no question "1.1\\n" in Winterbourne View' in line
    assert 'completed_by."na\\nme": unknown field' in line
    line = refused(target, write(folder, doc({"1.1\n2": {}})))
    assert 'answers: "1.1\\n2" is not a question number (like "1.1")' in line
    data = doc({"1.1": {"narrative": "x"}}, completed_by={"na\r\nme\u2028": "Jo"})
    assert 'completed_by."na\\r\\nme\\u2028": unknown field' in refused(target, write(folder, data))


def test_a_code_written_3_0_is_stored_as_3_and_3_5_is_refused(target: Path, folder: Path) -> None:
    assert run_cli("import", target, write(folder, doc({"2.1": {"codes": [1.0]}})))[0] == 0
    assert dumped(target)["answers"]["2.1"]["codes"] == [1]
    with ReturnDocument.open(target, "Alice", read_only=True) as document:
        assert document.answer("2.1").codes == (1,)
        assert type(document.answer("2.1").codes[0]) is int
    line = refused(target, write(folder, doc({"2.1": {"codes": [1.5]}})))
    assert line.endswith("2.1 codes: should be a whole number, not 1.5")
    line = refused(target, write(folder, doc({"2.1": {"codes": [1e308]}})))
    assert "2.1 codes: a number of 309 digits not in the list" in line


def test_booleans_are_not_numbers(target: Path, folder: Path) -> None:
    line = refused(target, write(folder, doc({"2.1": {"codes": [True]}})))
    assert line.endswith("2.1 codes: should be a whole number, not true")
    line = refused(target, write(folder, {"format": "stocktake-answers", "version": True}))
    assert 'file: "answers" missing; version: should be 1 or 2, not true' in line


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(target: Path, folder: Path, constant: str) -> None:
    text = '{"format": "stocktake-answers", "version": 1, "answers": {"2.1": {"codes": [%s]}}}'
    assert f"2.1 codes: should be a whole number, not {constant}" in refused(
        target, write(folder, text % constant)
    )


def test_duplicate_keys_are_refused(target: Path, folder: Path) -> None:
    text = '{"format": "stocktake-answers", "version": 1, "answers": {"2.1": {}, "2.1": {}}}'
    assert 'gives the key "2.1" twice in one object' in refused(target, write(folder, text))


def test_a_file_that_is_not_utf8(target: Path, folder: Path) -> None:
    data = (
        json.dumps(doc({"1.1": {"narrative": "caf\u00e9"}})).encode().replace(b"\\u00e9", b"\xe9")
    )
    assert "a.json cannot be imported (1 problem): is not UTF-8 text (byte" in refused(
        target, write(folder, data)
    )


def test_a_huge_file_is_refused_before_it_is_read(target: Path, folder: Path) -> None:
    huge = folder / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(interchange_read.MAX_BYTES + 1)  # sparse: nothing is really written
    assert "is larger than 50 MB" in refused(target, huge)


@posix_only
def test_what_is_read_is_capped_whatever_the_size_says(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(interchange_read, "MAX_BYTES", 100)
    status = Path("/proc/self/status")  # says 0 bytes; holds far more than 100
    if not status.exists():
        pytest.skip("no /proc on this machine")
    assert status.stat().st_size == 0
    assert "status cannot be imported (1 problem): is larger than 100 bytes" in refused(
        target, status
    )


@posix_only
def test_the_answers_file_must_be_an_ordinary_file(target: Path, folder: Path) -> None:
    fifo = folder / "pipe.json"
    os.mkfifo(fifo)
    assert "pipe.json cannot be imported (1 problem): is not an ordinary file" in refused(
        target, fifo
    )
    assert "is not an ordinary file" in refused(target, folder)
    assert "is not an ordinary file" in refused(target, Path("/dev/zero"))


def test_many_problems_are_listed_up_to_twenty(target: Path, folder: Path) -> None:
    data = doc({f"{n}.{n}": {} for n in range(20, 10_020)})
    line = refused(target, write(folder, data))
    assert "(10000 problems)" in line and line.endswith("; and 9980 more")
    assert len(line) < 4000


def test_wrong_dates_and_an_empty_locality_are_refused(target: Path, folder: Path) -> None:
    data = doc({}, locality="\x00\x01", sign_off_dates={"chair_hwb": "2013-02-30"})
    line = refused(target, write(folder, data))
    assert "locality: should not be empty" in line
    assert 'sign_off_dates.chair_hwb: "2013-02-30" is not a real date' in line


def test_nothing_is_written_when_refused(target: Path, folder: Path) -> None:
    before = dumped(target)
    data = doc({"1.1": {"narrative": "new"}, "2.1": {"codes": [1.5]}})
    refused(target, write(folder, data))
    assert dumped(target) == before


# ------------------------------------------------------------------------ evidence paths
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("minutes\x00.pdf", "1.1 evidence: the evidence path contains a NUL character"),
        ("minutes\ud800.pdf", "is not valid UTF-8, so it cannot be recorded"),
        ("x" * 300 + ".pdf", "is too long to be a file name"),
        ("a/" * 2100 + "b.pdf", "is too long to be a file name"),
        ("missing.pdf", "1.1 evidence: file not found: missing.pdf"),
    ],
)
def test_bad_evidence_paths(target: Path, folder: Path, path: str, expected: str) -> None:
    assert expected in refused(target, write(folder, doc({"1.1": {"evidence": [path]}})))


def test_evidence_outside_the_answers_folder_needs_allow_outside(
    target: Path, folder: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.pdf"
    outside.write_bytes(b"%PDF")
    for given in (str(outside), "../elsewhere.pdf"):
        answers = write(folder, doc({"1.1": {"evidence": [given]}}))
        line = refused(target, answers)
        assert line.endswith(
            f"1.1 evidence: {given} is outside the answers file's folder "
            "(import with --allow-outside to attach it)"
        )
        assert run_cli("import", target, answers, "--allow-outside")[0] == 0
    assert dumped(target)["answers"]["1.1"]["evidence"] == [str(outside)]


@posix_only
def test_a_link_inside_the_folder_to_a_file_outside_is_outside(
    target: Path, folder: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("private", encoding="utf-8")
    (folder / "innocent.pdf").symlink_to(outside)
    line = refused(target, write(folder, doc({"1.1": {"evidence": ["innocent.pdf"]}})))
    assert "innocent.pdf is outside the answers file's folder" in line


@posix_only
@pytest.mark.parametrize(
    ("special", "expected"),
    [
        ("/dev/null", "/dev/null is a device, not an ordinary file, so it cannot be attached."),
        ("/dev/zero", "/dev/zero is a device, not an ordinary file"),
        ("/proc/self/status", "/proc/self/status is a system file (under /proc), not a document"),
        ("/proc/self/fd/0", "cannot be attached"),
        ("/dev", "/dev is a folder, not an ordinary file"),
    ],
)
def test_special_files_are_never_attached(
    target: Path, folder: Path, special: str, expected: str
) -> None:
    if not Path(special).exists():
        pytest.skip(f"{special} is not on this machine")
    answers = write(folder, doc({"1.1": {"evidence": [special]}}))
    line = refused(target, answers, "--allow-outside")
    assert f"1.1 evidence: {expected}" in line or expected in line
    with ReturnDocument.open(target, "Alice") as document, pytest.raises(AnswerError) as raised:
        document.add_evidence("1.1", Path(special))
    assert str(raised.value).startswith("1.1: ") and expected.split(",")[0] in str(raised.value)


@posix_only
def test_a_fifo_and_a_folder_in_the_answers_folder_are_refused(target: Path, folder: Path) -> None:
    os.mkfifo(folder / "pipe.pdf")
    (folder / "sub").mkdir()
    line = refused(target, write(folder, doc({"1.1": {"evidence": ["pipe.pdf", "sub"]}})))
    assert "pipe.pdf is a named pipe, not an ordinary file, so it cannot be attached." in line
    assert "sub is a folder, not an ordinary file" in line


@posix_only
def test_relinking_to_a_special_file_is_refused(target: Path, folder: Path) -> None:
    real = folder / "minutes.pdf"
    real.write_bytes(b"%PDF minutes")
    os.mkfifo(folder / "pipe.pdf")
    with ReturnDocument.open(target, "Alice") as document:
        link = document.add_evidence("2.1", real)
        with pytest.raises(AnswerError, match=r"^2\.1: .*pipe\.pdf is a named pipe"):
            document.relink_evidence(link.id, folder / "pipe.pdf")
        with pytest.raises(AnswerError, match=r"a system file \(under /proc\)"):
            document.relink_evidence(link.id, Path("/proc/self/status"))
        assert document.evidence_link(link.id).original_path == str(real)


@posix_only
def test_a_file_replaced_by_a_pipe_is_missing_at_export_and_never_read(
    seed_return: Path, tmp_path: Path
) -> None:
    evidence = tmp_path / "minutes.txt"
    evidence.write_text("Minutes", encoding="utf-8")
    with ReturnDocument.open(seed_return, "Alice") as document:
        link = document.add_evidence("1.4", evidence, embed=False)
    evidence.unlink()
    os.mkfifo(evidence)  # a copy that opened it would wait for a writer for ever
    assert evidence_state(link) is EvidenceState.MISSING
    result = export_return(seed_return, tmp_path / "out")
    assert result.missing_evidence == [{"ref": "1.4", "name": "minutes.txt"}]
    assert not any(entry.role == "evidence" for entry in result.files)
    with pytest.raises(NotAnOrdinaryFileError, match="is a named pipe, not an ordinary file"):
        copy_with_hash(evidence, tmp_path / "copy")
    with pytest.raises(NotAnOrdinaryFileError, match=r"a system file \(under /proc\)"):
        copy_with_hash(Path("/proc/self/status"), tmp_path / "copy2")
    assert not (tmp_path / "copy").exists() and not (tmp_path / "copy2").exists()


def test_dump_then_import_elsewhere_keeps_absolute_evidence(
    target: Path, folder: Path, returns_dir: Path
) -> None:
    (folder / "minutes.pdf").write_bytes(b"%PDF")
    assert (
        run_cli("import", target, write(folder, doc({"1.1": {"evidence": ["minutes.pdf"]}})))[0]
        == 0
    )
    dump = write(returns_dir, dumped(target), "dump.json")
    other = returns_dir / "other.stocktake"
    ReturnDocument.create(other, "Rutland", "Bob").close()
    assert "is outside the answers file's folder" in refused(other, dump)
    assert run_cli("import", other, dump, "--allow-outside")[0] == 0
    assert dumped(other)["answers"] == dumped(target)["answers"]
