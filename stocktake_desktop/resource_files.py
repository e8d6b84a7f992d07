"""Where the stocktake definitions, JSON Schemas and fonts are: the one module that knows.

In an installed wheel or a frozen build they are package data, ``stocktake_desktop/resources``
(found with :mod:`importlib.resources`); running from the checkout they are the repository's
top-level ``resources/`` folder.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def resources_dir() -> Path:
    packaged = files("stocktake_desktop") / "resources"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[1] / "resources"


def templates_dir() -> Path:
    """Stocktake definitions (``<id>.json``) and the schema they follow."""
    return resources_dir() / "templates"


def schemas_dir() -> Path:
    """JSON Schemas for the files the app reads and writes (the interchange format)."""
    return resources_dir() / "schemas"


def icons_dir() -> Path:
    """The app's icon in several sizes (PNG) and for Windows (ICO)."""
    return resources_dir() / "icons"


def fonts_dir() -> Path:
    """DejaVu Sans, with its licence, for the PDF."""
    return resources_dir() / "fonts"
