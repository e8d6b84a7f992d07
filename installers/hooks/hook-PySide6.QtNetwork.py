# Replaces PyInstaller's hook for PySide6.QtNetwork: the same collection, trimmed (see qt_trim.py).
# The app uses QtNetwork only for QLocalServer/QLocalSocket (a second start handing its return to
# the running app, ui/single_instance.py): Qt's TLS and network-information plugins, and the
# OpenSSL they would load, are left out.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qt_trim import collect

hiddenimports, binaries, datas = collect("PySide6.QtNetwork")
