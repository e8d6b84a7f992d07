"""A sign-off that no longer covers the answers, on the completion page under the role it is
about: "Chair of the Health and Wellbeing Board signed on 28 June 2013; 3 answers changed
since (4.5, 6.2, 9.1)", the numbers links to their questions, with **What changed…** (the
changes since the sign-off, word by word) and **Confirm again** (the signatory has seen the
return as it is now: the date becomes today's)."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stocktake_desktop.dates import friendly_date
from stocktake_desktop.document.models import SignOffLapse

from .. import dialogs
from ..look.theme import make_notice
from ..session import Session
from .texts import lapse_head, lapse_text


class LapseNotice(QFrame):
    """Hidden until :meth:`show_lapse` is given a lapse. ``go_to`` asks for a question;
    ``confirmed`` (role, ISO date) once the sign-off is confirmed again."""

    go_to = Signal(str)
    confirmed = Signal(str, str)

    def __init__(
        self, role: str, label: str, session: Session, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.role = role
        self.label = label
        self.session = session
        self.lapse: SignOffLapse | None = None
        make_notice(self)
        self.setAccessibleName(f"{label}: sign-off made before later changes")
        layout = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.text.linkActivated.connect(self.go_to)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.show_button = QPushButton("What &changed…", self)
        self.show_button.setAccessibleName(f"{label}: what changed since the sign-off")
        self.show_button.clicked.connect(self.show_changes)
        self.confirm_button = QPushButton("Confirm &again", self)
        self.confirm_button.setAccessibleName(f"{label}: confirm the sign-off again")
        self.confirm_button.setToolTip("The signatory has seen the return as it is now")
        self.confirm_button.clicked.connect(self.confirm_again)
        row.addWidget(self.show_button)
        row.addWidget(self.confirm_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.hide()

    def show_lapse(self, lapse: SignOffLapse | None) -> None:
        self.lapse = lapse
        if lapse is None:
            self.hide()
            return
        links = ", ".join(f'<a href="{html.escape(r)}">{html.escape(r)}</a>' for r in lapse.refs)
        self.text.setText(
            f"<b>Signed before later changes.</b> {html.escape(lapse_head(lapse))} ({links}). "
            "Confirm again once "
            f"{html.escape(lapse.name)} has seen the return as it is now."
        )
        self.text.setAccessibleName(lapse_text(lapse))
        self.confirm_button.setEnabled(not self.session.read_only)
        self.show()

    def show_changes(self) -> None:
        from .changes_dialog import open_changes

        lapse = self.lapse
        if lapse is None:
            return
        signed = f" on {friendly_date(lapse.date)}" if lapse.date else ""
        title = f"Changed since {lapse.name} signed as {lapse.label}{signed}"
        dialog = open_changes(self, self.session, fixed=(title, list(lapse.changes)))
        dialog.go_to.connect(self.go_to)

    def confirm_again(self) -> None:
        lapse = self.lapse
        if lapse is None or self.session.read_only:
            return
        if not dialogs.ask(
            self,
            "Confirm the sign-off again",
            f"Has {lapse.name} seen the return as it is now? Confirming again records their "
            f"sign-off as {lapse.label} with today's date, {friendly_date(date.today())}.",
            yes="Confirm again",
            no="Cancel",
        ):
            return
        confirmed = self.session.confirm_sign_off(self.role)
        if confirmed:
            self.confirmed.emit(self.role, confirmed)
