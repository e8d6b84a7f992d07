"""One seam between the views and the document: every write goes through ``ui/session.py``."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from stocktake_desktop.document import ReturnDocument

UI = Path(__file__).resolve().parents[2] / "ui"

#: A call that changes the document (or exports it), made on anything named ``document``.
WRITE = re.compile(
    r"document\)?\s*\.\s*(set_\w+|add_evidence|relink_evidence|remove_evidence|"
    r"keep_copy_of_evidence|record_submission|batch|publish)\s*\("
    r"|document\)?\s*\.\s*editor\s*=[^=]"
    r"|\bexport_bundle\s*\("
    r"|session\.write(_once)?\s*\("
)


def test_no_view_writes_to_the_document_itself() -> None:
    offences = []
    for path in sorted(UI.rglob("*.py")):
        if path == UI / "session.py" or path.name == "session_part.py":  # the session's parts
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WRITE.search(line):
                offences.append(f"{path.relative_to(UI.parent)}:{number}: {line.strip()}")
    assert offences == [], "views must write through ui/session.py:\n" + "\n".join(offences)


def test_the_rule_catches_a_direct_write() -> None:
    """The scan above finds what it is meant to find (and leaves the session's API alone)."""
    assert WRITE.search("self.session.document.set_narrative(ref, text)")
    assert WRITE.search("lambda: document.add_evidence(self.ref, file)")
    assert WRITE.search("self.session.document.editor = name")
    assert WRITE.search("export_bundle(self.document, options)")
    assert not WRITE.search("self.session.set_narrative(ref, text)")
    assert not WRITE.search("self.session.document.answer(ref).narrative")
    assert not WRITE.search("if document.editor == name:")


def test_typing_a_narrative_reaches_the_file_through_the_session(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    card = window.view.show_question("3.2")
    qtbot.keyClicks(card.narrative, "Typed by a person")
    qtbot.keyClick(card.narrative, Qt.Key.Key_Tab)  # leaving the field writes at once
    assert window.session.save_now()
    with ReturnDocument.open(path, "Reader", read_only=True) as copy:
        assert copy.answer("3.2").narrative == "Typed by a person"


def test_set_editor_normalises_the_name_like_the_document_does(
    start_window, make_return, qtbot
) -> None:
    path = make_return()
    window = start_window([str(path), "--as", "Alice"])
    session = window.session
    session.set_editor("  Dana\t \u00a0Smith \n")
    assert session.editor == "Dana Smith"
    session.set_editor("   ")  # nothing to attribute changes to: the name stays
    assert session.editor == "Dana Smith"
    card = window.view.show_question("1.1")
    qtbot.keyClicks(card.narrative, "By Dana")
    qtbot.keyClick(card.narrative, Qt.Key.Key_Tab)
    assert session.save_now()
    with ReturnDocument.open(path, "Reader", read_only=True) as copy:
        assert copy.change_log("1.1")[-1].who == "Dana Smith"
