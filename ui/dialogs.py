"""The one seam for every message box and file dialog, so tests can answer them.

Views never call QMessageBox or QFileDialog directly: they call these functions. Tests replace
them with ``monkeypatch.setattr(dialogs, "ask", ...)`` or use :class:`ScriptedDialogs`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the dialog classes are imported when first used: quicker start-up
    from PySide6.QtWidgets import QWidget


def inform(parent: QWidget | None, title: str, text: str, *, whole: Sequence[str] = ()) -> None:
    """``whole``: parts of ``text`` never split across lines (a folder, a file name); with
    them the message wraps only at spaces."""
    from PySide6.QtWidgets import QMessageBox

    if not whole:
        QMessageBox.information(parent, title, text)
        return
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from .look.wrap import lines_at_spaces, unbroken_html

    box = QMessageBox(QMessageBox.Icon.Information, title, "", parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    metrics = box.fontMetrics()
    screen = (box.screen() or QGuiApplication.primaryScreen()).availableGeometry().width()
    most = screen - box.iconPixmap().width() - 4 * metrics.height()  # the icon, the margins
    usual = min(screen * 2 // 3, max(500, 60 * metrics.averageCharWidth()))  # grows with zoom
    lines = lines_at_spaces(text, whole, metrics.horizontalAdvance, usual, most)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(unbroken_html(lines))
    box.exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str, *, yes: str = "Yes", no: str = "No") -> bool:
    """A yes/no question with clear button labels; True for yes."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def open_file(parent: QWidget | None, title: str, folder: Path, filters: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
    return Path(name) if name else None


def open_files(parent: QWidget | None, title: str, folder: Path, filters: str = "") -> list[Path]:
    from PySide6.QtWidgets import QFileDialog

    names, _ = QFileDialog.getOpenFileNames(parent, title, str(folder), filters)
    return [Path(name) for name in names]


def save_file(parent: QWidget | None, title: str, suggested: Path, filters: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name = QFileDialog.getExistingDirectory(parent, title, str(folder))
    return Path(name) if name else None


def unexpected_error(parent: QWidget | None, summary: str, details: str) -> None:
    """The one dialog for a bug: ``summary`` says what happened and that the work is safe;
    "Copy details" puts ``details`` (traceback, versions, log location) on the clipboard."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Something went wrong", summary, parent=parent)
    copy = box.addButton("&Copy details", QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()  # copying leaves the box open
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
