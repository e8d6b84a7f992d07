"""``verify`` of tampered bundles: a real export, changed in one way each time; every one is
refused (exit 1) with a line saying exactly what is wrong, and never a traceback."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import struct
import tracemalloc
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stocktake_desktop import cli
from stocktake_desktop.export.bundle import BundleResult
from stocktake_desktop.export.manifest import manifest_bytes
from stocktake_desktop.export.verify import PROOF_WITH_ID, PROOF_WITHOUT_ID, verify_bundle
from tests.helpers import export_seed_return

Member = tuple[zipfile.ZipInfo, bytes]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> BundleResult:
    base = tmp_path_factory.mktemp("verify-hostile")
    evidence = base / "minutes.txt"
    evidence.write_text("Minutes of the partnership board", encoding="utf-8")
    return export_seed_return(base, {"1.4": evidence})


def run_verify(*args: str | Path) -> tuple[int, list[str], str]:
    """``python main.py verify ARGS`` in this process: (exit code, stdout lines, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["verify", *map(str, args)])
    return code, out.getvalue().splitlines(), err.getvalue()


def refused(path: Path, *args: str) -> list[str]:
    code, lines, err = run_verify(path, *args)
    assert code == 1, lines
    assert err == ""
    assert lines[-1] == "NOT intact: the bundle is not as it was exported."
    return lines


def members(path: Path) -> list[Member]:
    with zipfile.ZipFile(path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def write_zip(target: Path, items: list[Member], comment: bytes) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        archive.comment = comment
        for info, data in items:
            archive.writestr(info, data, compress_type=info.compress_type)
    return target


def tampered(bundle: BundleResult, target: Path, change: Callable[[list[Member]], None]) -> Path:
    """A copy of the bundle's zip, its members changed in place by ``change``."""
    items = members(bundle.zip_path)
    change(items)
    with zipfile.ZipFile(bundle.zip_path) as archive:
        comment = archive.comment
    return write_zip(target, items, comment)


def forged(bundle: BundleResult, target: Path, manifest: bytes) -> Path:
    """The bundle with ``manifest`` in place of its own, and a bundle id and zip comment that
    match it: what a careful forger would send. Only the manifest itself can be wrong."""
    identity = hashlib.sha256(manifest).hexdigest()
    items = members(bundle.zip_path)
    for index, (info, _data) in enumerate(items):
        if info.filename.endswith("/manifest.json"):
            items[index] = (info, manifest)
        elif info.filename.endswith("/bundle-id.txt"):
            items[index] = (info, f"{identity}\n".encode())
    return write_zip(target, items, f"Stocktake bundle id {identity}".encode())


def edited_manifest(bundle: BundleResult, edit: Callable[[dict[str, Any]], None]) -> bytes:
    data = json.loads(json.dumps(bundle.manifest))
    edit(data)
    return manifest_bytes(data)


def added(name: str, data: bytes = b"x", **attributes: Any) -> Callable[[list[Member]], None]:
    def change(items: list[Member]) -> None:
        info = zipfile.ZipInfo(name)
        for key, value in attributes.items():
            setattr(info, key, value)
        items.append((info, data))

    return change


def patch_central(path: Path, name: str, **fields: int) -> Path:
    """Overwrite header fields of the entry ``name`` in the zip's central directory (and the
    local header's flags): ``flags``, ``size`` (the uncompressed size)."""
    raw = bytearray(path.read_bytes())
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + length] == name.encode():
            break
        at = raw.find(b"PK\x01\x02", at + 4)
    assert at != -1, name
    local = struct.unpack_from("<I", raw, at + 42)[0]
    if "flags" in fields:
        struct.pack_into("<H", raw, at + 8, fields["flags"])
        struct.pack_into("<H", raw, local + 6, fields["flags"])
    if "size" in fields:
        struct.pack_into("<I", raw, at + 24, fields["size"])
    path.write_bytes(bytes(raw))
    return path


def copy_of(bundle: BundleResult, target: Path) -> Path:
    shutil.copyfile(bundle.zip_path, target)
    return target


# ------------------------------------------------------------------------------ intact
def test_intact_says_what_it_proves(bundle: BundleResult) -> None:
    code, lines, _ = run_verify(bundle.zip_path)
    assert code == 0
    assert lines[-2:] == [
        "Intact: all 3 files match the manifest and the bundle id.",
        PROOF_WITHOUT_ID,
    ]
    assert "proves who made it only if this bundle id is the one that reached you" in lines[-1]
    code, lines, _ = run_verify(bundle.zip_path, "--bundle-id", bundle.bundle_id.upper())
    assert code == 0 and lines[-1] == PROOF_WITH_ID


