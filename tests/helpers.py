"""Builders shared by tests (import from here, never from another test module).

Sections: clocks; the seed return (the Leicestershire return from seed 000: all 61 coded
answers and narratives, completed-by and sign-off, some good practice and support requests;
two meetings; the interchange file of it); exporting and reading the PDF; returns on disk and
programs beside them; the command line; importing; merging. The Qt-side ones (typing, fitting a
projector) are in tests/ui/helpers.py.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from stocktake_desktop.document import ReturnDocument, changelog
from stocktake_desktop.export.bundle import BundleResult, ExportOptions, export_bundle
from stocktake_desktop.template import Template
from tests.core.seed_parsing import seed_answers


# ------------------------------------------------------------------------------ clocks
def step_clock(
    monkeypatch: pytest.MonkeyPatch, start: str = "2026-11-22T09:00:00+00:00"
) -> Callable[[float], None]:
    """Replace the change log's clock; the function returned moves it on by some seconds."""
    moment = [datetime.fromisoformat(start)]
    monkeypatch.setattr(changelog, "now", lambda: moment[0])

    def advance(seconds: float) -> None:
        moment[0] += timedelta(seconds=seconds)

    return advance


# ------------------------------------------------------------------------------ the seed return
def seed_interchange() -> dict[str, Any]:
    """Seed 000's 61 coded answers, exactly as the programme recorded them."""
    from stocktake_desktop.template import default_template

    template = default_template()
    answers = seed_answers()
    return {
        "format": "stocktake-answers",
        "version": 1,
        "template": template.id,
        "locality": "Leicestershire",
        "answers": {
            q.ref: {
                "codes": list(answers[q.ref][0]),
                "narrative": answers[q.ref][1],
                "good_practice": False,
                "good_practice_note": "",
                "evidence": [],
                "support_required": "",
            }
            for q in template.questions
        },
        "completed_by": {"name": "", "organisation": "", "contact": ""},
        "sign_off": {"chair_hwb": "", "la_chief_executive": "", "ccg_rep": ""},
        "sign_off_dates": {"chair_hwb": "", "la_chief_executive": "", "ccg_rep": ""},
    }


def importable_seed() -> dict[str, Any]:
    """:func:`seed_interchange` with the codes outside 3.5's list dropped (so it imports)."""
    from stocktake_desktop.template import default_template

    data = seed_interchange()
    question = default_template().question("3.5")
    data["answers"]["3.5"]["codes"] = [
        c for c in data["answers"]["3.5"]["codes"] if c in question.code_values()
    ]
    return data


def as_dumped(data: dict[str, Any]) -> dict[str, Any]:
    """What ``dump`` writes for a return imported from ``data`` with no meetings: version 2,
    every question's agreement a draft, no meetings or actions."""
    from stocktake_desktop.template import default_template

    questions = default_template().questions
    draft = {"status": "draft", "meeting": "", "note": ""}
    return data | {
        "version": 2,
        "meetings": [],
        "agreement": {q.ref: dict(draft) for q in questions},
        "actions": [],
    }


def finish_seed(document: ReturnDocument) -> None:
    """Complete the seed return (its 3.5 has no code), then its signatories confirm it as it
    is now (a change after a sign-off makes it lapse)."""
    document.set_codes("3.5", [2])
    confirm_sign_offs(document)


def confirm_sign_offs(document: ReturnDocument) -> None:
    """Every signatory confirms the return as it is now (dated today)."""
    for role in document.template.sign_off_roles:
        document.confirm_sign_off(role.key)


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


# ------------------------------------------------------------------------------ exporting
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


# ------------------------------------------------------------------------------ returns on disk
def make(path: Path, narrative: str = "Board minutes", locality: str = "Rutland") -> Path:
    """A small return at ``path`` with 1.1's narrative written."""
    with ReturnDocument.create(path, locality, "Alice") as document:
        document.set_narrative("1.1", narrative)
    return path


def listing(folder: Path) -> list[str]:
    """The names in ``folder``, sorted."""
    return sorted(p.name for p in folder.iterdir())


