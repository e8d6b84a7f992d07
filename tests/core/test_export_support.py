"""Helpers shared by the export tests and bench/bench_export.py (no tests here).

``build_seed_return`` makes the Leicestershire return from seed 000: all 61 coded answers and
narratives, a completed-by block and sign-off, some good practice and support requests.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from stocktake_desktop.document import ReturnDocument
from stocktake_desktop.export.bundle import BundleResult, ExportOptions, export_bundle
from tests.core.seed_parsing import seed_answers

GOOD_PRACTICE = {"1.1": "Joint programme board: terms of reference attached", "5.1": "", "8.2": ""}
SUPPORT = {
    "2.1": "Help with CHC & S117 funding flows",
    "6.9": "Advice on housing options for 2 people",
}
COMPLETED_BY = {
    "name": "Jo Bloggs",
    "organisation": "Leicestershire County Council",
    "contact": "jo.bloggs@leics.gov.uk",
}
SIGN_OFF = {
    "chair_hwb": ("Councillor Ann Other", "2026-11-20"),
    "la_chief_executive": ("John Smith", "2026-11-21"),
    "ccg_rep": ("Dr Priya Patel", "2026-11-21"),
}


def seed_fixture() -> dict[str, tuple[list[int], str]]:
    """Seed answers with codes outside each question's list dropped (3.5's code 3)."""
    from stocktake_desktop.template import default_template

    template = default_template()
    fixed = {}
    for ref, (codes, narrative) in seed_answers().items():
        allowed = template.question(ref).code_values()
        fixed[ref] = ([c for c in codes if c in allowed], narrative)
    return fixed


def build_seed_return(path: Path, *, complete: bool = True, editor: str = "Alice") -> Path:
    """Create the seed return at ``path``; ``complete`` adds completed-by and sign-off."""
    with ReturnDocument.create(path, "Leicestershire", editor) as document, document.batch():
        for ref, (codes, narrative) in seed_fixture().items():
            document.set_codes(ref, codes)
            document.set_narrative(ref, narrative)
        for ref, note in GOOD_PRACTICE.items():
            document.set_good_practice(ref, True)
            document.set_good_practice_note(ref, note)
        for ref, text in SUPPORT.items():
            document.set_support_required(ref, text)
        if complete:
            for key, value in COMPLETED_BY.items():
                document.set_completed_by(key, value)
            for role, (name, date) in SIGN_OFF.items():
                document.set_sign_off(role, name=name, date=date)
    return path


PRIYA = ("Priya Shah", "Northamptonshire County Council")
TOM = ("Tom Reed", "Nene Clinical Commissioning Group")
ANN = ("Ann Baker", "Leicestershire Partnership NHS Trust")
BOARD = ("Partnership Board", "20/06/2013", "Cllr K Wyatt")
HWB = ("Health and Wellbeing Board", "27 June 2013", "Dr A Jones")
NARRATIVE_2_1_AGREED = "Pooled budget agreed for 2013/14; CHC and S117 flows mapped."
NARRATIVE_1_1_AGREED = "A joint programme board meets monthly, chaired by the HWB chair."
ACTION_REGISTER = "Agree who owns the register"
ACTION_HOUSING = "Cost the housing options for 2 people"


def add_two_meetings(path: Path) -> None:
    """Two meetings on the return at ``path``: m1 (the Partnership Board, 20 June 2013) agrees
    1.1 and 1.2, sends 2.1 back for work and rewrites it, sets action a1 on 2.1; m2 (the Health
    and Wellbeing Board, 27 June 2013) rewrites 1.1 (so it falls back to draft), agrees 2.1
    and sets action a2 on 4.5, done."""
    from stocktake_desktop.document.models import Attendee

    with ReturnDocument.open(path, PRIYA[0]) as document:
        title, date, chair = BOARD
        document.start_meeting(title, date, chair, [Attendee(*PRIYA), Attendee(*TOM)])
        document.add_attendee("m1", *ANN)
        document.set_agreement("1.1", "agreed")
        document.set_agreement("1.2", "agreed")
        document.set_agreement("2.1", "needs-work", "Check the funding figures")
        document.editor = TOM[0]
        document.set_narrative("2.1", NARRATIVE_2_1_AGREED)
        document.add_action("2.1", ACTION_REGISTER, owner=PRIYA[0], due="01/07/2013")
        document.end_meeting()
        title, date, chair = HWB
        document.start_meeting(title, date, chair, [Attendee(*PRIYA), Attendee(*ANN)])
        document.editor = ANN[0]
        document.set_narrative("1.1", NARRATIVE_1_1_AGREED)
        document.set_agreement("2.1", "agreed", "Figures checked")
        document.add_action("4.5", ACTION_HOUSING, owner=ANN[0], due="15 July 2013", status="done")
        document.end_meeting()


def export_return(path: Path, out: Path, **options: Any) -> BundleResult:
    """Export the return at ``path`` into ``out`` (made if needed) with ``ExportOptions``."""
    out.mkdir(parents=True, exist_ok=True)
    with ReturnDocument.open(path, "Exporter") as document:
        return export_bundle(document, ExportOptions(out_dir=out, **options))


def export_seed_return(base: Path, evidence: dict[str, Path] | None = None) -> BundleResult:
    """Build the seed return in ``base``, attach ``evidence`` (ref -> file) and export it.

    For module-scoped fixtures, which run before the per-test data folder is set: this one
    uses ``base / "appdata"`` for as long as it runs.
    """
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STOCKTAKE_DATA_DIR", str(base / "appdata"))
        path = build_seed_return(base / "leics.stocktake")
        if evidence:
            with ReturnDocument.open(path, "Alice") as document:
                for ref, file in evidence.items():
                    document.add_evidence(ref, file)
        return export_return(path, base / "out")


def export_meetings_return(base: Path) -> tuple[Path, BundleResult]:
    """The seed return with :func:`add_two_meetings`, exported (for module-scoped fixtures,
    like :func:`export_seed_return`); the return's path and the bundle."""
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STOCKTAKE_DATA_DIR", str(base / "appdata"))
        path = build_seed_return(base / "leics.stocktake")
        add_two_meetings(path)
        return path, export_return(path, base / "out")


_PAGE_NUMBER = re.compile(r"^Page \d+ of \d+$")


def pdf_pages(path: Path) -> list[str]:
    """Each page's extracted text."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def pdf_body_text(path: Path) -> str:
    """The PDF's text without the page furniture (watermark, header, footer, page numbers).

    Furniture is drawn first on each page and the page number last, so it is the first lines
    and the last line of each page's text.
    """
    from pypdf import PdfReader

    reader = PdfReader(path)
    body: list[str] = []
    for page in reader.pages:
        lines = page.extract_text().splitlines()
        if lines and lines[0] == "DRAFT":
            lines = lines[1:]
        lines = lines[3:]  # header left, header right, footer left
        if lines and _PAGE_NUMBER.match(lines[-1]):
            lines = lines[:-1]
        body.extend(lines)
    return "\n".join(body)


def squash(text: str) -> str:
    """Whitespace folded to single spaces, for comparing text that was wrapped into lines."""
    return " ".join(text.split())
