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
