"""Packages a one-folder build made by ``installers/stocktake-desktop.spec`` for its platform.

    python installers/package.py BUILT_DIR OUT_DIR

``run.py build`` calls this after PyInstaller; BUILT_DIR is PyInstaller's ``--distpath`` (the
folder holding ``stocktake-desktop/``, or ``Stocktake Desktop.app`` on macOS). Writes to OUT_DIR:

- Linux: ``stocktake-desktop-<version>-linux-x86_64.tar.gz`` and
  ``stocktake-desktop_<version>_amd64.deb`` (``dpkg-deb``, nothing downloaded);
- Windows: ``stocktake-desktop-<version>-windows-x64.zip`` (the folder) and, when Inno Setup's
  ``iscc`` is installed, ``stocktake-desktop-<version>-setup.exe``;
- macOS: ``stocktake-desktop-<version>-macos-<arch>.dmg`` (``hdiutil``).

Standard library only: it runs with the build environment's Python or any other.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ICONS = ROOT / "resources" / "icons"
APP = "stocktake-desktop"
ICON_SIZES = (16, 32, 48, 256)

# README's "On Linux, outside CI": what Qt's xcb platform plugin needs from the system.
DEB_DEPENDS = [
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libx11-6",
    "libx11-xcb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0t64 | libglib2.0-0",  # renamed in the 64-bit time_t transition (Ubuntu 24.04)
    "libdbus-1-3",
]


def version() -> str:
    text = (ROOT / "stocktake_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert match, "no __version__ in stocktake_desktop/__init__.py"
    return match.group(1)


def _owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def linux_tarball(app_dir: Path, out: Path, ver: str, fast: bool = False) -> Path:
    """The one-folder app as ``stocktake-desktop-<version>/`` in a .tar.gz."""
    target = out / f"{APP}-{ver}-linux-x86_64.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=1 if fast else 6) as archive:
        archive.add(app_dir, arcname=f"{APP}-{ver}", filter=_owned_by_root)
    return target


def _normalise_modes(root: Path) -> None:
    """0755 folders and executables, 0644 everything else (whatever the umask was)."""
    for folder, _dirs, files in os.walk(root):
        Path(folder).chmod(0o755)
        for name in files:
            path = Path(folder) / name
            if path.is_symlink():
                continue
            executable = path.stat().st_mode & 0o111
            path.chmod(0o755 if executable else 0o644)


def _folder_kib(root: Path) -> int:
    total = sum(
        (Path(folder) / name).lstat().st_size
        for folder, _dirs, files in os.walk(root)
        for name in files
    )
    return (total + 1023) // 1024


def deb_control(ver: str, installed_kib: int) -> str:
    return (
        f"Package: {APP}\n"
        f"Version: {ver}\n"
        "Architecture: amd64\n"
        "Maintainer: Stocktake Desktop <stocktake-desktop@localhost>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(DEB_DEPENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: Offline editor for the Winterbourne View JIP stocktake return\n"
        " Stocktake Desktop completes the Winterbourne View Joint Improvement Programme\n"
        " stocktake (LGA and NHS England, 2013): answers saved as you type, sign-off,\n"
        " and a submission bundle (workbook, PDF, evidence and a manifest).\n"
        " Installed in /opt/stocktake-desktop; .stocktake files open with a double-click.\n"
    )


def linux_deb(app_dir: Path, out: Path, ver: str, fast: bool = False) -> Path:
    """``stocktake-desktop_<version>_amd64.deb``: /opt/stocktake-desktop, a /usr/bin link, the
    desktop file, the MIME type for .stocktake, and the icon in hicolor sizes."""
    target = out / f"{APP}_{ver}_amd64.deb"
    with tempfile.TemporaryDirectory() as scratch:
        stage = Path(scratch) / "root"
        shutil.copytree(app_dir, stage / "opt" / APP, symlinks=True)
        (stage / "usr" / "bin").mkdir(parents=True)
        (stage / "usr" / "bin" / APP).symlink_to(f"/opt/{APP}/{APP}")
        share = stage / "usr" / "share"
        for source, folder in (
            (HERE / "linux" / f"{APP}.desktop", share / "applications"),
            (HERE / "linux" / f"{APP}.xml", share / "mime" / "packages"),
        ):
            folder.mkdir(parents=True)
            shutil.copy2(source, folder / source.name)
        for size in ICON_SIZES:
            png = ICONS / f"{APP}-{size}.png"
            hicolor = share / "icons" / "hicolor" / f"{size}x{size}"
            for kind, name in (("apps", APP), ("mimetypes", "application-x-stocktake")):
                (hicolor / kind).mkdir(parents=True)
                shutil.copy2(png, hicolor / kind / f"{name}.png")
        doc = share / "doc" / APP
        doc.mkdir(parents=True)
        shutil.copy2(ROOT / "resources" / "fonts" / "LICENSE", doc / "DejaVu-fonts-LICENSE")
        (doc / "copyright").write_text(
            "Stocktake Desktop: MIT licence.\n"
            "Bundled: Python (PSF licence), Qt 6 and PySide6 (LGPLv3), reportlab (BSD),\n"
            "openpyxl (MIT), jsonschema (MIT), platformdirs (MIT), psutil (BSD),\n"
            "DejaVu fonts (see DejaVu-fonts-LICENSE).\n",
            encoding="utf-8",
        )
        _normalise_modes(stage)
        control = stage / "DEBIAN"
        control.mkdir()
        (control / "control").write_text(deb_control(ver, _folder_kib(stage)), encoding="utf-8")
        for script in ("postinst", "postrm"):
            shutil.copy2(HERE / "linux" / script, control / script)
            (control / script).chmod(0o755)
        control.chmod(0o755)
        (control / "control").chmod(0o644)
        subprocess.run(
            [
                "dpkg-deb",
                "--root-owner-group",
                *(["-Zgzip", "-z1"] if fast else ["-Zxz"]),  # xz: readable by every dpkg
                "--build",
                str(stage),
                str(target),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


def windows(built: Path, out: Path, ver: str) -> list[Path]:
    app_dir = built / APP
    portable = out / f"{APP}-{ver}-windows-x64.zip"
    with zipfile.ZipFile(portable, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(app_dir.rglob("*")):
            archive.write(path, Path(f"{APP}-{ver}") / path.relative_to(app_dir))
    made = [portable]
    places = [
        Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")),
        Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")),
        Path(os.environ.get("LOCALAPPDATA", "")) / "Programs",  # Inno's own per-user install
    ]
    found = [place / "Inno Setup 6" / "ISCC.exe" for place in places]
    iscc = shutil.which("iscc") or next((str(p) for p in found if p.is_file()), None)
    if iscc is None:
        print("Inno Setup (iscc) is not installed: made the .zip only (installers/README.md).")
        return made
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={ver}",
            f"/DSourceDir={app_dir}",
            f"/DIconFile={ICONS / f'{APP}.ico'}",
            f"/O{out}",
            f"/F{APP}-{ver}-setup",
            str(HERE / "windows" / f"{APP}.iss"),
        ],
        check=True,
    )
    made.append(out / f"{APP}-{ver}-setup.exe")
    return made


def macos(built: Path, out: Path, ver: str) -> list[Path]:
    app = built / "Stocktake Desktop.app"
    target = out / f"{APP}-{ver}-macos-{platform.machine()}.dmg"
    with tempfile.TemporaryDirectory() as scratch:
        stage = Path(scratch) / "Stocktake Desktop"
        stage.mkdir()
        subprocess.run(["ditto", str(app), str(stage / app.name)], check=True)
        (stage / "Applications").symlink_to("/Applications")
        subprocess.run(
            [
                "hdiutil",
                "create",
                "-volname",
                f"Stocktake Desktop {ver}",
                "-srcfolder",
                str(stage),
                "-fs",
                "HFS+",
                "-format",
                "UDZO",
                "-ov",
                str(target),
            ],
            check=True,
        )
    return [target]


def package(built: Path, out: Path, fast: bool = False) -> list[Path]:
    """The platform's packages; ``fast`` compresses the Linux ones lightly (for the tests)."""
    out.mkdir(parents=True, exist_ok=True)
    ver = version()
    if sys.platform == "win32":
        return windows(built, out, ver)
    if sys.platform == "darwin":
        return macos(built, out, ver)
    app_dir = built / APP
    return [linux_tarball(app_dir, out, ver, fast), linux_deb(app_dir, out, ver, fast)]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    for path in package(Path(argv[0]), Path(argv[1])):
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