#: Another program's transaction on the return ``sys.argv[1]``, killed half-way: it leaves a
#: ``-journal`` beside the return and the file alone inconsistent.
HALF_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # spill changed pages into the file mid-change
conn.execute("BEGIN")
conn.execute("UPDATE meta SET value = 'Half-written' WHERE key = 'locality'")
for i in range(200):
    conn.execute(
        "UPDATE answer SET narrative = ? WHERE ref = (SELECT ref FROM answer LIMIT 1 OFFSET ?)",
        ("x" * 3000, i % 61),
    )
os._exit(1)  # killed before it could commit or roll back
"""


def another_program(code: str, path: Path) -> None:
    """Run Python ``code`` in a child process with ``path`` as its argument."""
    subprocess.run([sys.executable, "-c", code, str(path)], check=False, timeout=60)


# ------------------------------------------------------------------------------ the command line
def cli(*args: str) -> int:
    """``python main.py ARGS`` in this process, its output left to pytest (``capsys``)."""
    import main

    return main.main(list(args))


def run_cli(*args: str | Path) -> tuple[int, str, str]:
    """``python main.py ARGS`` in this process: (exit code, stdout, stderr)."""
    from stocktake_desktop import cli as command_line

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = command_line.main([str(arg) for arg in args])
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------------------ importing
def other_edition(folder: Path) -> Template:
    """The shipped stocktake as another edition (id ``wv-jip-stocktake-2014``), its file in
    ``folder``: a return made from it is of another edition (this app cannot open one unless
    a test teaches ``document.checks.find_template`` the id)."""
    import json

    from stocktake_desktop.template import default_template, load_template

    data = json.loads(default_template().source.read_text(encoding="utf-8"))
    data["id"], data["edition"] = "wv-jip-stocktake-2014", "June 2014"
    path = folder / "wv-jip-stocktake-2014.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return load_template(path)


def dumped(target: Path) -> dict[str, Any]:
    """The return at ``target`` as ``dump`` prints it."""
    import json

    code, out, _err = run_cli("dump", target)
    assert code == 0
    return dict(json.loads(out))


def refused_import(target: Path, source: Path, *extra: str) -> str:
    """Import ``source`` into ``target``: assert it is refused in one line on stderr with
    exit 2, nothing printed and nothing written; return that line."""
    before = dumped(target)
    code, out, err = run_cli("import", target, source, *extra)
    assert code == 2, out + err
    assert out == ""
    assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert dumped(target) == before
    return err.rstrip("\n")


# ------------------------------------------------------------------------------ merging
JO, DEV = "Jo Bloggs", "Dev Patel"
SHARED = {
    "1.1": "The partnership board meets monthly.",
    "2.1": "Health commissioning is joint.",
    "3.1": "A register is kept.",
    "4.1": "Reviews are planned.",
}
#: What each laptop wrote after the copy was made (ref -> (the council's, the CCG's)); None:
#: that laptop left it alone.
PARTED: dict[str, tuple[str | None, str]] = {
    "1.1": (
        "The partnership board meets monthly, with an annual review.",
        "The partnership board meets monthly, chaired by the council leader.",
    ),
    "2.1": (
        "Health commissioning is joint; budgets are separate.",
        "Health commissioning is joint, with a pooled budget.",
    ),
    "3.1": ("A register is kept by the council.", "A register is kept and shared with the CCG."),
    "4.1": (None, "Reviews are planned for every placement by September."),
}


def partner_copies(folder: Path) -> tuple[Path, Path]:
    """The council's return (Jo Bloggs) and the CCG's copy of it (Dev Patel), each edited after
    they parted: 1.1, 2.1 and 3.1's assessments differently on both (three conflicts, with a
    base), 4.1's on the CCG's copy only (taken by a merge)."""
    import shutil

    la = folder / "la.stocktake"
    with ReturnDocument.create(la, "Leicestershire", JO) as document:
        for ref, text in SHARED.items():
            document.set_narrative(ref, text)
    ccg = folder / "ccg.stocktake"
    shutil.copyfile(la, ccg)
    for path, editor, side in ((la, JO, 0), (ccg, DEV, 1)):
        with ReturnDocument.open(path, editor) as document:
            for ref, texts in PARTED.items():
                changed = texts[side]
                if changed is not None:
                    document.set_narrative(ref, changed)
    return la, ccg
