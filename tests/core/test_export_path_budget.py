"""The path budget: every name in the zip within 120 characters from the zip's root.

Windows' "Extract All" unpacks ``NAME.zip`` into ``Downloads\\NAME\\`` and the zip's own top
folder inside that; under a OneDrive Downloads folder, an 80-character evidence name took the
paths past Windows' 260-character limit. Tested with the longest locality name in England and
80-character evidence names, as a draft, a final, and a second export on the same day.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.naming import EVIDENCE_NAME_MAX, PATH_BUDGET
from tests.helpers import build_seed_return, export_return

LONGEST_LOCALITY = "Bath and North East Somerset"
#: A OneDrive Downloads folder of someone at that council, as Windows shows it (76 characters).
DOWNLOADS = r"C:\Users\jo.bloggs\OneDrive - Bath and North East Somerset Council\Downloads"
WINDOWS_MAX_PATH = 260
MAIN = Path(__file__).resolve().parents[2] / "main.py"


def _verifies(zip_path: Path) -> bool:
    """``python main.py verify ZIP`` passes (exit 0), as the programme would check it."""
    command = [sys.executable, str(MAIN), "verify", str(zip_path)]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def _eighty(stem: str, extension: str) -> str:
    """A file name of exactly 80 characters ending in ``extension``."""
    room = 80 - len(extension)
    return (stem + " " + "-" * 80)[:room] + extension


EVIDENCE = {
    # Several long names that only differ past the point where they are shortened.
    "1.1": [
        _eighty("Joint programme board terms of reference and membership 2013 version A", ".pdf"),
        _eighty("Joint programme board terms of reference and membership 2013 version B", ".pdf"),
        _eighty("JOINT PROGRAMME BOARD TERMS OF REFERENCE AND MEMBERSHIP 2013 VERSION C", ".PDF"),
    ],
    "6.10": [
        _eighty("Learning disability joint commissioning strategy and delivery plan", ".docx"),
        _eighty("Register of people placed out of area with review dates and outcomes", ".xlsx"),
        _eighty("Slides from the partnership board workshop on housing and support", ".pptx"),
    ],
}


def _make_return(tmp_path: Path) -> Path:
    path = build_seed_return(tmp_path / "bath.stocktake")
    folder = tmp_path / "evidence"
    folder.mkdir()
    with ReturnDocument.open(path, "Alice") as document:
        document.set_locality(LONGEST_LOCALITY)
        document.set_codes("3.5", [2])  # complete, so a final export is allowed
        for ref, names in EVIDENCE.items():
            for name in names:
                assert len(name) == 80
                file = folder / name
                file.write_bytes(name.encode())
                document.add_evidence(ref, file)
    return path


def test_every_path_in_the_zip_is_within_the_budget(tmp_path: Path) -> None:
    path = _make_return(tmp_path)
    out = tmp_path / "out"
    exports = [
        export_return(path, out),  # a draft: "_DRAFT_" makes the names longer
        export_return(path, out),  # the second draft of the day: "_2" too
        export_return(path, out, final=True),
    ]
    expected_extensions = sorted(
        PurePosixPath(name.lower()).suffix for names in EVIDENCE.values() for name in names
    )
    for result in exports:
        assert LONGEST_LOCALITY.replace(" ", "-") in result.name  # the documents keep it whole
        with zipfile.ZipFile(result.zip_path) as archive:
            members = archive.namelist()
        assert members, result.name
        longest = max(members, key=len)
        assert len(longest) <= PATH_BUDGET, longest
        assert len(set(m.casefold() for m in members)) == len(members)  # unique, ignoring case
        evidence = [m.rsplit("/", 1)[1] for m in members if "/evidence/" in m]
        assert len(evidence) == 6
        assert all(len(name) <= EVIDENCE_NAME_MAX for name in evidence)
        assert sorted(PurePosixPath(n.lower()).suffix for n in evidence) == expected_extensions
        assert all(n.startswith(("1.1 ", "6.10 ")) for n in evidence)  # the ref stays first
        # The zip's top folder is the zip's name, and the documents carry the whole locality.
        top = {m.split("/", 1)[0] for m in members}
        assert top == {result.zip_path.stem} == {result.folder.name}
        assert f"{result.folder.name}/{result.name}.xlsx" in members
        # Unpacked by Windows' Extract All under a OneDrive Downloads folder.
        extracted = f"{DOWNLOADS}\\{result.zip_path.stem}\\{longest}".replace("/", "\\")
        assert len(extracted) < WINDOWS_MAX_PATH, (len(extracted), extracted)
        # The names the workbook and the manifest give are the names in the zip.
        listed = {entry.path for entry in result.files}
        assert {f"evidence/{n}" for n in evidence} <= listed
        assert _verifies(result.zip_path)
    draft, second, final = exports
    assert "_DRAFT_" in draft.name and "_DRAFT_" not in final.name
    assert second.zip_path.stem.endswith("_2")
    # The evidence is named alike in every export: the return fingerprint does not change.
    fingerprints = {result.manifest["return_fingerprint"] for result in exports}
    assert len(fingerprints) == 1


def test_before_the_budget_the_paths_were_too_long() -> None:
    """The figure the budget fixes: the old names for this return, unpacked as above."""
    old_folder = "WV-Stocktake-2013_Bath-and-North-East-Somerset_2026-11-22"
    old_member = f"{old_folder}/evidence/1.1 {EVIDENCE['1.1'][0]}"[: len(old_folder) + 10 + 80]
    assert len(old_member) == 147 > PATH_BUDGET
    extracted = f"{DOWNLOADS}\\{old_folder}\\{old_member}"
    assert len(extracted) > WINDOWS_MAX_PATH
