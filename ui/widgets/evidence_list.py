"""A question's evidence files: name, size, state (words and an icon), and what to do with each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from stocktake_desktop import paths
from stocktake_desktop.document import EvidenceLink, EvidenceState, ReturnError
from stocktake_desktop.document.evidence import extract_copy
from stocktake_desktop.limits import EMAIL_LIMIT_MB

from .. import dialogs
from ..evidence_watch import EvidenceWatcher
from ..look.theme import line_height, standard_icon, warning_icon
from ..session import Session

STATE_TEXT = {
    EvidenceState.OK: "",
    EvidenceState.MISSING: "Missing: the file is no longer where it was attached",
    EvidenceState.CHANGED: "Changed since it was attached",
}


def human_size(size: int) -> str:
    """``"512 bytes"``, ``"12.3 KB"``, ``"4.0 MB"``."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{value:.1f} {unit}"


class EvidenceRow(QWidget):
    """One attached file: icon and state in words when it is missing or has changed."""

    def __init__(self, link: EvidenceLink, state: EvidenceState, owner: EvidenceList) -> None:
        super().__init__(owner)
        self.link = link
        self.state = state
        ref = link.ref
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel(self)
        size = line_height(self)
        icon = (
            standard_icon(self, QStyle.StandardPixmap.SP_FileIcon)
            if state is EvidenceState.OK
            else warning_icon(self)
        )
        self.icon.setPixmap(icon.pixmap(size, size))
        text = f"{link.file_name} ({human_size(link.size)})"
        if link.embedded:
            text += " — a copy is kept in the return"
        elif state is EvidenceState.OK:
            text += " — linked to the file on this computer, not kept in the return"
        else:
            text += f" — {STATE_TEXT[state]}"
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setToolTip(link.original_path)
        self.label.setAccessibleName(f"{ref} evidence: {text}")
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        if state is not EvidenceState.MISSING:
            self._button("Open", f"{ref} open {link.file_name}", lambda: owner.open_file(link))
        if not link.embedded and state is not EvidenceState.MISSING:
            self._button(
                "Show in folder",
                f"{ref} show {link.file_name} in folder",
                lambda: owner.show_in_folder(link),
            )
        if not link.embedded and state is EvidenceState.OK and owner.editable:
            self._button(
                "Keep a copy",
                f"{ref} keep a copy of {link.file_name} in the return",
                lambda: owner.keep_copy(link),
            )
        if state is not EvidenceState.OK and owner.editable:
            self._button("Relink…", f"{ref} relink {link.file_name}", lambda: owner.relink(link))
        if owner.editable:
            self._button("Remove", f"{ref} remove {link.file_name}", lambda: owner.remove(link))
        for button in self.buttons:
            layout.addWidget(button)

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> None:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        self.buttons.append(button)


class EvidenceList(QWidget):
    """Files attached to one question; adding by dialog here, by drag-and-drop on the card."""

    rows_changed = Signal()

    def __init__(
        self, session: Session, ref: str, watcher: EvidenceWatcher, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.ref = ref
        self.watcher = watcher
        self.editable = not session.read_only
        self.rows: list[EvidenceRow] = []
        self._states: dict[int, EvidenceState] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("Evidence files", self)
        layout.addWidget(self.heading)
        self._rows_layout = QVBoxLayout()
        layout.addLayout(self._rows_layout)
        self.empty = QLabel("None attached yet. Attach files, or drag them onto this question.")
        self.empty.setParent(self)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.add_button = QPushButton("Attach evidence files…", self)
        self.add_button.setAccessibleName(f"{ref} attach evidence files")
        self.add_button.setToolTip("Or drag files from your file manager onto this question.")
        self.add_button.clicked.connect(self.choose_files)
        self.add_button.setEnabled(self.editable)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        watcher.recheck.connect(self.recheck)
        session.evidence_changed.connect(self._evidence_changed)
        self.reload()

    # ------------------------------------------------------------------ showing
    def reload(self) -> None:
        for row in self.rows:
            row.hide()  # at once: deleteLater waits for the event loop
            row.deleteLater()
        self.rows = []
        links = self.session.document.evidence(self.ref)
        self._states = {}
        for link in links:
            self.watcher.watch(link.original_path)
            state = self.watcher.state(link)
            self._states[link.id] = state
            row = EvidenceRow(link, state, self)
            self._rows_layout.addWidget(row)
            self.rows.append(row)
        self.empty.setVisible(not links)
        self.rows_changed.emit()

    def recheck(self) -> None:
        """Update the rows whose file appeared, vanished or changed."""
        if self.session.closed:
            return
        for row in self.rows:
            if self.watcher.state(row.link) is not row.state:
                self.reload()
                return

    def _evidence_changed(self, ref: str) -> None:
        if ref == self.ref and not self.session.closed:
            self.reload()

    # ------------------------------------------------------------------ actions
    def folder(self) -> Path:
        links = self.session.document.evidence(self.ref)
        if links:
            return Path(links[-1].original_path).parent
        return Path(self.session.document.path).parent

    def choose_files(self) -> None:
        files = dialogs.open_files(self, f"Attach evidence to {self.ref}", self.folder())
        self.add_files(files)

    def add_files(self, files: list[Path]) -> None:
        for file in files:
            self.session.attach_evidence(self.ref, file, embed=self._keep_copy_of(file))

    def _keep_copy_of(self, file: Path) -> bool:
        """Keep a copy in the return, unless the file is too big to email and the user would
        rather only link to it."""
        try:
            size = file.stat().st_size
        except OSError:
            return True  # adding it reports the problem
        if size <= EMAIL_LIMIT_MB * 1024 * 1024:
            return True
        return dialogs.ask(
            self,
            "A large evidence file",
            f"{file.name} is {human_size(size)}, more than the {EMAIL_LIMIT_MB:g} MB an email to "
            "the programme can usually carry.\n\nKeep a copy in the return (it grows by that "
            "much, and the file travels with it), or only link to the file where it is (the "
            "return stays small, but the file must be sent separately and the link breaks "
            "when the return is opened on another computer)?",
            yes="Keep a copy in the return",
            no="Link only",
        )

    def open_file(self, link: EvidenceLink) -> None:
        if not link.embedded:
            QDesktopServices.openUrl(QUrl.fromLocalFile(link.original_path))
            return
        try:
            content = self.session.document.embedded_content(link.id)
            if content is None:
                raise OSError("the copy is empty")
            file = extract_copy(link, content, paths.opened_evidence_dir())
        except (OSError, ReturnError) as error:
            dialogs.warn(self, "Cannot open the evidence", f"{link.file_name}: {error}")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(file)))

    def keep_copy(self, link: EvidenceLink) -> None:
        self.session.keep_copy_of_evidence(link)

    def show_in_folder(self, link: EvidenceLink) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(link.original_path).parent)))

    def relink(self, link: EvidenceLink) -> None:
        folder = Path(link.original_path).parent
        if not folder.is_dir():
            folder = self.folder()
        file = dialogs.open_file(self, f"Find {link.file_name}", folder, "All files (*)")
        if file is not None:
            self.session.relink_evidence(link, file)

    def remove(self, link: EvidenceLink) -> None:
        if dialogs.ask(
            self,
            "Remove evidence",
            f"Remove {link.file_name} from question {self.ref}? The file itself is not deleted.",
            yes="Remove",
            no="Keep",
        ):
            self.session.remove_evidence(link)
