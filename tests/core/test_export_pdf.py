"""The exported PDF: every narrative present, user text printed literally, long text flows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.template import default_template
from tests.helpers import (
    SIGN_OFF,
    export_return,
    export_seed_return,
    pdf_body_text,
    pdf_pages,
    seed_fixture,
    squash,
)


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    result = export_seed_return(tmp_path_factory.mktemp("seed"))
    yield result.folder / f"{result.name}.pdf"


def test_every_seed_narrative_is_in_the_pdf(seed_pdf: Path) -> None:
    body = squash(pdf_body_text(seed_pdf))
    narratives = [narrative for _codes, narrative in seed_fixture().values() if narrative]
    assert len(narratives) >= 55
    missing = [text[:60] for text in narratives if squash(text) not in body]
    assert missing == []


def test_pdf_reads_like_the_return(seed_pdf: Path) -> None:
    template = default_template()
    body = squash(pdf_body_text(seed_pdf))
    assert "Winterbourne View Joint Improvement Programme" in body
    for paragraph in template.programme_guidance:
        assert squash(paragraph) in body
    for section in template.sections:
        assert section.heading in body
    for question in template.questions:
        assert squash(f"{question.ref} {question.text}") in body, question.ref
    assert squash(template.columns["assessment"]) in body
    assert squash(template.columns["good_practice"]) in body
    assert "Status: 5 – CCG(s); 6 – Specialist Commissioners; 7 – Other providers" in body
    assert "Status: not coded yet" in body  # 3.5: the seed's code is not in its list
    assert "This document has been completed by" in body and "Signed by" in body
    for name, _signed in SIGN_OFF.values():
        assert name in body
    assert "21 November 2026" in body  # sign-off dates written the British way
    assert "☑ Yes" in body and "☐ No" in body


def _dictionary(value: object) -> DictionaryObject:
    """``value`` as the dictionary it must be (pypdf types what is looked up as any object)."""
    assert isinstance(value, DictionaryObject)
    return value


def test_page_furniture_and_metadata(seed_pdf: Path) -> None:
    pages = pdf_pages(seed_pdf)
    total = len(pages)
    assert total > 5
    for number, text in enumerate(pages, start=1):
        lines = text.splitlines()
        assert lines[0] == "DRAFT"  # exported as a draft, and not ready (3.5 has no code)
        assert lines[1:3] == ["Winterbourne View Local Stocktake, June 2013", "Leicestershire"]
        assert lines[-1] == f"Page {number} of {total}"
    reader = PdfReader(seed_pdf)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Winterbourne View Local Stocktake: Leicestershire"
    assert meta.author == "Jo Bloggs, Leicestershire"
    assert meta.subject == "Winterbourne View stocktake return – Leicestershire"
    assert _dictionary(reader.trailer["/Root"])["/Lang"] == "en-GB"
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in _dictionary(_dictionary(page["/Resources"])["/Font"]).values()
    }
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts
    assert not any("Helvetica" in font for font in fonts)


MARKUP = {
    "1.1": "<b>bold</b> should print as typed",
    "1.2": "a < b & c > d; &amp; stays &amp;",
    "1.3": '<img src="/etc/passwd"/> and <font size=40>big</font>',
    "1.4": "Zażółć gęślą jaźń · Ελληνικά γράμματα · Кириллица · “curly” ‘quotes’ • bullet",
    "1.5": "First line\nSecond line\n\nNew paragraph <br/> literal",
    "1.6": "Unclosed <i>italic and <para> tags & an entity &#169; and &nbsp;",
}


def test_markup_and_scripts_print_literally(tmp_path: Path) -> None:
    path = tmp_path / "markup.stocktake"
    with ReturnDocument.create(path, "Łódź & <Area>", "Alice") as document:
        for ref, text in MARKUP.items():
            document.set_narrative(ref, text)
        document.set_support_required("1.1", "<u>support</u> & more")
        document.set_good_practice("1.2", True)
        document.set_good_practice_note("1.2", "note <b>x</b>")
        document.set_completed_by("name", "Zoë <O'Brien> & Co")
    result = export_return(path, tmp_path / "out")
    body = pdf_body_text(result.folder / f"{result.name}.pdf")
    flat = squash(body)
    for text in MARKUP.values():
        for line in text.split("\n"):
            assert squash(line) in flat, line
    assert "First line\nSecond line" in body  # the line break is kept
    assert "Support required: <u>support</u> & more" in flat
    assert "note <b>x</b>" in flat
    assert "Zoë <O'Brien> & Co" in flat
    assert "Łódź & <Area>" in squash("\n".join(pdf_pages(result.folder / f"{result.name}.pdf")))


def test_a_30000_character_narrative_flows_across_pages(tmp_path: Path) -> None:
    words = [f"word{index:05d}" for index in range(3300)]
    long_text = " ".join(words)[:30_000]
    with_breaks = "\n".join(" ".join(words[i : i + 40]) for i in range(0, 3300, 40))[:30_000]
    path = tmp_path / "long.stocktake"
    with ReturnDocument.create(path, "Leicestershire", "Alice") as document:
        document.set_narrative("2.1", long_text)
        document.set_narrative("2.2", with_breaks)
        document.set_narrative("2.3", "x" * 30_000)  # one enormous word
    result = export_return(path, tmp_path / "out")
    pdf = result.folder / f"{result.name}.pdf"
    pages = pdf_pages(pdf)
    first, last = words[0], long_text.split()[-1]
    start = next(i for i, text in enumerate(pages) if first in text)
    end = next(i for i, text in enumerate(pages) if last in text)
    assert end - start >= 3  # it really spans pages
    body = squash(pdf_body_text(pdf))
    assert squash(long_text) in body
    assert squash(with_breaks) in body
    assert "".join(body.split()).count("x" * 30_000) == 1


def test_final_ready_export_has_no_watermark(tmp_path: Path, seed_return: Path) -> None:
    path = seed_return
    with ReturnDocument.open(path, "Alice") as document:
        document.set_codes("3.5", [2])
    result = export_return(path, tmp_path / "out", final=True, ready=True)
    pages = pdf_pages(result.folder / f"{result.name}.pdf")
    assert all(not text.startswith("DRAFT") for text in pages)
    assert "Final submission" in pages[0]


def test_changes_after_submission_section(tmp_path: Path, seed_return: Path) -> None:
    path = seed_return
    with ReturnDocument.open(path, "Alice") as document:
        document.set_codes("3.5", [2])
        original = document.answer("4.7").narrative
    first = export_return(path, tmp_path / "one", final=True, ready=True)
    assert "Changes after submission" not in pdf_body_text(first.folder / f"{first.name}.pdf")
    with ReturnDocument.open(path, "Sam <Editor>") as document:
        document.set_narrative("4.7", original + "\n\nUpdate: the audit <reported> in September.")
    second = export_return(path, tmp_path / "two", final=True, ready=True)
    body = squash(pdf_body_text(second.folder / f"{second.name}.pdf"))
    assert "Changes after submission" in body
    assert f"(bundle {first.bundle_id[:12]})" in body
    assert "4.7 Assessment, changed by Sam <Editor> on" in body
    # The excerpt shows where the text changed, not just its (unchanged) beginning.
    assert "After: … " in body and "Update: the audit <reported> in September." in body


def test_changed_parts_starts_near_the_first_difference() -> None:
    from stocktake_desktop.export.pdf_changes import changed_parts

    same = "word " * 100
    before, after = changed_parts(same + "old ending", same + "new ending")
    assert before.startswith("… ") and before.endswith("old ending")
    assert after.startswith("… ") and after.endswith("new ending")
    assert changed_parts("", "New") == ("(empty)", "New")
    assert changed_parts("Short", "Shorter") == ("Short", "Shorter")


def test_very_long_names_and_notes_do_not_break_the_layout(tmp_path: Path) -> None:
    path = tmp_path / "huge.stocktake"
    with ReturnDocument.create(path, "Leicestershire " * 300, "Alice") as document:
        document.set_completed_by("name", "Name " * 6000)  # a pasted paragraph in a table cell
        document.set_completed_by("contact", "x" * 30_000)
        document.set_sign_off("ccg_rep", name="Dr " * 10_000)
        document.set_good_practice_note("1.1", "note " * 8000)
    result = export_return(path, tmp_path / "out")
    pages = pdf_pages(result.folder / f"{result.name}.pdf")
    assert len(pages) > 10
    assert all(len(text.splitlines()[2]) <= 60 for text in pages)  # the header stays short
