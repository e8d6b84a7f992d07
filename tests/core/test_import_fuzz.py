"""Fuzzed ``import``: thousands of mutated and random answers files, each either imported
(exit 0, nothing on stderr) or refused in one line on stderr (exit 2), never a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stocktake_desktop.document import ReturnDocument
from tests.helpers import run_cli

EXAMPLES = 2000
NASTY_TOKENS = [
    "9" * 5000,
    "-" + "1" * 4400,
    "[" * 3000,
    "{" * 100,
    "]",
    "}",
    ",",
    ":",
    '"',
    "\\",
    "\\ud800",
    "\\u0000",
    "\n",
    "3.0",
    "3.5",
    "1e999",
    "-0.0",
    "NaN",
    "Infinity",
    "true",
    "false",
    "null",
    '"1.1\\n"',
    '"codes"',
    '"evidence"',
    '"answers"',
    '"2.1": {"codes": [1.0]}',
]
EVIDENCE = [
    "minutes.pdf",
    "missing.pdf",
    "pipe.pdf",
    "sub",
    "../outside.pdf",
    "/dev/null",
    "/proc/self/status",
    "a\x00b",
    "x\ud800y",
    "y" * 300,
    "a/" * 2100,
    "",
    "sub/../minutes.pdf",
]
KEYS = ["1.1", "1.2", "2.1", "3.5", "11.3", "99.9", "1.1\n", "", "codes", "6.10", "01.1"]
FIELDS = [
    "codes",
    "narrative",
    "good_practice",
    "good_practice_note",
    "evidence",
    "support_required",
    "colour",
]

ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    10**40,
    3.0,
    3.5,
    -0.0,
    1e308,
    float("nan"),
    float("inf"),
    "",
    "x",
    "3",
    "\x00",
    "\ud800",
    "é\u202e\n",
    "2013-07-01",
    [],
    [1],
    [[1]],
    {},
    {"1.1": {}},
    {"codes": [1]},
]
leaves = st.sampled_from(ODD_VALUES + EVIDENCE + KEYS) | st.integers() | st.text(max_size=8)
values = (
    leaves | st.lists(leaves, max_size=3) | st.dictionaries(leaves.map(str), leaves, max_size=3)
)
codes = st.lists(st.sampled_from([0, 1, 2, 3, 5, 6, 7, 3.0, 1.0, 2.5, True, "1"]), max_size=3)
texts = st.text(max_size=30) | st.sampled_from(["", "Minutes – ąęß 🎉", "\x00\x0b\r\n\ud800"])
answers = st.fixed_dictionaries(
    {},
    optional={
        "codes": codes | values,
        "narrative": texts | values,
        "good_practice": st.booleans() | values,
        "good_practice_note": texts,
        "evidence": st.lists(st.sampled_from(EVIDENCE), max_size=3) | values,
        "support_required": texts,
        "colour": values,
    },
)
documents = st.fixed_dictionaries(
    {
        "format": st.just("stocktake-answers") | values,
        "version": st.sampled_from([1, 1.0, True, "1"]) | values,
        "answers": st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), answers, max_size=5)
        | values,
    },
    optional={
        "template": st.just("wv-jip-stocktake-2013") | values,
        "locality": texts | values,
        "completed_by": st.dictionaries(
            st.sampled_from(["name", "organisation", "contact", "x\ny"]), texts | values, max_size=3
        ),
        "sign_off": st.dictionaries(st.sampled_from(["chair_hwb", "ccg_rep", "pope"]), texts),
        "sign_off_dates": st.dictionaries(
            st.sampled_from(["chair_hwb", "ccg_rep"]),
            st.sampled_from(["", "2013-07-01", "2013-02-30", "2013-07-01\n", "yesterday"]),
        ),
        "extra": values,
    },
)
good_answers = st.fixed_dictionaries(
    {},
    optional={
        "codes": st.lists(st.sampled_from([0, 1, 2, 1.0, 2.0]), max_size=1, unique=True),
        "narrative": texts,
        "good_practice": st.booleans(),
        "evidence": st.lists(st.sampled_from(["minutes.pdf", "sub/../minutes.pdf"]), max_size=2),
        "support_required": texts,
    },
)
likely_valid = st.fixed_dictionaries(
    {
        "format": st.just("stocktake-answers"),
        "version": st.sampled_from([1, 1.0]),
        "answers": st.dictionaries(st.sampled_from(["2.1", "2.2", "3.5", "4.1"]), good_answers),
    },
    optional={
        "locality": texts,
        "completed_by": st.dictionaries(st.sampled_from(["name", "contact"]), texts),
        "sign_off_dates": st.dictionaries(
            st.sampled_from(["chair_hwb", "ccg_rep"]), st.sampled_from(["", "2013-07-01"])
        ),
    },
)
edits = st.lists(
    st.tuples(
        st.floats(0, 1),
        st.integers(0, 12),
        st.sampled_from(NASTY_TOKENS) | st.text(max_size=4),
    ),
    max_size=4,
)


def serialise(data: Any, text_edits: list[tuple[float, int, str]], raw_byte: int | None) -> bytes:
    text = json.dumps(data)  # ASCII; NaN and Infinity as Python writes them
    for where, cut, insert in text_edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
    raw = text.encode("utf-8", "surrogatepass")
    if raw_byte is not None and raw:
        raw = raw[: len(raw) // 2] + bytes([raw_byte]) + raw[len(raw) // 2 + 1 :]
    return raw


@pytest.mark.timeout(300)
@pytest.mark.skipif(os.name != "posix", reason="uses a named pipe among the evidence")
def test_fuzzed_imports_are_imported_or_refused_in_one_line(
    returns_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # durability is tested elsewhere; speed here
    pristine = returns_dir / "pristine.stocktake"
    ReturnDocument.create(pristine, "Leicestershire", "Alice").close()
    target = returns_dir / "leics.stocktake"
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "minutes.pdf").write_bytes(b"%PDF-1.4 minutes")
    (folder / "sub").mkdir()
    os.mkfifo(folder / "pipe.pdf")
    (tmp_path / "outside.pdf").write_bytes(b"%PDF outside")
    answers = folder / "answers.json"
    outcomes = {0: 0, 2: 0}
    shutil.copyfile(pristine, target)
    imported_before = [0]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        data=st.integers(0, 9).flatmap(lambda n: likely_valid if n < 2 else documents),
        text_edits=st.just([]) | st.just([]) | edits,
        raw_byte=st.none() | st.none() | st.none() | st.integers(0, 255),
        allow_outside=st.booleans(),
    )
    def check(
        data: Any,
        text_edits: list[tuple[float, int, str]],
        raw_byte: int | None,
        allow_outside: bool,
    ) -> None:
        if outcomes[0] != imported_before[0]:  # each import starts from the same small return
            shutil.copyfile(pristine, target)
            imported_before[0] = outcomes[0]
        answers.write_bytes(serialise(data, text_edits, raw_byte))
        extra = ["--allow-outside"] if allow_outside else []
        code, out, err = run_cli("import", target, answers, *extra)
        assert code in (0, 2), (code, out, err)
        outcomes[code] += 1
        if code == 0:
            assert err == "" and out.startswith("Imported "), (out, err)
            return
        assert out == ""
        assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1, err
        assert "Traceback" not in err and len(err) < 5000

    started = time.perf_counter()
    check()
    elapsed = time.perf_counter() - started
    print(f"\n{sum(outcomes.values())} fuzzed imports in {elapsed:.1f} s: {outcomes}")
    assert sum(outcomes.values()) == EXAMPLES
    assert outcomes[0] > 0 and outcomes[2] > 0  # both paths were exercised
