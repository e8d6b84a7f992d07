"""Which of Qt's plugins the frozen app keeps: shared by the PySide6 hooks in this folder.

PyInstaller's own PySide6 hooks collect every plugin of every type a Qt module can use
(Wayland, EGLFS, VNC, TLS, image formats, ...), and then the libraries those plugins need
(OpenSSL, Kerberos, GTK's cairo and gio...). These hooks call the same collection and keep only
what a Qt Widgets app with the Fusion style and no images needs, so the plugins left out never
pull their libraries in. Qt's translations are left out too: the app is in English.
"""

from __future__ import annotations

import sys
from pathlib import PurePath

from PyInstaller.utils.hooks.qt import pyside6_library_info

# plugin folder -> file-name stems kept (no entry: the whole folder is left out)
if sys.platform.startswith("linux"):
    KEEP = {
        "platforms": {"libqxcb", "libqoffscreen"},  # X11 (and XWayland), and headless/CI
        "xcbglintegrations": {"libqxcb-glx-integration", "libqxcb-egl-integration"},
        "platforminputcontexts": {  # dead keys and input methods when typing narratives
            "libcomposeplatforminputcontextplugin",
            "libibusplatforminputcontextplugin",
        },
        "platformthemes": {"libqxdgdesktopportal"},  # portal file dialogs; needs no GTK
    }
elif sys.platform == "win32":
    KEEP = {"platforms": {"qwindows", "qoffscreen"}}
elif sys.platform == "darwin":
    KEEP = {"platforms": {"libqcocoa", "libqoffscreen"}}
else:
    KEEP = {}


def _kept(destination: str, source: str) -> bool:
    parts = PurePath(destination).parts
    if "translations" in parts:
        return False
    if "plugins" not in parts:
        return True
    kind = PurePath(*parts[parts.index("plugins") + 1 :]).as_posix()
    return PurePath(source).name.split(".")[0] in KEEP.get(kind, set())


def collect(module: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    hiddenimports, binaries, datas = pyside6_library_info.collect_module(module)
    binaries = [(src, dest) for src, dest in binaries if _kept(dest, src)]
    datas = [(src, dest) for src, dest in datas if _kept(dest, src)]
    return hiddenimports, binaries, datas
