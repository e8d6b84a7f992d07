"""A message naming where a file was saved keeps the folder and the file name whole: it wraps
only at the spaces between words, never after a "/" or a "-" inside a path."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from tests.helpers import add_two_meetings, build_seed_return
from tests.ui.conftest import ScriptedDialogs, click
from ui import dialogs
from ui.dialogs import inform as real_inform
from ui.history.record_dialog import MeetingRecordDialog
from ui.look.wrap import lines_at_spaces, unbroken_html


def shown_lines(label: QLabel) -> list[str]:
    """The lines ``label`` shows its text in, at its width (as its word wrapping breaks them)."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    if label.textFormat() == Qt.TextFormat.RichText or label.text().startswith("<"):
        document.setHtml(label.text())
    else:
        document.setPlainText(label.text())
    document.setTextWidth(label.contentsRect().width())
    document.documentLayout().documentSize()  # lays the lines out
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            text = block.text()[line.textStart() : line.textStart() + line.textLength()]
            lines.append(text.replace("\u2028", "").strip())
        block = block.next()
    return lines


def _read_box(seen: list[list[str]]) -> QTimer:
    """A timer that reads the lines of the message box once it is up, then closes it."""
    timer = QTimer()

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            timer.stop()
            label = box.findChild(QLabel, "qt_msgbox_label")
            try:
                seen.append(shown_lines(label) if label is not None else ["no label"])
            finally:
                box.accept()

    timer.timeout.connect(look)
    timer.start(20)
    return timer


def test_the_meeting_record_message_keeps_the_folder_and_the_file_name_whole(
    start_window, returns_dir: Path, tmp_path: Path, seam: ScriptedDialogs, qtbot, monkeypatch
) -> None:
    path = build_seed_return(returns_dir / "leics.stocktake")
    add_two_meetings(path)
    window = start_window([str(path), "--as", "Priya Shah"])
    window.export_meeting_record()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MeetingRecordDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MeetingRecordDialog)
    out = tmp_path / "board-records" / "2013"  # longer than Qt wraps a message at
    out.mkdir(parents=True)
    seam.queue("choose_folder", out)
    click(qtbot, dialog.change_folder)
    monkeypatch.setattr(dialogs, "inform", real_inform)  # the real message box, this time
    seen: list[list[str]] = []
    timer = _read_box(seen)
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: bool(seen))
    timer.stop()
    (lines,) = seen
    (written,) = out.glob("*.pdf")
    assert " ".join(lines) == (
        f"The record of Health and Wellbeing Board, 27 June 2013 was saved as {written.name} "
        f"in {out}."
    )
    assert any(str(out) in line for line in lines), lines
    assert any(written.name in line for line in lines), lines


def test_lines_break_at_spaces_and_split_only_a_part_too_long_for_any_line() -> None:
    path = "/a/b c/d"
    assert lines_at_spaces(f"saved in {path}.", [path], len, 8, 40) == ["saved in", "/a/b c/d."]
    name = "Very-long-file-name-here.pdf"
    # wider than usual for the name (and its comma) to have a line
    assert lines_at_spaces(f"as {name}, in /tmp.", [name, "/tmp"], len, 12, 40) == [
        "as",
        f"{name},",
        "in /tmp.",
    ]
    # too long for any line: split after a "-" or a "."
    assert lines_at_spaces(f"as {name} in /tmp.", [name, "/tmp"], len, 12, 20) == [
        "as",
        "Very-long-file-name-",
        "here.pdf in /tmp.",
    ]
    assert lines_at_spaces("one two\nthree", [], len, 40, 40) == ["one two", "three"]
    assert unbroken_html(["a < b", "c"]) == '<p style="white-space:pre">a &lt; b<br>c</p>'
