# Replaces PyInstaller's hook for PySide6.QtGui: the same collection, trimmed (see qt_trim.py).
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qt_trim import collect

hiddenimports, binaries, datas = collect("PySide6.QtGui")
