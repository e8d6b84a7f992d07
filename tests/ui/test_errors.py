"""An unexpected error shows one dialog: what happened, that the work is safe, and details."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from stocktake_desktop import __version__
from stocktake_desktop.logs import LOGGER_NAME
from ui import app as app_module
from ui import dialogs


def _boom() -> None:
    raise RuntimeError("the evidence list lost its place")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_one_dialog_with_details(
    qtbot, seam, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", app_module._report_unexpected)
    seam.queue("unexpected_error", None)
    button = QPushButton("Break")
    qtbot.addWidget(button)
    button.clicked.connect(_boom)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [(_parent, summary, details)] = seam.called("unexpected_error")
    assert "RuntimeError: the evidence list lost its place" in summary
    assert "Your work is safe" in summary and str(log_file) in summary
    assert "Traceback (most recent call last):" in details and "in _boom" in details
    assert f"Stocktake Desktop {__version__}" in details
    assert "Python 3." in details and "PySide6 " in details and ", Qt " in details
    assert f"Log file: {log_file}" in details
    for handler in logging.getLogger(LOGGER_NAME).handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "ERROR stocktake_desktop.ui [" in logged and "]: Unexpected error" in logged
    assert "RuntimeError: the evidence list lost its place" in logged and "in _boom" in logged


def test_the_excepthook_with_a_real_exception(seam, data_dir: Path) -> None:
    seam.queue("unexpected_error", None)
    try:
        _boom()
    except RuntimeError as error:
        app_module._report_unexpected(type(error), error, error.__traceback__)
    [(_parent, _summary, details)] = seam.called("unexpected_error")
    assert 'raise RuntimeError("the evidence list lost its place")' in details


def test_copy_details_puts_them_on_the_clipboard_and_leaves_the_box_open(qtbot) -> None:
    seen: list[str] = []

    def press_copy_then_ok() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        [copy] = [b for b in box.buttons() if "Copy details" in b.text()]
        copy.click()
        seen.append(QApplication.clipboard().text())
        assert box.isVisible()  # copying does not close it
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, press_copy_then_ok)
    dialogs.unexpected_error(None, "Something happened.", "Traceback: the details")
    assert seen == ["Traceback: the details"]


def test_the_app_accepts_verbose() -> None:
    assert app_module.parse_args(["--verbose"]).verbose
