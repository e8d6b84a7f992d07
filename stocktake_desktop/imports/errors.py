"""The one error an import raises when it cannot go ahead."""

from __future__ import annotations

from stocktake_desktop.document import ReturnError


class ImportRefusedError(ReturnError):
    """The source cannot be imported into this return; nothing has been written.

    ``str(error)`` is one sentence naming the source, fit to show as it is.
    """