def test_folder_entries_other_zip_tools_add_are_accepted(
    bundle: BundleResult, tmp_path: Path
) -> None:
    def add_folders(items: list[Member]) -> None:
        for folder in (f"{bundle.name}/", f"{bundle.name}/evidence/"):
            items.insert(0, (zipfile.ZipInfo(folder), b""))

    assert run_verify(tampered(bundle, tmp_path / "rezipped.zip", add_folders))[0] == 0


def test_a_malformed_bundle_id_option_is_a_user_error(bundle: BundleResult) -> None:
    code, lines, err = run_verify(bundle.zip_path, "--bundle-id", bundle.bundle_id[:12])
    assert code == 2 and lines == []
    assert err == (
        "error: --bundle-id must be the whole bundle id from the covering email: "
        "64 letters a-f and digits.\n"
    )


# ------------------------------------------------------------------------------ tampered
def test_no_bundle_id_file(bundle: BundleResult, tmp_path: Path) -> None:
    def drop(items: list[Member]) -> None:
        items[:] = [m for m in items if not m[0].filename.endswith("/bundle-id.txt")]

    lines = refused(tampered(bundle, tmp_path / "t.zip", drop))
    assert "Problem: there is no bundle-id.txt, so this is not a complete bundle" in lines


def test_a_bundle_id_file_without_an_id(bundle: BundleResult, tmp_path: Path) -> None:
    def garble(items: list[Member]) -> None:
        for index, (info, _data) in enumerate(items):
            if info.filename.endswith("/bundle-id.txt"):
                items[index] = (info, b"\xff\xfe not an id \x00")

    lines = refused(tampered(bundle, tmp_path / "t.zip", garble))
    assert "Problem: bundle-id.txt does not hold a bundle id" in lines


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/etc/cron.d/stocktake", "is an absolute path"),
        ("C:/Windows/System32/evil.dll", "is an absolute path"),
        ("{root}/../../evil.sh", "climbs out of its folder (..)"),
        ("{root}\\..\\evil.bat", "contains a backslash"),
        ("{root}/evidence//x.pdf", "has an empty or '.' part"),
        ("{root}/evidence/x\x01.pdf", "contains a control character"),
        ("{root}/evidence/x.pdf:hidden", "has a character Windows cannot use (:)"),
    ],
)
def test_unsafe_entry_names(bundle: BundleResult, tmp_path: Path, name: str, reason: str) -> None:
    name = name.format(root=bundle.name)
    lines = refused(tampered(bundle, tmp_path / "t.zip", added(name)))
    shown = name.replace("\x01", "\\x01")
    assert f'Problem: the zip entry "{shown}" {reason}' in lines


