"""Bundle names, kept within a path budget: ``WV-Stocktake-2013_Leicestershire_2026-11-22``.

A draft says so in every name (``WV-Stocktake-2013_Leicestershire_DRAFT_2026-11-22``), so a
draft can never be taken for the final submission.

Windows' "Extract All" unpacks ``NAME.zip`` into a folder ``NAME`` and the zip's own top folder
inside that, so the paths a programme officer gets are the Downloads folder, the zip's name and
then each name in the zip. Every name in the zip (``<folder>/<file>``) is kept within
:data:`PATH_BUDGET` characters: the folder to :data:`FOLDER_MAX`, evidence names to
:data:`EVIDENCE_NAME_MAX`, and the folder shortened further when the workbook's full name
would not fit beside it. The workbook and the PDF keep the whole locality whenever they can.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

#: The longest name in the zip, from its root: ``<folder>/evidence/<name>``.
PATH_BUDGET = 120
#: The longest bundle folder (and zip) name.
FOLDER_MAX = 60
#: The longest evidence file name: the folder, "/evidence/" and the name fill the budget.
EVIDENCE_NAME_MAX = PATH_BUDGET - FOLDER_MAX - len("/evidence/")
#: The longest file extension in the bundle folder (".xlsx").
_DOCUMENT_EXTENSION = len(".xlsx")
#: Letters of the locality the folder keeps at least, when it has to be shortened.
_FOLDER_PLACE_MIN = 12
LOCALITY_MAX = 60
DRAFT_MARK = "DRAFT"

_NOT_SAFE = re.compile(r"[^A-Za-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`´]")
#: Letters that NFKD does not take apart into a plain letter and an accent.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "ẞ": "SS",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)


def transliterate(text: str) -> str:
    """Plain ASCII letters for a name: "Tromsø" -> "Tromso", "Straße" -> "Strasse"."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return text.encode("ascii", "ignore").decode("ascii")


def safe_locality(locality: str) -> str:
    """ASCII letters, digits and hyphens: "Brighton & Hove" -> "Brighton-and-Hove".

    Accented letters keep their letter ("é" -> "e", "ø" -> "o", "ß" -> "ss"), apostrophes go
    ("King's Lynn" -> "Kings-Lynn"); a name with no letter left becomes "Locality".
    """
    text = transliterate(_APOSTROPHES.sub("", locality.replace("&", " and ")))
    return shorten(_NOT_SAFE.sub("-", text).strip("-"), LOCALITY_MAX) or "Locality"


def shorten(place: str, length: int) -> str:
    """``place`` cut to ``length`` characters, at a hyphen when one is in the second half."""
    if len(place) <= length:
        return place
    cut = place[: max(length, 0)]
    if place[len(cut)] != "-" and cut.rfind("-") >= length // 2:
        cut = cut[: cut.rfind("-")]
    return cut.rstrip("-")


@dataclass(frozen=True, slots=True)
class BundleNames:
    """``folder``: the bundle folder, the zip and the email draft (``.zip``, ``.eml``);
    ``documents``: the workbook and the PDF in it (``.xlsx``, ``.pdf``)."""

    folder: str
    documents: str


def bundle_names(
    prefix: str, locality: str, day: date, *, final: bool = True, counter: int = 1
) -> BundleNames:
    """The names of a bundle, within :data:`PATH_BUDGET` (``counter`` > 1 adds ``_2``...)."""
    place = safe_locality(locality)

    def name(part: str) -> str:
        mark = "" if final else DRAFT_MARK
        joined = "_".join(p for p in (prefix, part, mark, day.isoformat()) if p)
        return f"{joined}_{counter}" if counter > 1 else joined

    fixed = len(name("x")) - 1  # everything but the locality
    # "<folder>/<documents>.xlsx" within the budget: room for the locality twice.
    room = PATH_BUDGET - 1 - _DOCUMENT_EXTENSION - 2 * fixed
    documents_place = shorten(place, room - min(len(place), _FOLDER_PLACE_MIN))
    folder_place = shorten(place, min(room - len(documents_place), FOLDER_MAX - fixed))
    return BundleNames(folder=name(folder_place), documents=name(documents_place))


def bundle_name(prefix: str, locality: str, day: date, *, final: bool = True) -> str:
    """The bundle folder's name (the first export of the day)."""
    return bundle_names(prefix, locality, day, final=final).folder


def free_names(
    folder: Path, prefix: str, locality: str, day: date, *, final: bool = True
) -> BundleNames:
    """The first names (``_2``, ``_3``... after the first) whose folder, zip and email draft do
    not exist yet in ``folder``: a second export never overwrites the first."""
    counter = 1
    while True:
        names = bundle_names(prefix, locality, day, final=final, counter=counter)
        taken = (folder / f"{names.folder}{suffix}" for suffix in ("", ".zip", ".eml"))
        if not any(path.exists() for path in taken):
            return names
        counter += 1
