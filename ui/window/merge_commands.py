"""The window's merge and import commands: File › Merge a partner's copy…, File › Import…,
Edit › Review conflicts… (with how many are open), and the views put right after a merge, an
import or a settled conflict changed the return under them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import dialogs
from ..opening import FILTER
from .base import WindowBase

if TYPE_CHECKING:
    from ..imports.plan_dialog import ImportPlanDialog
    from ..merge.plan_dialog import MergePlanDialog
    from ..merge.review import ConflictReview

MERGE_TITLE = "Merge a partner's copy"
IMPORT_TITLE = "Import"


def import_filter() -> str:
    """The open-file dialog's filter: everything importable, each kind, any file."""
    from stocktake_desktop.imports import FILE_PATTERNS

    every = " ".join(pattern for _name, pattern in FILE_PATTERNS)
    kinds = [f"{name} ({pattern})" for name, pattern in FILE_PATTERNS]
    return ";;".join([f"Everything that can be imported ({every})", *kinds, "All files (*)"])


class MergeCommands(WindowBase):
    """Merging, importing and reviewing conflicts (their dialogs are kept for tests)."""

    merge_dialog: MergePlanDialog | None = None
    import_dialog: ImportPlanDialog | None = None
    review: ConflictReview | None = None

    def _folder(self) -> Path:
        if self.session is not None:
            return self.session.document.path.parent
        return self.prefs.folder_for_new_returns()

    # ------------------------------------------------------------------ merging
    def merge_partner_copy(self) -> None:
        """Choose the partner's copy, show what merging it brings, and merge on **Merge**."""
        session = self.session
        if session is None:
            return
        path = dialogs.open_file(
            self, "Merge a partner's copy into this return", self._folder(), FILTER
        )
        if path is None:
            return
        from ..meeting.showing import show_dialog
        from ..merge.plan_dialog import MergePlanDialog
        from ..merge.session_part import RefusedError

        try:
            preview = session.prepare_merge(path)
        except RefusedError as refusal:
            dialogs.warn(self, MERGE_TITLE, str(refusal))
            return
        dialog = MergePlanDialog(session, preview, self)
        dialog.merged.connect(self._merged)
        self.merge_dialog = dialog
        show_dialog(dialog)

    def _merged(self, result: object) -> None:
        from stocktake_desktop.merge import MergeResult

        assert isinstance(result, MergeResult)
        if not result.conflicts:
            dialogs.inform(self, MERGE_TITLE, result.summary)
            return
        if dialogs.ask(
            self,
            MERGE_TITLE,
            f"{result.summary} Review them now? (Edit › Review conflicts… does it later; the "
            "return cannot be sent until they are settled.)",
            yes="Review conflicts",
            no="Later",
        ):
            self.review_conflicts()

    # ------------------------------------------------------------------ conflicts
    def review_conflicts(self, ref: str = "") -> None:
        """The review screen, at the first conflict on ``ref`` if given."""
        if self.session is None:
            return
        from ..merge.review import open_review

        self.review = open_review(self, self.session, ref)

    def update_conflict_menu(self) -> None:
        """Edit › Review conflicts… says how many are open, and is there only when some are."""
        action = self.menus.review_conflicts
        if action is None:
            return
        count = len(self.session.conflicts()) if self.session is not None else 0
        action.setText(f"Re&view conflicts ({count})…" if count else "Re&view conflicts…")
        action.setEnabled(count > 0)

    # ------------------------------------------------------------------ importing
    def import_into_return(self) -> None:
        """Choose a source, show the plan question by question, and import on **Import**."""
        session = self.session
        if session is None:
            return
        path = dialogs.open_file(self, "Import into this return", self._folder(), import_filter())
        if path is None:
            return
        from ..history.dialog_base import open_over_window
        from ..imports.plan_dialog import ImportPlanDialog
        from ..merge.session_part import RefusedError

        try:
            preview = session.prepare_import(path)
        except RefusedError as refusal:
            dialogs.warn(self, IMPORT_TITLE, f"Nothing was imported. {refusal}")
            return
        dialog = ImportPlanDialog(session, preview, self)
        dialog.imported.connect(lambda said: dialogs.inform(self, IMPORT_TITLE, said))
        self.import_dialog = dialog
        open_over_window(dialog)  # as the dialog sized itself: to the window and the screen

    # ------------------------------------------------------------------ wired by the window
    def _brought_in(self, refs: tuple[str, ...]) -> None:
        """After a merge, an import or a settled conflict the views show the return again."""
        if self.view is not None and self.session is not None and not self.session.closed:
            from ..merge.reload import reload_views

            reload_views(self.view, refs)
        self._update_state()

    if TYPE_CHECKING:

        def _update_state(self) -> None: ...  # MainWindow's: title and menus
