"""Evidence file names that are safe and unique on Windows, macOS and Linux."""

from __future__ import annotations

import pytest

from stocktake_desktop.export.evidence_copy import MAX_NAME, safe_file_name, unique_names


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("minutes.pdf", "minutes.pdf"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("NUL.tar.gz", "_NUL.tar.gz"),
        ("Com1.docx", "_Com1.docx"),
        ("LPT9", "_LPT9"),
        ("COM¹.txt", "_COM¹.txt"),
        ("console.txt", "console.txt"),  # only the exact device names are reserved
        ('a<b>c:d"e|f?g*h.pdf', "a_b_c_d_e_f_g_h.pdf"),
        ("C:\\Users\\jo\\plan.docx", "plan.docx"),
        ("../../etc/passwd", "passwd"),
        ("tab\there.txt", "tab here.txt"),
        ("bell\x07.txt", "bell_.txt"),
        ("trailing dot.", "trailing dot"),
        ("trailing space.pdf  ", "trailing space.pdf"),
        ("  .hidden", "hidden"),
        ("...", "file"),
        ("", "file"),
        ("Zażółć gęślą jaźń.pdf", "Zażółć gęślą jaźń.pdf"),
        ("e\u0301.txt", "é.txt"),  # NFC: one form for the same letters
    ],
)
def test_safe_file_name(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe


def test_long_names_keep_their_extension() -> None:
    name = safe_file_name("x" * 300 + ".docx")
    assert len(name) == MAX_NAME and name.endswith("x.docx")
    weird = safe_file_name("report." + "y" * 100)  # not an extension: too long
    assert len(weird) == MAX_NAME


def test_unique_names_ignore_case() -> None:
    names = unique_names(["Report.PDF", "report.pdf", "REPORT.pdf", "report (2).pdf", "CON", "con"])
    assert names == [
        "Report.PDF",
        "report (2).pdf",
        "REPORT (3).pdf",
        "report (2) (2).pdf",
        "_CON",
        "_con (2)",
    ]
    assert len({name.casefold() for name in names}) == len(names)


def test_unique_long_names_stay_within_the_limit() -> None:
    names = unique_names(["z" * 200 + ".pdf"] * 12)
    assert len(set(names)) == 12
    assert all(len(name) <= MAX_NAME and name.endswith(".pdf") for name in names)
    assert names[11].endswith(" (12).pdf")


# ------------------------------------------------------------------------------ bundle names
@pytest.mark.parametrize(
    ("locality", "safe"),
    [
        ("Leicestershire", "Leicestershire"),
        ("Brighton & Hove", "Brighton-and-Hove"),
        ("Tromsø", "Tromso"),  # ø has no NFKD decomposition: the table keeps the letter
        ("Ørsted Østerby", "Orsted-Osterby"),
        ("Hérault Côte-d'Azur", "Herault-Cote-dAzur"),
        ("Straße", "Strasse"),
        ("Łódź", "Lodz"),
        ("Æbeltoft Ærø", "Aebeltoft-Aero"),
        ("Œuvre", "Oeuvre"),
        ("Đakovo", "Dakovo"),
        ("Þórshöfn Reyðarfjörður", "Thorshofn-Reydarfjordur"),
        ("King's Lynn and West Norfolk", "Kings-Lynn-and-West-Norfolk"),
        ("King’s Lynn", "Kings-Lynn"),
        ("Bath and North East Somerset", "Bath-and-North-East-Somerset"),
        ("Ynys Môn / Anglesey", "Ynys-Mon-Anglesey"),
        ("../../etc", "etc"),
        ("東京", "Locality"),  # no letter to keep in plain ASCII
    ],
)
def test_localities_keep_their_letters_in_file_names(locality: str, safe: str) -> None:
    from stocktake_desktop.export.naming import safe_locality

    assert safe_locality(locality) == safe


def test_every_letter_nfkd_cannot_take_apart_is_in_the_table() -> None:
    from stocktake_desktop.export.naming import transliterate

    letters = "øØæÆœŒßłŁđĐþÞðÐ"
    assert transliterate(letters) == "oOaeAeoeOesslLdDthThdD"
    assert transliterate("é è ê ë à ç ñ ü å") == "e e e e a c n u a"


def test_draft_and_final_names_differ() -> None:
    from datetime import date

    from stocktake_desktop.export.naming import bundle_names

    day = date(2026, 11, 22)
    final = bundle_names("WV-Stocktake-2013", "Leicestershire", day, final=True)
    draft = bundle_names("WV-Stocktake-2013", "Leicestershire", day, final=False)
    assert final.folder == final.documents == "WV-Stocktake-2013_Leicestershire_2026-11-22"
    assert draft.folder == draft.documents == "WV-Stocktake-2013_Leicestershire_DRAFT_2026-11-22"
    again = bundle_names("WV-Stocktake-2013", "Leicestershire", day, final=False, counter=2)
    assert again.folder == "WV-Stocktake-2013_Leicestershire_DRAFT_2026-11-22_2"


def test_the_folder_is_shortened_only_when_the_budget_needs_it() -> None:
    from datetime import date

    from stocktake_desktop.export.naming import FOLDER_MAX, PATH_BUDGET, bundle_names

    day = date(2026, 11, 22)
    bath = "Bath and North East Somerset"
    final = bundle_names("WV-Stocktake-2013", bath, day, final=True)
    assert (
        final.folder
        == final.documents
        == ("WV-Stocktake-2013_Bath-and-North-East-Somerset_2026-11-22")
    )
    draft = bundle_names("WV-Stocktake-2013", bath, day, final=False)
    assert draft.documents == "WV-Stocktake-2013_Bath-and-North-East-Somerset_DRAFT_2026-11-22"
    assert draft.folder == "WV-Stocktake-2013_Bath-and-North_DRAFT_2026-11-22"  # at a hyphen
    for locality in (bath, "Leicestershire " * 30, "x" * 200, "A"):
        for final_kind in (True, False):
            for counter in (1, 2, 10, 100):
                names = bundle_names(
                    "WV-Stocktake-2013", locality, day, final=final_kind, counter=counter
                )
                assert len(names.folder) <= FOLDER_MAX
                assert len(f"{names.folder}/{names.documents}.xlsx") <= PATH_BUDGET
                assert names.folder.endswith(f"_{counter}" if counter > 1 else "2026-11-22")
                assert (
                    ("_DRAFT_" in names.folder)
                    == ("_DRAFT_" in names.documents)
                    == (not final_kind)
                )
