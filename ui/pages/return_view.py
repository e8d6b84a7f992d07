"""An open return: banners, the tabs (About, 11 sections, Completion), Back/Next, find bar.

Section pages are built on demand (first shown, found, or jumped to) and then, a page per
event-loop turn, in the background after the window has appeared, so opening is quick and
every page is ready by the time anyone reaches for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stocktake_desktop.document import LockHolder, SaveState, SaveStatus, current_holder

from .. import dialogs
from ..evidence_watch import EvidenceWatcher
from ..look.theme import info_icon, warning_icon
from ..meeting.banner import MeetingBanner
from ..session import Session
from ..widgets.banner import Banner
from ..widgets.side_tabs import SideTabWidget
from ..widgets.status_bar import NOT_SAVED_SUFFIX, save_text
from .about_page import AboutPage
from .meeting_view import MeetingView
from .scroll_page import ScrollPage

if TYPE_CHECKING:  # the pages are imported when first built, keeping start-up quick
    from ..finder import Finder
    from ..widgets.find_bar import FindBar
    from ..widgets.question_card import QuestionCard
    from .completion_page import CompletionPage
    from .section_page import SectionPage

ABOUT_TITLE = "About this stocktake"
COMPLETION_REF = "completion"
COMPLETION_TITLE = "Completion and sign-off"
ABOUT_SHORT = "About"  # the tabs' labels when they are compact (a narrow or zoomed window)
COMPLETION_SHORT = "Sign-off"
LOCK_CHECK_MS = 5000


class ReturnView(QWidget):
    """``progress_changed`` (answered, total); ``reopen_requested`` to try editing again."""

    progress_changed = Signal(int, int)
    reopen_requested = Signal()
    locality_changed = Signal(str)  # the return's new locality
    review_conflicts = Signal(str)  # the completion page's link to a ref's conflicts (U4)

    def __init__(
        self, session: Session, locked_by: LockHolder | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.template = session.document.template
        self.locked_by = locked_by
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.read_only_banner = Banner("Read-only notice", self)
        self.save_banner = Banner("Save problem", self)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.save_banner)
        self.meeting_banner = MeetingBanner(session, self)
        layout.addWidget(self.meeting_banner)

        self.watcher = EvidenceWatcher(self)
        self.tabs = SideTabWidget(self)
        self.tabs.setAccessibleName("Sections of the return")
        layout.addWidget(self.tabs, 1)

        self.about = AboutPage(session, self)
        self.about.start.connect(lambda: self.tabs.setCurrentIndex(1))
        self.about.locality_changed.connect(self.locality_changed)
        self.tabs.addTab(self.about, ABOUT_TITLE, ABOUT_SHORT)
        self.pages: dict[int, SectionPage] = {}
        self._holders: dict[int, QWidget] = {}
        for section in self.template.sections:
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            self._holders[section.number] = holder
            self.tabs.addTab(holder, section.heading)
        self.completion_index = len(self.template.sections) + 1
        self.completion: CompletionPage | None = None
        completion_holder = QWidget(self)
        box = QVBoxLayout(completion_holder)
        box.setContentsMargins(0, 0, 0, 0)
        self._holders[self.completion_index] = completion_holder
        self.tabs.addTab(completion_holder, COMPLETION_TITLE, COMPLETION_SHORT)

        nav = QHBoxLayout()
        self.back_button = QPushButton("← Back", self)
        self.next_button = QPushButton("Next →", self)
        self.position = QLabel(self)
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.position.setWordWrap(True)
        nav.addWidget(self.back_button)
        nav.addWidget(self.position, 1)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        self.back_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)

        self._find_bar: FindBar | None = None
        self._finder: Finder | None = None
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, delta in (("F3", 1), ("Shift+F3", -1)):
            shortcut = QShortcut(QKeySequence(keys), self, context=context)
            shortcut.activated.connect(lambda delta=delta: self.find_step(delta))

        answers = session.document.answers()
        self._answered = {ref: answer.is_answered for ref, answer in answers.items()}
        self.meetings = MeetingView(self)  # agreed counts; the Actions tab, once used
        for section in self.template.sections:
            self._refresh_tab(section.number)

        session.answer_changed.connect(self._answer_changed)
        session.exported.connect(lambda _result: self.about.refresh())  # submission status
        session.save_status.connect(self._save_status)
        session.write_failed.connect(self._write_failed)
        session.write_recovered.connect(self._write_recovered)
        session.rejected.connect(lambda message: dialogs.warn(self, "Not changed", message))
        self._last_save_failed = False
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed(0)

        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(LOCK_CHECK_MS)
        self._lock_timer.timeout.connect(self._check_lock)
        if session.read_only:
            self._show_read_only()
            self._lock_timer.start()
        self._builder = QTimer(self)
        self._builder.setSingleShot(True)
        self._builder.timeout.connect(self._build_next)

    # ------------------------------------------------------------------ building pages
    @property
    def page_count(self) -> int:
        return self.tabs.count()

    def ensure_page(self, index: int) -> QWidget:
        """The page at tab ``index``, built now if it has not been yet."""
        if index == 0:
            return self.about
        if index == self.meetings.actions_index:
            return self.meetings.ensure_actions_page()
        if index == self.completion_index:
            if self.completion is None:
                from .completion_page import CompletionPage

                self.completion = CompletionPage(self.session, self._holders[index])
                self.completion.go_to.connect(self.show_question)
                self.completion.review_requested.connect(self.review_conflicts)
                _layout(self._holders[index]).addWidget(self.completion)
            return self.completion
        page = self.pages.get(index)
        if page is None:
            from .section_page import SectionPage

            section = self.template.section(index)
            holder = self._holders[index]
            page = SectionPage(section, self.template, self.session, self.watcher, holder)
            page.go_to.connect(self.show_question)
            _layout(holder).addWidget(page)
            self.pages[index] = page
            self._lay_out(holder)
        return page

    def _lay_out(self, holder: QWidget) -> None:
        """Size a newly built page like the visible one, so it never shows half laid out."""
        current = self.tabs.currentWidget()
        if current is not None and current is not holder and current.width() > 0:
            holder.resize(current.size())
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for child in holder.findChildren(QWidget, options=direct):
            child.show()  # a hidden child would be skipped by the layout
        _layout(holder).activate()

    def ensure_all_pages(self) -> None:
        for index in range(self.page_count):
            self.ensure_page(index)

    def build_in_background(self, delay_ms: int = 150) -> None:
        """Build the remaining pages one per event-loop turn, starting after ``delay_ms``."""
        self._builder.start(delay_ms)

    def _build_next(self) -> None:
        for index in range(1, self.completion_index + 1):
            if index not in self.pages and not (
                index == self.completion_index and self.completion is not None
            ):
                self.ensure_page(index)
                self._builder.start(0)
                return

    def section_page(self, number: int) -> SectionPage:
        self.ensure_page(number)
        return self.pages[number]

    def card(self, ref: str) -> QuestionCard:
        question = self.template.question(ref)
        return self.section_page(question.section_number).cards[ref]

    # ------------------------------------------------------------------ moving around
    def go_next(self) -> None:
        self.tabs.setCurrentIndex(min(self.tabs.currentIndex() + 1, self.page_count - 1))

    def go_previous(self) -> None:
        self.tabs.setCurrentIndex(max(self.tabs.currentIndex() - 1, 0))

    def focus_heading(self) -> None:
        """The About page's heading, where typing changes nothing (as a return opens)."""
        self.about.focus_heading()

    def focus_page(self) -> None:
        """Put the keyboard focus at the top of the current page (after Ctrl+Page Down/Up)."""
        page = self.ensure_page(self.tabs.currentIndex())
        first = page.nextInFocusChain()
        while (
            first is not None
            and first is not page
            and not (
                page.isAncestorOf(first)
                and first.isVisible()
                and first.focusPolicy() & Qt.FocusPolicy.TabFocus
            )
        ):
            first = first.nextInFocusChain()
        if first is not None and first is not page:
            first.setFocus(Qt.FocusReason.TabFocusReason)

    def show_question(self, ref: str, *, focus: bool = True) -> QuestionCard | None:
        """Switch to the question's section, scroll to its card and (normally) focus it."""
        if ref == COMPLETION_REF:
            self.tabs.setCurrentIndex(self.completion_index)
            self._settle()
            if self.completion is not None:
                self.completion.focus_first_empty()
            return None
        if not self.template.has_question(ref):
            return None
        card = self.card(ref)
        page = self.section_page(card.question.section_number)
        self.tabs.setCurrentIndex(card.question.section_number)
        self._settle()
        page.show_card(ref)
        if focus:
            target = card.narrative if not self.session.read_only else card.chooser.first_button()
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        # the layout may still settle (first show): scroll again once it has
        QTimer.singleShot(0, lambda: page.show_card(ref) if not focus else None)
        return card

    def settle(self) -> None:
        """Run the layouts a page switch started (see :meth:`_settle`)."""
        self._settle()

    @staticmethod
    def _settle(rounds: int = 3) -> None:
        """Run pending layouts now (a page shown for the first time needs a few rounds:
        children appear, then the scroll area fits its content, then text re-wraps)."""
        for _ in range(rounds):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _tab_changed(self, index: int) -> None:
        self.ensure_page(index)
        self._settle()
        focused = QApplication.focusWidget()
        if isinstance(focused, ScrollPage) and self.isAncestorOf(focused):
            # the focused control went with the old page and Qt passed the focus to the new
            # page as a whole: the current tab is the clearer place for it
            self.tabs.tabBar().setFocus(Qt.FocusReason.OtherFocusReason)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.page_count - 1)
        previous = self.tabs.tabText(index - 1) if index > 0 else ""
        following = self.tabs.tabText(index + 1) if index < self.page_count - 1 else ""
        self.back_button.setAccessibleName(f"Back to {previous}" if previous else "Back")
        self.next_button.setAccessibleName(f"Next: {following}" if following else "Next")
        self.back_button.setToolTip(previous)
        self.next_button.setToolTip(following)
        self.position.setText(f"Page {index + 1} of {self.page_count}")
        if index == 0:
            self.about.refresh()

    # ------------------------------------------------------------------ progress
    def progress(self) -> tuple[int, int]:
        return sum(self._answered.values()), len(self._answered)

    def _answer_changed(self, ref: str) -> None:
        if self.session.closed:
            return
        answered = self.session.document.answer(ref).is_answered
        if self._answered.get(ref) == answered:
            return
        self._answered[ref] = answered
        self._refresh_tab(self.template.question(ref).section_number)
        self.progress_changed.emit(*self.progress())

    def _refresh_tab(self, number: int) -> None:
        section = self.template.section(number)
        done = sum(1 for q in section.questions if self._answered.get(q.ref))
        progress = f"{done}/{len(section.questions)}"
        full, short = f"{section.heading} — {progress}", f"{number} · {progress}"
        if agreed := self.meetings.agreed_in(section):  # compact: a line of its own
            full, short = f"{full} · {agreed} agreed", f"{short}\n{agreed} agreed"
        self.tabs.set_tab_text(number, full, short)

    # ------------------------------------------------------------------ find
    @property
    def find_bar(self) -> FindBar:
        """The find bar below the return, made (with its finder) on first use."""
        if self._find_bar is None:
            from ..finder import Finder
            from ..widgets.find_bar import FindBar

            bar = FindBar(self)
            _layout(self).addWidget(bar)
            self._finder = Finder(self, bar)
            self._find_bar = bar
        return self._find_bar

    def open_find(self) -> None:
        self.find_bar.open()

    def find_step(self, delta: int) -> None:
        """F3 / Shift+F3: the next or previous match, or the find bar when nothing is sought."""
        bar = self.find_bar
        if bar.isVisible() and bar.edit.text():
            bar.go(delta)
        else:
            self.open_find()

    # ------------------------------------------------------------------ banners
    def _show_read_only(self) -> None:
        if self.locked_by is not None:
            text = (
                f"This return is being edited by {self.locked_by.describe()}. You can read it "
                "here, but changes cannot be made until they close it."
            )
        else:
            text = "This return is open read-only; changes cannot be made."
        self.read_only_banner.show_message(info_icon(self), "Read-only.", text)

    def _check_lock(self) -> None:
        if current_holder(self.session.document.path) is None:
            self._lock_timer.stop()
            self.read_only_banner.show_message(
                info_icon(self),
                "Read-only.",
                "The return is no longer being edited elsewhere.",
                action=("Open for editing", self.reopen_requested.emit),
            )

    def _save_status(self, status: SaveStatus) -> None:
        if status.state is SaveState.FAILED:
            self._last_save_failed = True
            self.save_banner.show_message(warning_icon(self), "Not saved yet.", save_text(status))
        elif status.state is SaveState.SAVED:
            self._last_save_failed = False
            if not self.session.has_dirty_writes:
                self.save_banner.clear()

    def _write_failed(self, reason: str) -> None:
        self.save_banner.show_message(
            warning_icon(self), "Not saved yet.", f"{reason.rstrip('.')} — {NOT_SAVED_SUFFIX}."
        )

    def _write_recovered(self) -> None:
        if not self._last_save_failed:
            self.save_banner.clear()

    # ------------------------------------------------------------------ closing
    def shutdown(self) -> None:
        """Stop timers before the session closes."""
        self._builder.stop()
        self._lock_timer.stop()
        self.watcher.deleteLater()


def _layout(widget: QWidget) -> QLayout:
    """``widget``'s layout, which every holder and the view itself are given when made."""
    layout = widget.layout()
    assert layout is not None
    return layout
