"""The bundle: names, folder and zip contents, evidence copies, manifest, bundle id, recording."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stocktake_desktop.document import ReturnDocument, StorageError
from stocktake_desktop.export.manifest import bundle_id
from stocktake_desktop.export.naming import bundle_name, safe_locality
from stocktake_desktop.export.status import submission_status
from stocktake_desktop.template import default_template
from tests.helpers import export_return

NOW = datetime(2026, 11, 22, 14, 2, 31, tzinfo=timezone(timedelta(hours=0)))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_names_come_from_the_locality_and_the_date() -> None:
    day = NOW.date()
    assert bundle_name("WV-Stocktake-2013", "Leicestershire", day) == (
        "WV-Stocktake-2013_Leicestershire_2026-11-22"
    )
    assert safe_locality("Brighton & Hove") == "Brighton-and-Hove"
    assert safe_locality("Kingston upon Hull, City of") == "Kingston-upon-Hull-City-of"
    assert safe_locality("Ynys Môn / Anglesey") == "Ynys-Mon-Anglesey"
    assert safe_locality("../../etc") == "etc"
    assert safe_locality("東京") == "Locality"


def test_bundle_folder_and_zip(tmp_path: Path, seed_return: Path) -> None:
    evidence = tmp_path / "Board minutes.pdf"
    evidence.write_bytes(b"%PDF minutes" * 100)
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_evidence("1.4", evidence)
        document.add_evidence("1.1", evidence)
    result = export_return(seed_return, tmp_path / "out", now=NOW)
    name = "WV-Stocktake-2013_Leicestershire_DRAFT_2026-11-22"  # not final: DRAFT in every name
    assert result.name == name
    assert result.zip_path == tmp_path / "out" / f"{name}.zip"
    assert result.eml_path == tmp_path / "out" / f"{name}.eml"
    assert result.folder == tmp_path / "out" / name
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        name,
        f"{name}.eml",
        f"{name}.zip",
    ]
    in_folder = sorted(p.relative_to(result.folder).as_posix() for p in result.folder.rglob("*"))
    assert in_folder == sorted(
        [
            f"{name}.xlsx",
            f"{name}.pdf",
            "evidence",
            "evidence/1.1 Board minutes.pdf",
            "evidence/1.4 Board minutes.pdf",
            "manifest.json",
            "bundle-id.txt",
        ]
    )
    assert (result.folder / "evidence/1.4 Board minutes.pdf").read_bytes() == evidence.read_bytes()
    with zipfile.ZipFile(result.zip_path) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(f"{name}/{p}" for p in in_folder if p != "evidence")
        assert archive.comment.decode() == f"Stocktake bundle id {result.bundle_id}"
        for member in names:
            relative = member.split("/", 1)[1]
            assert archive.read(member) == (result.folder / relative).read_bytes()
    assert not list((tmp_path / "out").glob(".*"))  # no temporary leftovers


def test_manifest_lists_every_file_and_the_bundle_id_is_its_hash(
    tmp_path: Path, seed_return: Path
) -> None:
    evidence = tmp_path / "plan.docx"
    evidence.write_bytes(b"plan" * 1000)
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_evidence("6.1", evidence)
    result = export_return(seed_return, tmp_path / "out", now=NOW)
    raw = (result.folder / "manifest.json").read_bytes()
    assert result.bundle_id == bundle_id(raw) == _sha(raw)
    assert (result.folder / "bundle-id.txt").read_text() == result.bundle_id + "\n"
    manifest = json.loads(raw)
    template = default_template()
    assert manifest["stocktake"] == {
        "id": template.id,
        "name": template.display_name,
        "content_hash": template.content_hash,
    }
    assert manifest["locality"] == "Leicestershire"
    assert manifest["kind"] == "draft"
    assert manifest["exported_at"] == "2026-11-22T14:02:31+00:00"
    assert manifest["app"]["version"]
    assert manifest["return_fingerprint"].startswith("sha256:")
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == {f"{result.name}.xlsx", f"{result.name}.pdf", "evidence/6.1 plan.docx"}
    for path, entry in listed.items():
        data = (result.folder / path).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == _sha(data)
    assert listed["evidence/6.1 plan.docx"]["ref"] == "6.1"


def test_same_answers_same_fingerprint_different_bundle(tmp_path: Path, seed_return: Path) -> None:
    one = export_return(seed_return, tmp_path / "one")
    two = export_return(seed_return, tmp_path / "two")
    assert one.manifest["return_fingerprint"] == two.manifest["return_fingerprint"]
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.set_narrative("1.1", "Changed")
    three = export_return(seed_return, tmp_path / "three")
    assert three.manifest["return_fingerprint"] != one.manifest["return_fingerprint"]


def test_a_second_export_the_same_day_never_overwrites(tmp_path: Path, seed_return: Path) -> None:
    first = export_return(seed_return, tmp_path / "out", now=NOW)
    second = export_return(seed_return, tmp_path / "out", now=NOW)
    assert second.name == f"{first.name}_2"
    assert first.zip_path.exists() and second.zip_path.exists()
    assert first.eml_path and second.eml_path and first.eml_path != second.eml_path
    # An email draft left from an earlier export also keeps its name from being reused.
    (tmp_path / "out" / f"{first.name}_3.eml").write_bytes(b"kept")
    third = export_return(seed_return, tmp_path / "out", now=NOW)
    assert third.name == f"{first.name}_4"
    assert (tmp_path / "out" / f"{first.name}_3.eml").read_bytes() == b"kept"


def test_drafts_and_final_bundles_have_different_names(tmp_path: Path, seed_return: Path) -> None:
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.set_codes("3.5", [2])  # complete, so it may be final
    draft = export_return(seed_return, tmp_path / "out", now=NOW)
    final = export_return(seed_return, tmp_path / "out", now=NOW, final=True)
    assert draft.name == "WV-Stocktake-2013_Leicestershire_DRAFT_2026-11-22"
    assert final.name == "WV-Stocktake-2013_Leicestershire_2026-11-22"  # not "_2": another name
    for result, marked in ((draft, True), (final, False)):
        names = [result.zip_path.name, result.folder.name, *(e.path for e in result.files[:2])]
        assert names[2:] == [f"{result.name}.xlsx", f"{result.name}.pdf"]
        assert all(("_DRAFT_" in name) == marked for name in names), names
        assert result.eml_path is not None and ("_DRAFT_" in result.eml_path.name) == marked


def test_embedded_missing_and_clashing_evidence(tmp_path: Path, seed_return: Path) -> None:
    one, two = tmp_path / "a", tmp_path / "b"
    one.mkdir()
    two.mkdir()
    (one / "Report.PDF").write_bytes(b"first")
    (two / "report.pdf").write_bytes(b"second")
    (one / "CON.txt").write_bytes(b"device name")
    gone = one / "gone.txt"
    gone.write_bytes(b"soon gone")
    kept = one / "kept.txt"
    kept.write_bytes(b"embedded copy")
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_evidence("2.1", one / "Report.PDF")
        document.add_evidence("2.1", two / "report.pdf")
        document.add_evidence("2.1", one / "CON.txt")
        document.add_evidence("2.2", gone, embed=False)  # linked only, then deleted
        document.add_evidence("2.3", kept, embed=True)
    gone.unlink()
    kept.unlink()  # embedded evidence is written from the return itself
    result = export_return(seed_return, tmp_path / "out")
    evidence = sorted(p.name for p in (result.folder / "evidence").iterdir())
    assert evidence == ["2.1 CON.txt", "2.1 Report.PDF", "2.1 report (2).pdf", "2.3 kept.txt"]
    assert (result.folder / "evidence" / "2.1 report (2).pdf").read_bytes() == b"second"
    assert (result.folder / "evidence" / "2.3 kept.txt").read_bytes() == b"embedded copy"
    assert result.missing_evidence == [{"ref": "2.2", "name": "gone.txt"}]
    assert str(one) not in (result.folder / "manifest.json").read_text(encoding="utf-8")
    assert result.manifest["evidence_missing_at_export"] == result.missing_evidence


def test_leave_out_evidence_keeps_it_in_the_folder_not_the_zip(
    tmp_path: Path, seed_return: Path
) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * 1000)
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_evidence("1.1", big)
    result = export_return(seed_return, tmp_path / "out", leave_out_evidence=True)
    assert [entry.path for entry in result.sent_separately] == ["evidence/1.1 big.bin"]
    assert (result.folder / "evidence/1.1 big.bin").exists()
    with zipfile.ZipFile(result.zip_path) as archive:
        assert not [n for n in archive.namelist() if "/evidence/" in n]
    assert result.manifest["sent_separately"][0]["path"] == "evidence/1.1 big.bin"


def test_export_records_the_submission_and_later_changes(tmp_path: Path, seed_return: Path) -> None:
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.set_codes("3.5", [2])
    draft = export_return(seed_return, tmp_path / "draft")
    final = export_return(seed_return, tmp_path / "final", final=True)
    with ReturnDocument.open(seed_return, "Alice", read_only=True) as document:
        submissions = document.submissions()
        assert [(s.bundle_id, s.final) for s in submissions] == [
            (draft.bundle_id, False),
            (final.bundle_id, True),
        ]
        status = submission_status(document)
    day = datetime.fromisoformat(submissions[-1].at)
    assert status == f"Submitted on {day.day} {day:%B %Y} (bundle {final.bundle_id[:12]})"
    with ReturnDocument.open(seed_return, "Bob") as document:
        document.set_narrative("1.1", "Edited after submission")
        assert submission_status(document).endswith("; 1 change since, which the next export lists")


def test_read_only_exports_are_not_recorded(tmp_path: Path, seed_return: Path) -> None:
    from stocktake_desktop.export.bundle import ExportOptions, export_bundle

    (tmp_path / "out").mkdir()
    with ReturnDocument.open(seed_return, "Reader", read_only=True) as document:
        result = export_bundle(document, ExportOptions(out_dir=tmp_path / "out"))
        assert not result.recorded
        assert document.submissions() == []


def test_missing_output_folder_is_a_clear_error(tmp_path: Path, seed_return: Path) -> None:
    from stocktake_desktop.export.bundle import ExportOptions, export_bundle

    with (
        ReturnDocument.open(seed_return, "Alice") as document,
        pytest.raises(StorageError, match="does not exist"),
    ):
        export_bundle(document, ExportOptions(out_dir=tmp_path / "nowhere"))


def test_a_failed_export_leaves_nothing_behind(
    tmp_path: Path, seed_return: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop.export import pdf

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "write_pdf", broken)
    out = tmp_path / "out"
    with pytest.raises(StorageError, match="No space left on device"):
        export_return(seed_return, out)
    assert list(out.iterdir()) == []
    with ReturnDocument.open(seed_return, "Alice", read_only=True) as document:
        assert document.submissions() == []


def test_a_failed_zip_removes_the_folder_too(
    tmp_path: Path, seed_return: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop.export import bundle

    def broken(*_args: object) -> int:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(bundle, "write_zip", broken)
    out = tmp_path / "out"
    with pytest.raises(StorageError, match="Permission denied"):
        export_return(seed_return, out)
    assert list(out.iterdir()) == []


def test_a_failed_email_draft_removes_the_zip_and_the_folder(
    tmp_path: Path, seed_return: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop.export import eml

    def broken(*_args: object, **_kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(eml, "write_draft", broken)
    out = tmp_path / "out"
    with pytest.raises(StorageError, match="No space left on device"):
        export_return(seed_return, out)
    assert list(out.iterdir()) == []
    with ReturnDocument.open(seed_return, "Alice", read_only=True) as document:
        assert document.submissions() == []


def test_unreadable_evidence_fails_the_export_naming_the_file(
    tmp_path: Path, seed_return: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop.export import bundle

    evidence = tmp_path / "locked.docx"
    evidence.write_bytes(b"locked by Word")
    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_evidence("1.2", evidence, embed=False)

    def locked(source: Path, target: Path) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(bundle, "copy_with_hash", locked)
    with pytest.raises(
        StorageError, match=r"1\.2: could not copy the evidence file .*locked\.docx"
    ):
        export_return(seed_return, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