@pytest.mark.parametrize("second", ["{root}/manifest.json", "{root}/MANIFEST.json"])
def test_duplicate_entry_names(bundle: BundleResult, tmp_path: Path, second: str) -> None:
    name = second.format(root=bundle.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate it writes
        path = tampered(bundle, tmp_path / "t.zip", added(name, b"{}"))
    lines = refused(path)
    assert (
        f'Problem: the zip entry "{name}" appears more than once '
        "(names that differ only in case count as the same)"
    ) in lines


def test_an_unexpected_folder_entry(bundle: BundleResult, tmp_path: Path) -> None:
    lines = refused(
        tampered(bundle, tmp_path / "t.zip", added(f"{bundle.name}/evidence/more/", b""))
    )
    assert f'Problem: unexpected folder entry "{bundle.name}/evidence/more/"' in lines


def test_an_encrypted_member(bundle: BundleResult, tmp_path: Path) -> None:
    name = f"{bundle.name}/evidence/1.4 minutes.txt"
    lines = refused(patch_central(copy_of(bundle, tmp_path / "t.zip"), name, flags=0x1))
    assert f'Problem: the zip entry "{name}" is encrypted' in lines


def test_an_unsupported_compression_method(bundle: BundleResult, tmp_path: Path) -> None:
    name = f"{bundle.name}/notes.txt"
    lines = refused(
        tampered(
            bundle, tmp_path / "t.zip", added(name, b"x" * 100, compress_type=zipfile.ZIP_BZIP2)
        )
    )
    assert (
        f'Problem: the zip entry "{name}" uses a compression method verify does not accept '
        "(method 12)"
    ) in lines


def test_a_symbolic_link_member(bundle: BundleResult, tmp_path: Path) -> None:
    name = f"{bundle.name}/evidence/passwd"
    link = added(name, b"/etc/passwd", create_system=3, external_attr=0o120777 << 16)
    lines = refused(tampered(bundle, tmp_path / "t.zip", link))
    assert f'Problem: the zip entry "{name}" is a symbolic link' in lines


def test_too_many_entries(bundle: BundleResult, tmp_path: Path) -> None:
    def flood(items: list[Member]) -> None:
        items += [(zipfile.ZipInfo(f"{bundle.name}/n{i}"), b"") for i in range(5001)]

    lines = refused(tampered(bundle, tmp_path / "t.zip", flood))
    assert lines == [
        "Problem: the zip has 5006 entries; a bundle has at most 5000, so it was not read",
        "NOT intact: the bundle is not as it was exported.",
    ]


# -------------------------------------------------------------------- the manifest itself
@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda m: m["files"][0].update(size="12"),
            'files[0].size: should be a whole number, not "12"',
        ),
        (
            lambda m: m["files"][0].update(size=True),
            "files[0].size: should be a whole number, not true",
        ),
        (lambda m: m["files"][0].update(size=-1), "files[0].size: -1 is not a size from 0 to 4 GB"),
        (lambda m: m.update(surprise=1), "surprise: unknown field"),
        (lambda m: m.pop("kind"), "kind: missing"),
        (lambda m: m.update(kind="finale"), 'kind: "finale" is not "final" or "draft"'),
        (lambda m: m.update(ready="yes"), 'ready: should be true or false, not "yes"'),
        (lambda m: m.update(files={}), "files: should be a list, not an object"),
        (lambda m: m["app"].update(version=1), "app.version: should be text, not 1"),
        (
            lambda m: m["files"][2].update(path="../../etc/passwd"),
            'files[2].path: "../../etc/passwd" climbs out of its folder (..)',
        ),
        (
            lambda m: m["files"].append(dict(m["files"][0])),
            "files[3].path: ",
        ),
        (
            lambda m: m["files"][0].update(sha256="XYZ"),
            'files[0].sha256: "XYZ" is not 64 lowercase hexadecimal digits',
        ),
        (
            lambda m: m["files"][0].update(path="manifest.json"),
            'files[0].path: "manifest.json" is not a file the manifest can list',
        ),
    ],
)
def test_a_manifest_that_is_not_the_documented_shape(
    bundle: BundleResult, tmp_path: Path, edit: Callable[[dict[str, Any]], Any], expected: str
) -> None:
    lines = refused(forged(bundle, tmp_path / "t.zip", edited_manifest(bundle, edit)))
    problem = [line for line in lines if line.startswith("Problem: ")]
    assert len(problem) == 1, lines  # the forger kept the ids consistent: only the shape is wrong
    assert problem[0].startswith("Problem: manifest.json is not the documented shape: ")
    assert expected in problem[0]


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        (b"{not json", "Problem: manifest.json is not valid JSON (Expecting property name"),
        (
            b'{"kind": "final", "kind": "draft"}',
            'is not valid JSON (the key "kind" is given twice)',
        ),
        (b'{"ready": NaN}', "is not valid JSON (NaN is not a JSON number)"),
        (b'{"size": ' + b"9" * 5000 + b"}", "is not valid JSON (Exceeds the limit (4300 digits)"),
        (
            b"[" * 100_000 + b"]" * 100_000,
            "Problem: manifest.json nests lists or objects too deeply",
        ),
        (b'{"locality": "caf\xe9"}', "Problem: manifest.json is not UTF-8 text"),
        (b"[]", "manifest.json is not the documented shape: the manifest: should be an object"),
    ],
)
def test_a_manifest_that_is_not_json(
    bundle: BundleResult, tmp_path: Path, manifest: bytes, expected: str
) -> None:
    lines = refused(forged(bundle, tmp_path / "t.zip", manifest))
    assert any(expected in line for line in lines), lines


# ------------------------------------------------------------------------------ sizes
def test_a_manifest_declared_as_1_gib_is_never_read(bundle: BundleResult, tmp_path: Path) -> None:
    path = patch_central(
        copy_of(bundle, tmp_path / "t.zip"), f"{bundle.name}/manifest.json", size=1 << 30
    )
    lines = refused(path)
    assert (
        "Problem: manifest.json is 1,073,741,824 bytes; it is at most 4,194,304, so it was not read"
        in lines
    )


