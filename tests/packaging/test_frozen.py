"""The frozen Linux build works on its own (issue 10): PyInstaller builds the one-folder app from
``installers/stocktake-desktop.spec``, ``installers/package.py`` packs the tarball and the .deb,
and the app unpacked from the tarball makes, fills and exports a return and opens its window
from another folder with a bare environment (no Python, no PATH, no checkout).

Slow (the freeze takes about 30 s on the 2-core machine). Runs only on Linux and only where
PyInstaller is installed: in the test environment, or in ``.venv-build`` that
``python3 run.py build`` sets up; otherwise skipped.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from stocktake_desktop import __version__
from tests.helpers import importable_seed

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installers" / "stocktake-desktop.spec"
APP = "stocktake-desktop"


def _freezer() -> Path | None:
    """A Python with PyInstaller: this one, else the build environment's."""
    if importlib.util.find_spec("PyInstaller") is not None:
        return Path(sys.executable)
    build_python = ROOT / ".venv-build" / "bin" / "python"
    if build_python.exists():
        probe = subprocess.run([str(build_python), "-c", "import PyInstaller"], check=False)
        if probe.returncode == 0:
            return build_python
    return None


FREEZER = _freezer() if sys.platform.startswith("linux") else None
pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build only"),
    pytest.mark.skipif(FREEZER is None, reason="PyInstaller is not installed (run.py build)"),
]


