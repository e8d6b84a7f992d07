"""Putting the views right after a merge, an import or a settled conflict wrote to the return
under them: the cards built so far, the completion page's fields and the locality show what
the return holds now (without writing anything back)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..presenter.handover import reload_card
from .state import COMPLETION, LOCALITY

if TYPE_CHECKING:
    from ..pages.return_view import ReturnView


def reload_views(view: ReturnView, refs: Iterable[str]) -> None:
    """Show the stored values of ``refs`` (questions, "completion", "locality") again."""
    session = view.session
    document = session.document
    for ref in refs:
        if ref == COMPLETION:
            _reload_completion(view)
        elif ref == LOCALITY:
            view.about.locality.setText(document.locality)
        else:
            reload_card(view, ref)


def _reload_completion(view: ReturnView) -> None:
    page = view.completion
    if page is None:  # built later, from the return as it is then
        return
    document = view.session.document
    for key, value in document.completed_by().items():
        edit = page.completed_by.get(key)
        if edit is not None and edit.text() != value:
            edit.setText(value)
    for role, (name, date) in document.sign_off().items():
        if role in page.sign_off_names and page.sign_off_names[role].text() != name:
            page.sign_off_names[role].setText(name)
        if role in page.sign_off_dates:
            page.sign_off_dates[role].set_iso_silently(date)
    page.refresh()
