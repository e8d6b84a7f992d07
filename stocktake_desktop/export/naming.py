"""Bundle names: ``WV-Stocktake-2013_Leicestershire_2026-11-22``."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

_NOT_SAFE = re.compile(r"[^A-Za-z0-9]+")


def safe_locality(locality: str) -> str:
    """Plain ASCII letters, digits and hyphens: "Brighton & Hove" -> "Brighton-and-Hove"."""
    text = unicodedata.normalize("NFKD", locality.replace("&", " and "))
    text = text.encode("ascii", "ignore").decode("ascii")
    return _NOT_SAFE.sub("-", text).strip("-")[:60].rstrip("-") or "Locality"


def bundle_name(prefix: str, locality: str, day: date) -> str:
    return f"{prefix}_{safe_locality(locality)}_{day.isoformat()}"


def free_name(folder: Path, name: str) -> str:
    """``name``, or ``name_2``, ``name_3``... so that neither the folder nor the zip exists yet."""
    candidate, counter = name, 1
    while (folder / candidate).exists() or (folder / f"{candidate}.zip").exists():
        counter += 1
        candidate = f"{name}_{counter}"
    return candidate