def _package_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "stocktake_package", ROOT / "installers" / "package.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PyInstaller's output folder (holding ``stocktake-desktop/``), built from the spec."""
    out = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    subprocess.run(
        [
            str(FREEZER),
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )
    print(f"frozen in {time.monotonic() - started:.0f} s")
    return out / "dist"


@pytest.fixture(scope="module")
def packages(built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("packages")
    made = _package_module().package(built, out, fast=True)
    return {path.name: path for path in made}


@pytest.fixture(scope="module")
def unpacked(packages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app as a user gets it: the tarball unpacked somewhere else."""
    place = tmp_path_factory.mktemp("opt")
    with tarfile.open(packages[f"{APP}-{__version__}-linux-x86_64.tar.gz"]) as archive:
        archive.extractall(place, filter="tar")
    return place / f"{APP}-{__version__}" / APP


def _bare_env(home: Path, **extra: str) -> dict[str, str]:
    """No PATH to Python, no PYTHONPATH, no checkout: only what a desktop session gives."""
    empty = home / "empty-bin"
    empty.mkdir(parents=True, exist_ok=True)
    return {
        "PATH": str(empty),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "STOCKTAKE_DATA_DIR": str(home / "appdata"),
        **extra,
    }


def _run(exe: Path, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        env=_bare_env(cwd, **env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


def test_the_bundle_carries_the_resources_and_only_the_qt_plugins_it_needs(built: Path) -> None:
    internal = built / APP / "_internal"
    resources = internal / "stocktake_desktop" / "resources"
    assert (resources / "fonts" / "DejaVuSans.ttf").is_file()
    assert (resources / "templates" / "wv-jip-stocktake-2013.json").is_file()
    assert (resources / "schemas" / "stocktake-answers.schema.json").is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert {p.name for p in (plugins / "platforms").iterdir()} == {
        "libqxcb.so",
        "libqoffscreen.so",
    }
    kinds = {p.name for p in plugins.iterdir()}
    assert kinds <= {"platforms", "xcbglintegrations", "platforminputcontexts", "platformthemes"}
    libraries = {p.name.split(".so")[0] for p in (internal / "PySide6" / "Qt" / "lib").iterdir()}
    assert not libraries & {"libQt6WaylandClient", "libQt6Svg", "libQt6Qml"}
    assert "libQt6Network" in libraries  # local sockets: a second start hands over its return
    assert not {"tls", "networkinformation"} & kinds  # and nothing else of Qt's networking
    assert not (internal / "PySide6" / "Qt" / "translations").exists()
    assert (internal / "libxcb-cursor.so.0").exists()  # often missing on the user's machine


def test_the_unpacked_app_makes_fills_and_exports_a_return(unpacked: Path, tmp_path: Path) -> None:
    work = tmp_path / "somewhere-else"
    work.mkdir()
    version = _run(unpacked, work, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"Stocktake Desktop {__version__}"

    made = _run(unpacked, work, "new", "leics.stocktake", "--locality", "Leicestershire")
    assert made.returncode == 0, made.stderr
    (work / "minutes.txt").write_text("Board minutes, 3 June", encoding="utf-8")
    data = importable_seed()
    data["answers"]["1.1"]["evidence"] = ["minutes.txt"]
    (work / "answers.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    imported = _run(unpacked, work, "import", "leics.stocktake", "answers.json", "--as", "Jo")
    assert imported.returncode == 0, imported.stderr
    info = _run(unpacked, work, "info", "leics.stocktake")
    assert "Answered: 61/61" in info.stdout, info.stdout + info.stderr

    exported = _run(unpacked, work, "export", "leics.stocktake", "--out", "bundle")
    assert exported.returncode == 0, exported.stderr
    [bundle] = (work / "bundle").glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert any(name.endswith("minutes.txt") for name in names)
        pdf = next(name for name in names if name.endswith(".pdf"))
        content = archive.read(pdf)
    assert content.startswith(b"%PDF") and b"DejaVu" in content  # the fonts were found
    verified = _run(unpacked, work, "verify", str(bundle))
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_the_unpacked_app_imports_a_word_return(unpacked: Path, tmp_path: Path) -> None:
    from tests.word_fixtures import build_word_return

    build_word_return(tmp_path / "Area return.docx")
    made = _run(unpacked, tmp_path, "new", "word.stocktake", "--locality", "Leicestershire")
    assert made.returncode == 0, made.stderr
    imported = _run(
        unpacked, tmp_path, "import", "word.stocktake", "Area return.docx", "--as", "Jo"
    )
    assert imported.returncode == 0, imported.stderr
    assert "61 filled" in imported.stdout, imported.stdout
    info = _run(unpacked, tmp_path, "info", "word.stocktake")
    assert "Answered: 61/61" in info.stdout, info.stdout + info.stderr


def test_the_unpacked_app_opens_its_window_on_a_return(unpacked: Path, tmp_path: Path) -> None:
    made = _run(unpacked, tmp_path, "new", "shown.stocktake", "--locality", "Rutland")
    assert made.returncode == 0, made.stderr
    shown = _run(
        unpacked,
        tmp_path,
        "shown.stocktake",
        "--as",
        "Al",
        STOCKTAKE_BENCH_EXIT_AFTER_SHOWN="1",  # close after the first paint
    )
    assert shown.returncode == 0, shown.stderr
    assert "Traceback" not in shown.stderr
    assert "window shown after" in shown.stdout


def _holder_pid(path: Path, process: subprocess.Popen[str], timeout: float = 120) -> object:
    """The pid in ``path``'s lock once it names ``process`` (waiting for it), else None."""
    from stocktake_desktop.document.lock import lock_path_for, read_holder

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        holder = read_holder(lock_path_for(path)) or {}
        if holder.get("pid") == process.pid:
            return process.pid
        time.sleep(0.05)  # polling the lock file for the condition
    return None


def test_a_second_start_hands_its_return_to_the_running_app(unpacked: Path, tmp_path: Path) -> None:
    """What a double-click on a return does when the app is already open."""
    for name in ("first", "second"):
        made = _run(unpacked, tmp_path, "new", f"{name}.stocktake", "--locality", "Rutland")
        assert made.returncode == 0, made.stderr
    running = subprocess.Popen(
        [str(unpacked), "first.stocktake", "--as", "Al"],
        cwd=tmp_path,
        env=_bare_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _holder_pid(tmp_path / "first.stocktake", running) == running.pid
        began = time.monotonic()
        second = _run(unpacked, tmp_path, "second.stocktake")
        print(f"handed over in {time.monotonic() - began:.2f} s")
        assert second.returncode == 0, second.stderr
        assert _holder_pid(tmp_path / "second.stocktake", running) == running.pid
    finally:
        running.terminate()
        _, stderr = running.communicate(timeout=60)
    assert "Traceback" not in stderr


@pytest.mark.skipif(shutil.which("gio") is None, reason="no GIO to open files as a desktop does")
def test_double_clicked_returns_open_in_one_app_through_the_desktop_file(
    packages: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a file manager does with a double-clicked return: GIO finds its type from the MIME
    XML, the default app from the desktop file, and runs its Exec line with the file (%f).
    The .deb is unpacked, not installed: the desktop file's /usr/bin path is pointed at the
    unpacked app, and its MIME cache is what update-desktop-database (postinst) writes."""
    tree = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(_deb(packages)), str(tree)], check=True)
    share = tree / "usr" / "share"
    subprocess.run(["update-mime-database", str(share / "mime")], check=True, capture_output=True)
    desktop = share / "applications" / f"{APP}.desktop"
    desktop.write_text(
        desktop.read_text("utf-8").replace(f"/usr/bin/{APP}", str(tree / "opt" / APP / APP)),
        encoding="utf-8",
    )
    (share / "applications" / "mimeinfo.cache").write_text(
        f"[MIME Cache]\napplication/x-stocktake={APP}.desktop;\n", encoding="utf-8"
    )
    home = tmp_path / "home"
    env = _bare_env(home) | {
        "PATH": os.environ.get("PATH", ""),  # for gio itself
        "XDG_DATA_DIRS": f"{share}:/usr/share",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    monkeypatch.setenv("STOCKTAKE_DATA_DIR", env["STOCKTAKE_DATA_DIR"])
    from stocktake_desktop.document import ReturnDocument
    from stocktake_desktop.settings import load_preferences, save_preferences

    prefs = load_preferences()
    prefs.contributor = "Alice"  # as after the first run: no "Who is editing?" question
    save_preferences(prefs)
    first, second = tmp_path / "first.stocktake", tmp_path / "second.stocktake"
    for path in (first, second):
        ReturnDocument.create(path, "Rutland", "Setup").close()

    def double_click(path: Path) -> None:
        subprocess.run(["gio", "open", str(path)], env=env, check=True, timeout=60)

    def holder(path: Path) -> object:
        from stocktake_desktop.document.lock import lock_path_for, read_holder

        return (read_holder(lock_path_for(path)) or {}).get("pid")

    def wait_for(condition: Callable[[], object], what: str) -> object:
        deadline = time.monotonic() + 120
        while not (value := condition()):
            assert time.monotonic() < deadline, f"timed out waiting for {what}"
            time.sleep(0.05)  # polling the lock files for the condition
        return value

    double_click(first)
    pid = wait_for(lambda: holder(first), "the first return open in a new app")
    try:
        double_click(second)
        wait_for(lambda: holder(second) == pid, "the second return open in the same app")
        assert holder(first) is None
    finally:
        assert isinstance(pid, int)
        os.kill(pid, signal.SIGTERM)


def test_a_symlink_to_the_app_runs_it(unpacked: Path, tmp_path: Path) -> None:
    """As /usr/bin/stocktake-desktop does, pointing into /opt."""
    link = tmp_path / "bin" / APP
    link.parent.mkdir()
    link.symlink_to(unpacked)
    version = _run(link, tmp_path, "--version")
    assert version.returncode == 0 and __version__ in version.stdout, version.stderr


def _deb(packages: dict[str, Path]) -> Path:
    return packages[f"{APP}_{__version__}_amd64.deb"]


def test_the_deb_installs_the_app_its_link_desktop_file_mime_type_and_icons(
    packages: dict[str, Path], tmp_path: Path
) -> None:
    deb = _deb(packages)
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    assert f"Package: {APP}" in info.stdout
    assert f"Version: {__version__}" in info.stdout
    assert "Architecture: amd64" in info.stdout
    assert "libxcb-cursor0" in info.stdout and "libxkbcommon-x11-0" in info.stdout
    assert "postinst" in info.stdout and "postrm" in info.stdout

    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert all(" root/root " in line for line in lines)
    paths = {line.split()[5] for line in lines}
    assert f"./opt/{APP}/{APP}" in paths
    assert f"./usr/share/applications/{APP}.desktop" in paths
    assert f"./usr/share/mime/packages/{APP}.xml" in paths
    for size in (16, 32, 48, 256):
        assert f"./usr/share/icons/hicolor/{size}x{size}/apps/{APP}.png" in paths
    assert any(
        line.startswith("l") and f"./usr/bin/{APP} -> /opt/{APP}/{APP}" in line for line in lines
    )

    tree = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tree)], check=True)
    desktop = (tree / "usr" / "share" / "applications" / f"{APP}.desktop").read_text("utf-8")
    assert "MimeType=application/x-stocktake;" in desktop.splitlines()
    assert f"Exec=/usr/bin/{APP} %f" in desktop.splitlines()
    assert f"Icon={APP}" in desktop.splitlines()
    mime = (tree / "usr" / "share" / "mime" / "packages" / f"{APP}.xml").read_text("utf-8")
    assert 'type="application/x-stocktake"' in mime and 'pattern="*.stocktake"' in mime
    assert os.access(tree / "opt" / APP / APP, os.X_OK)


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="no shared-mime-info")
def test_the_mime_xml_makes_stocktake_files_a_type_of_their_own(
    packages: dict[str, Path], tmp_path: Path
) -> None:
    tree = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(_deb(packages)), str(tree)], check=True)
    mime = tmp_path / "mime"
    shutil.copytree(tree / "usr" / "share" / "mime" / "packages", mime / "packages")
    subprocess.run(["update-mime-database", str(mime)], check=True, capture_output=True)
    globs = (mime / "globs2").read_text(encoding="utf-8").splitlines()
    assert "80:application/x-stocktake:*.stocktake" in globs


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="no Xvfb to try the xcb plugin on")
def test_the_unpacked_app_opens_its_window_on_x11(unpacked: Path, tmp_path: Path) -> None:
    """Qt's xcb plugin with the libraries the bundle carries, on a virtual X server."""
    env = _bare_env(tmp_path, STOCKTAKE_BENCH_EXIT_AFTER_SHOWN="1")
    del env["QT_QPA_PLATFORM"]
    settings = " ".join(shlex.quote(f"{key}={value}") for key, value in env.items())
    shown = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "sh",
            "-c",
            f'exec env -i {settings} DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" "$0"',
            str(unpacked),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert "Traceback" not in shown.stderr
    assert "window shown after" in shown.stdout
