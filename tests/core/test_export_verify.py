"""``verify``: an intact bundle passes (exit 0); a changed, missing or extra file fails (exit 1)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from stocktake_desktop.export.bundle import BundleResult
from stocktake_desktop.export.verify import verify_bundle
from tests.helpers import export_return

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bundle(tmp_path: Path, seed_return: Path) -> BundleResult:
    evidence = tmp_path / "minutes.txt"
    evidence.write_text("Minutes of the partnership board", encoding="utf-8")
    from stocktake_desktop.document import ReturnDocument

    with ReturnDocument.open(seed_return, "Alice") as document:
        document.add_evidence("1.4", evidence)
    return export_return(seed_return, tmp_path / "out")


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """Copy a zip, passing each member through ``change`` (None drops it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        new.comment = old.comment
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def test_an_intact_bundle_verifies_through_main(bundle: BundleResult) -> None:
    done = run_main("verify", str(bundle.zip_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Bundle id: {bundle.bundle_id}" in done.stdout
    assert "Intact: all 3 files match the manifest and the bundle id." in done.stdout
    folder = run_main("verify", str(bundle.folder), "--bundle-id", bundle.bundle_id)
    assert folder.returncode == 0, folder.stdout


def test_changed_missing_and_extra_files_fail_through_main(
    bundle: BundleResult, tmp_path: Path
) -> None:
    name = bundle.name
    pdf, xlsx = f"{name}/{name}.pdf", f"{name}/{name}.xlsx"

    def tamper(member: str, data: bytes) -> bytes | None:
        if member == pdf:
            return None  # missing
        if member == xlsx:
            return data[:-10] + b"0123456789"  # changed, same size
        return data

    broken = rewrite(bundle.zip_path, tmp_path / "broken.zip", tamper)
    with zipfile.ZipFile(broken, "a") as archive:
        archive.writestr(f"{name}/evidence/extra.exe", b"MZ")
        archive.writestr("stray.txt", b"outside the bundle folder")
    done = run_main("verify", str(broken))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert f"Missing: {name}.pdf" in lines
    assert f"Changed: {name}.xlsx (its SHA-256 differs from the manifest)" in lines
    assert "Extra: evidence/extra.exe" in lines
    assert "Extra: ../stray.txt" in lines
    assert lines[-1] == "NOT intact: the bundle is not as it was exported."


@pytest.mark.parametrize("kind", ["changed", "missing", "extra"])
def test_each_kind_of_damage_alone_fails(bundle: BundleResult, tmp_path: Path, kind: str) -> None:
    from stocktake_desktop import cli

    target = f"{bundle.name}/evidence/1.4 minutes.txt"

    def tamper(member: str, data: bytes) -> bytes | None:
        if member != target or kind == "extra":
            return data
        return None if kind == "missing" else data.replace(b"board", b"BOARD")

    damaged = rewrite(bundle.zip_path, tmp_path / f"{kind}.zip", tamper)
    if kind == "extra":
        with zipfile.ZipFile(damaged, "a") as archive:
            archive.writestr(f"{bundle.name}/notes.txt", b"added later")
    report = verify_bundle(damaged)
    expected = {
        "changed": ([], [], ["evidence/1.4 minutes.txt"]),
        "missing": (["evidence/1.4 minutes.txt"], [], []),
        "extra": ([], ["notes.txt"], []),
    }[kind]
    assert (report.missing, report.extra, report.changed) == expected
    assert not report.intact
    assert cli.main(["verify", str(damaged)]) == 1


def test_an_edited_manifest_no_longer_matches_its_bundle_id(
    bundle: BundleResult, tmp_path: Path
) -> None:
    manifest = f"{bundle.name}/manifest.json"

    def tamper(member: str, data: bytes) -> bytes:
        return data.replace(b'"draft"', b'"final"') if member == manifest else data

    forged = rewrite(bundle.zip_path, tmp_path / "forged.zip", tamper)
    report = verify_bundle(forged)
    assert not report.intact
    assert any("bundle-id.txt" in problem for problem in report.problems)
    assert any("zip comment" in problem for problem in report.problems)
    assert verify_bundle(bundle.zip_path, expected_id="0" * 64).problems
    assert verify_bundle(bundle.zip_path, expected_id=bundle.bundle_id.upper()).intact


def test_a_crc_damaged_member_counts_as_changed(bundle: BundleResult, tmp_path: Path) -> None:
    data = bytearray(bundle.zip_path.read_bytes())
    needle = b"Minutes of the partnership board"
    at = data.find(needle)
    assert at > 0  # stored or deflated, the text is findable only when stored
    data[at] ^= 0x20
    damaged = tmp_path / "crc.zip"
    damaged.write_bytes(bytes(data))
    report = verify_bundle(damaged)
    assert report.changed == ["evidence/1.4 minutes.txt"]


def test_not_a_bundle(tmp_path: Path) -> None:
    from stocktake_desktop import cli

    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    assert cli.main(["verify", str(junk)]) == 1
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    assert not verify_bundle(empty).intact
    assert cli.main(["verify", str(tmp_path / "absent.zip")]) == 2
