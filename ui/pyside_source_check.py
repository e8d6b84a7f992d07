"""A quicker form of the check PySide makes on every module imported after it.

Once PySide6 is imported, it asks of each newly imported module whether its source mentions
"PySide6" (to know where ``from __feature__ import ...`` may apply), through
``inspect.getsource``: linecache, tokenize and the inspect machinery, for every one of the
hundred or so modules the window imports, about 10 ms of its start-up. For a module loaded from
a ``.py`` file, reading that file answers the same question; anything else goes to PySide's own
check. A frozen build has no sources, so there PySide's check is quick already.

This replaces one function of PySide's private support module. PySide is pinned (the lock
files), so a new version is taken on purpose; if the function is not there, nothing is changed
(``tests/ui/test_pyside_source_check.py`` says when).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
CHECK_NAME = "_mod_uses_pyside"


def mentions_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether ``module``'s source contains "PySide6", as PySide's own check answers it."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return fallback(module)
    try:
        return b"PySide6" in Path(origin).read_bytes()
    except OSError:  # as inspect.getsource: no source, no PySide
        return False


def install() -> bool:
    """Import PySide6 and put the quicker check in place; True if it was put in place."""
    import PySide6.QtCore  # noqa: F401 (loads the support module)

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK_NAME, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "__module__", None) == __name__:
        return True  # already in place
    check: Callable[[ModuleType], bool] = original

    def quick_check(module: ModuleType) -> bool:
        return mentions_pyside(module, check)

    quick_check.__module__ = __name__
    setattr(feature, CHECK_NAME, quick_check)
    return True