def test_a_real_64_mib_manifest_is_refused_in_little_memory(
    bundle: BundleResult, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.zip"
    items = [m for m in members(bundle.zip_path) if not m[0].filename.endswith("/manifest.json")]
    write_zip(huge, items, b"")
    name = f"{bundle.name}/manifest.json"
    with (
        zipfile.ZipFile(huge, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as stream,
    ):
        block = b" " * (1 << 20)
        for _ in range(64):
            stream.write(block)
    tracemalloc.start()
    try:
        report = verify_bundle(huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (
        "manifest.json is 67,108,864 bytes; it is at most 4,194,304, so it was not read"
        in report.problems
    )
    assert peak < 8 * 1024 * 1024, peak


def test_a_member_declared_far_larger_than_listed_is_not_read(
    bundle: BundleResult, tmp_path: Path
) -> None:
    name = f"{bundle.name}/evidence/1.4 minutes.txt"
    path = patch_central(copy_of(bundle, tmp_path / "t.zip"), name, size=0xFFFFFFF0)
    lines = refused(path)
    assert "Changed: evidence/1.4 minutes.txt (4,294,967,280 bytes, not the 32 listed)" in lines


def test_a_manifest_declared_smaller_than_it_is_is_damaged(
    bundle: BundleResult, tmp_path: Path
) -> None:
    path = patch_central(
        copy_of(bundle, tmp_path / "t.zip"), f"{bundle.name}/manifest.json", size=100
    )
    lines = refused(path)
    assert any(line.startswith("Damaged: manifest.json cannot be read (") for line in lines), lines


# ------------------------------------------------------------------------------ damage
def test_a_truncated_zip(bundle: BundleResult, tmp_path: Path) -> None:
    path = tmp_path / "cut.zip"
    path.write_bytes(bundle.zip_path.read_bytes()[:-100])
    assert (
        refused(path)[0]
        == "Damaged: cut.zip cannot be read as a bundle zip (File is not a zip file)"
    )


def test_a_corrupt_deflated_manifest(bundle: BundleResult, tmp_path: Path) -> None:
    path = copy_of(bundle, tmp_path / "t.zip")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(f"{bundle.name}/manifest.json")
    assert info.compress_type == zipfile.ZIP_DEFLATED
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 5, start + 40):
        raw[offset] ^= 0x55
    path.write_bytes(bytes(raw))
    lines = refused(path)
    assert any(line.startswith("Damaged: manifest.json cannot be read (") for line in lines), lines


def test_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "junk.zip"
    path.write_bytes(os.urandom(4096))
    assert refused(path)[0].startswith("Damaged: junk.zip cannot be read as a bundle zip (")


# ------------------------------------------------------------------------------ folders
@pytest.mark.skipif(os.name != "posix", reason="links and pipes")
def test_a_folder_with_a_link_or_a_pipe(bundle: BundleResult, tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(bundle.folder, folder)
    (folder / "evidence" / "passwd").symlink_to("/etc/passwd")
    os.mkfifo(folder / "evidence" / "pipe")
    lines = refused(folder)
    assert 'Problem: "evidence/passwd" is a symbolic link' in lines
    assert 'Problem: "evidence/pipe" is not an ordinary file' in lines


def test_a_folder_listing_a_path_outside_it(bundle: BundleResult, tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(bundle.folder, folder)
    manifest = edited_manifest(bundle, lambda m: m["files"][0].update(path="../secret.txt"))
    (folder / "manifest.json").write_bytes(manifest)
    (folder / "bundle-id.txt").write_text(hashlib.sha256(manifest).hexdigest(), encoding="ascii")
    (tmp_path / "secret.txt").write_text("private", encoding="utf-8")
    lines = refused(folder)
    assert any('"../secret.txt" climbs out of its folder (..)' in line for line in lines)


# ------------------------------------------------------------------------------ fuzzed
def test_randomly_damaged_zips_are_reported_never_raised(
    bundle: BundleResult, tmp_path: Path
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    original = bundle.zip_path.read_bytes()
    target = tmp_path / "fuzzed.zip"
    outcomes = {0: 0, 1: 0}

    @settings(
        max_examples=400,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        edits=st.lists(
            st.tuples(st.floats(0, 1), st.integers(0, 8), st.binary(max_size=8)),
            min_size=1,
            max_size=4,
        ),
        cut=st.none() | st.floats(0.5, 1),
    )
    def check(edits: list[tuple[float, int, bytes]], cut: float | None) -> None:
        raw = original
        for where, length, insert in edits:
            at = int(where * len(raw))
            raw = raw[:at] + insert + raw[at + length :]
        if cut is not None:
            raw = raw[: int(cut * len(raw))]
        target.write_bytes(raw)
        code, lines, err = run_verify(target)
        assert code in (0, 1) and err == "", (code, err)
        assert all(line.isprintable() for line in lines), lines
        assert lines[-1].startswith("What this proves" if code == 0 else "NOT intact")
        outcomes[code] += 1

    check()
    assert outcomes[1] > 300
