"""The shipped stocktake definition, checked against the seed documents, and its loader."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stocktake_desktop.template import (
    APP_GUIDANCE_LABEL,
    TEMPLATES_DIR,
    Code,
    Field,
    Template,
    TemplateError,
    available_templates,
    default_template,
    find_template,
    load_template,
)
from tests.core.seed_parsing import (
    ANALYSIS_SEED,
    return_seed_lines,
    seed_answers,
    seed_questions,
    seed_sections,
)

TEMPLATE_FILE = TEMPLATES_DIR / "wv-jip-stocktake-2013.json"

SECTION_SIZES = {1: 9, 2: 7, 3: 5, 4: 9, 5: 8, 6: 10, 7: 3, 8: 3, 9: 2, 10: 2, 11: 3}


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template(TEMPLATE_FILE)


@pytest.fixture
def raw() -> dict[str, Any]:
    return json.loads(TEMPLATE_FILE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: Any, name: str = "wv.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def expect_error(path: Path, field: str, fragment: str = "") -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    error = caught.value
    assert error.path == path
    assert error.field == field
    assert str(error).startswith(f"{path.name}: {field}: "), str(error)
    assert fragment in error.message
    return error


# --- the shipped template ------------------------------------------------------------------


def test_template_loads_with_sections_and_questions(template: Template) -> None:
    assert template.id == "wv-jip-stocktake-2013"
    assert [s.number for s in template.sections] == list(range(1, 12))
    assert {s.number: len(s.questions) for s in template.sections} == SECTION_SIZES
    assert [q.number for q in template.questions] == list(range(1, 62))
    expected_refs = [f"{n}.{i}" for n, size in SECTION_SIZES.items() for i in range(1, size + 1)]
    assert [q.ref for q in template.questions] == expected_refs
    assert all(q.section_number == int(q.ref.split(".")[0]) for q in template.questions)
    assert template.questions is template.questions  # cached, not rebuilt


def test_metadata(template: Template) -> None:
    assert template.title == (
        "Winterbourne View Joint Improvement Programme: Initial Stocktake of Progress against "
        "key Winterbourne View Concordat Commitment"
    )
    assert template.short_title == "Winterbourne View Local Stocktake"
    assert template.edition == "June 2013"
    assert template.display_name == "Winterbourne View Local Stocktake, June 2013"
    assert template.issued == date(2013, 5, 1)
    assert template.deadline == date(2013, 7, 5)
    assert template.submission_inbox == "Sarah.Brown@local.gov.uk"
    assert template.email_subject == "Winterbourne View stocktake return \u2013 {locality}"
    assert template.bundle_prefix == "WV-Stocktake-2013"
    assert template.source == TEMPLATE_FILE
    assert template.content_hash.startswith("sha256:")
    assert len(template.content_hash) == len("sha256:") + 64


def test_question_texts_match_seed_verbatim(template: Template) -> None:
    seeds = seed_questions()
    assert len(seeds) == 61
    for seed in seeds:
        question = template.question(seed.ref)
        assert question.number == seed.number, seed.ref
        assert question.text == seed.text, seed.ref
    assert "need deliver" in template.question("6.4").text
    assert "CCG fora" in template.question("1.7").text
    assert template.question("3.5").text.endswith("advocates")  # no full stop in the seed


def test_rows_appear_verbatim_in_raw_seed(template: Template) -> None:
    """Independent of the row parser: each question's cells occur as such in seed 000."""
    text = ANALYSIS_SEED.read_text(encoding="utf-8")
    for q in template.questions:
        code_list = f"{q.code_note} {q.codes_text}" if q.code_note else q.codes_text
        assert f"\n{q.number}\t{q.ref} {q.text}\t{code_list}\t" in text, q.ref


def test_code_lists_match_seed(template: Template) -> None:
    for seed in seed_questions():
        question = template.question(seed.ref)
        assert [(c.value, c.label) for c in question.codes] == seed.codes, seed.ref
        assert question.codes_text == seed.codes_text, seed.ref
        assert question.code_note == seed.code_note, seed.ref
    assert template.question("1.2").codes[2] == Code(2, "Children Services")
    assert template.question("4.2").label_for(4) == (
        "Not applicable (i.e. none funded by specialist commissioning )"
    )


def test_select_code_note_and_dependency(template: Template) -> None:
    multiple = [q.ref for q in template.questions if q.multiple]
    assert multiple == ["1.2"]
    note = "A positive score below assumes answer is Yes - include all identified."
    q12 = template.question("1.2")
    assert q12.code_note == note
    assert q12.codes_text.startswith("0 - No 1 - Asc 2 -Children Services")
    assert [q.ref for q in template.questions if q.code_note] == ["1.2"]
    q610 = template.question("6.10")
    assert q610.depends_on == "6.9"
    assert "1 June 2014" in q610.depends_note
    assert [q.ref for q in template.questions if q.depends_on] == ["6.10"]
    assert all(q.depends_note == "" for q in template.questions if q.depends_on is None)


def test_section_titles_match_seed(template: Template) -> None:
    assert {s.number: s.title for s in template.sections} == seed_sections()
    assert template.section(1).heading == "1. Models of partnership"
    assert template.section(8).title == (
        "Prevention and crisis response capacity - Local/shared capacity to manage emergencies"
    )
    assert template.section(11).title == "Current and future market requirements and capacity"


def test_app_guidance_is_present_and_brief(template: Template) -> None:
    assert APP_GUIDANCE_LABEL == "Stocktake Desktop guidance (not part of the official stocktake)"
    for section in template.sections:
        sentences = [s for s in section.app_guidance.split(". ") if s.strip()]
        assert 2 <= len(sentences) <= 4, section.number
        assert section.app_guidance.endswith(".")


def test_seed_answers_fit_the_code_lists(template: Template) -> None:
    answers = seed_answers()
    assert answers["1.2"][0] == [5, 6, 7]
    assert answers["7.1"][0] == [3]
    assert answers["7.1"][1].startswith("Yes, the inpatient register")
    assert answers["8.1"][0] == [0]
    # 3.5 is coded 3 in the seed although its list stops at 2; every other answer fits.
    misfits = [
        ref
        for ref, (codes, _) in answers.items()
        if not set(codes) <= template.question(ref).code_values()
    ]
    assert misfits == ["3.5"]


def test_return_seed_columns_guidance_and_completion(template: Template) -> None:
    lines = return_seed_lines()
    heading = next(line for line in lines if line.startswith("1. Models of partnership\t"))
    assert heading.split("\t")[1:4] == [
        template.columns["assessment"],
        template.columns["good_practice"],
        template.columns["support_required"],
    ]
    stripped = {line.strip() for line in lines}
    for paragraph in template.programme_guidance:
        assert paragraph in stripped, paragraph
    guidance = " ".join(template.programme_guidance)
    for sentence in (
        "Please mark on your return if you have good practice examples and attach further details.",
        "The deadline for this completed stocktake is Friday 5 July.",
        "Sarah.Brown@local.gov.uk",
        "An easy read version is available on the LGA website",
        "joint Strategic Assessment Framework (SAF)",
        "the role of HWBB",
    ):
        assert sentence in guidance
    assert template.programme_guidance[-1] == "May 2013"
    assert "Winterbourne View Joint Improvement Programme" in stripped
    assert "Initial Stocktake of Progress against key Winterbourne View Concordat Commitment" in (
        stripped
    )
    assert f"{template.short_title} {template.edition}" in stripped
    assert template.heading_completed_by in stripped
    assert f"{template.heading_sign_off}:" in stripped
    for item in template.completed_by_fields:
        assert any(line.startswith(f"{item.label}:") for line in stripped), item.key
    for role in template.sign_off_roles:
        assert f"{role.short_label}:" in stripped, role.key
    assert [f.key for f in template.completed_by_fields] == ["name", "organisation", "contact"]
    assert [f.key for f in template.sign_off_roles] == [
        "chair_hwb",
        "la_chief_executive",
        "ccg_rep",
    ]


# --- the model -----------------------------------------------------------------------------


def test_question_helpers(template: Template) -> None:
    q = template.question("1.3")
    assert q.code_list_text() == "0 - No 1 - Yes 2 - Not clear 3 - In development"
    assert q.label_for(3) == "In development"
    with pytest.raises(KeyError):
        q.label_for(9)
    assert q.code_values() == frozenset({0, 1, 2, 3})
    q12 = template.question("1.2")
    assert q12.code_list_text() == (
        "A positive score below assumes answer is Yes - include all identified. 0 - No "
        "1 - Asc 2 - Children Services 3 - Housing 4 - Other Council Depts 5 - CCG(s) "
        "6 - Specialist Commissioners 7 - Other providers"
    )
    assert q12.coded_as_text([7, 5, 6]) == "5, 6, 7"
    assert q12.coded_as_text([]) == ""


def test_lookups(template: Template) -> None:
    assert template.has_question("6.10")
    assert not template.has_question("6.11")
    with pytest.raises(KeyError, match=r"6\.11"):
        template.question("6.11")
    with pytest.raises(KeyError):
        template.section(12)
    assert Field("name", "Name").short_label == "Name"


def test_directory_helpers(tmp_path: Path, raw: dict[str, Any]) -> None:
    assert [t.id for t in available_templates()] == ["wv-jip-stocktake-2013"]
    assert default_template().id == "wv-jip-stocktake-2013"
    assert find_template("wv-jip-stocktake-2013").content_hash == default_template().content_hash
    with pytest.raises(KeyError, match="no-such-edition"):
        find_template("no-such-edition")

    newer = copy.deepcopy(raw)
    newer["id"] = "wv-jip-stocktake-2014"
    newer["issued"] = "2014-05-01"
    write(tmp_path, newer, "b-2014.json")
    write(tmp_path, raw, "a-2013.json")
    (tmp_path / "other.schema.json").write_text("{}", encoding="utf-8")
    found = available_templates(tmp_path)
    assert [t.id for t in found] == ["wv-jip-stocktake-2013", "wv-jip-stocktake-2014"]
    assert find_template("wv-jip-stocktake-2014", tmp_path).issued == date(2014, 5, 1)


# --- broken templates ----------------------------------------------------------------------


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "wv.json"
    path.write_text('{\n  "id": "x",\n  "title" "oops"\n}\n', encoding="utf-8")
    error = expect_error(path, "line 3, column 11", "invalid JSON")
    assert str(error) == "wv.json: line 3, column 11: invalid JSON (Expecting ':' delimiter)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"absent\.json: file not found"):
        load_template(tmp_path / "absent.json")


def test_missing_field(tmp_path: Path, raw: dict[str, Any]) -> None:
    del raw["sections"][2]["questions"][1]["codes_text"]
    path = write(tmp_path, raw)
    expect_error(path, "sections[2].questions[1].codes_text", "missing")


def test_missing_top_level_field(tmp_path: Path, raw: dict[str, Any]) -> None:
    del raw["deadline"]
    expect_error(write(tmp_path, raw), "deadline", "missing")


def test_wrong_type(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["sections"][3]["questions"][2]["codes"][1]["value"] = "x"
    error = expect_error(write(tmp_path, raw), "sections[3].questions[2].codes[1].value")
    assert str(error) == (
        "wv.json: sections[3].questions[2].codes[1].value: 'x' is not of type 'integer'"
    )


def test_unexpected_field(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["sections"][0]["app_guidence"] = "typo"
    expect_error(write(tmp_path, raw), "sections[0].app_guidence", "unexpected")


def test_bad_select_and_date(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["sections"][0]["questions"][0]["select"] = "several"
    expect_error(write(tmp_path, raw), "sections[0].questions[0].select", "several")
    raw["sections"][0]["questions"][0]["select"] = "single"
    raw["issued"] = "2013-02-30"
    expect_error(write(tmp_path, raw), "issued", "not a valid date")


def test_duplicate_ref(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["sections"][1]["questions"][3]["ref"] = "2.3"
    expect_error(write(tmp_path, raw), "sections[1].questions[3].ref", "already used")


def test_ref_not_matching_section(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["sections"][1]["questions"][0]["ref"] = "3.1"
    expect_error(write(tmp_path, raw), "sections[1].questions[0].ref", "expected '2.1'")


def test_non_consecutive_numbers(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["sections"][4]["questions"][0]["number"] = 32
    expect_error(write(tmp_path, raw), "sections[4].questions[0].number", "expected 31")


def test_duplicate_code(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["sections"][0]["questions"][2]["codes"][3]["value"] = 1
    expect_error(write(tmp_path, raw), "sections[0].questions[2].codes[3].value", "twice")


@pytest.mark.parametrize("ref", ["9.9", "6.10", "7.1"])
def test_depends_on_unknown_or_later_ref(tmp_path: Path, raw: dict[str, Any], ref: str) -> None:
    question = raw["sections"][5]["questions"][9]
    assert question["ref"] == "6.10"
    question["depends_on"]["ref"] = ref
    expect_error(write(tmp_path, raw), "sections[5].questions[9].depends_on.ref", repr(ref))


def test_broken_file_in_directory_is_reported(tmp_path: Path, raw: dict[str, Any]) -> None:
    del raw["title"]
    write(tmp_path, raw, "broken.json")
    with pytest.raises(TemplateError, match=r"^broken\.json: title: "):
        available_templates(tmp_path)


# --- content hash --------------------------------------------------------------------------


def test_content_hash_ignores_formatting(tmp_path: Path, raw: dict[str, Any]) -> None:
    original = load_template(TEMPLATE_FILE).content_hash
    compact = tmp_path / "compact.json"
    compact.write_text(json.dumps(raw, separators=(",", ":")), encoding="utf-8")
    spread = tmp_path / "spread.json"
    reordered = dict(reversed(list(raw.items())))
    spread.write_text(json.dumps(reordered, indent=7, ensure_ascii=True) + "\n\n", "utf-8")
    assert load_template(compact).content_hash == original
    assert load_template(spread).content_hash == original


def test_content_hash_is_sha256_of_canonical_json(raw: dict[str, Any]) -> None:
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    expected = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert load_template(TEMPLATE_FILE).content_hash == expected


def test_content_hash_changes_with_question_text(tmp_path: Path, raw: dict[str, Any]) -> None:
    original = load_template(TEMPLATE_FILE).content_hash
    raw["sections"][5]["questions"][3]["text"] += " "
    assert load_template(write(tmp_path, raw)).content_hash != original


def test_schema_validation_runs_once_per_content(
    tmp_path: Path, raw: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from stocktake_desktop import template as module

    path = tmp_path / "t.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    calls: list[Path] = []
    real = module._validate_schema

    def counted(p: Path, d: Any) -> None:
        calls.append(p)
        real(p, d)

    monkeypatch.setattr(module, "_validate_schema", counted)
    load_template(path)
    load_template(path)
    assert calls == [path]
    raw["sections"][0]["questions"][0]["codes"][0]["value"] = "x"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(TemplateError, match="is not of type 'integer'"):
        load_template(path)
    assert len(calls) == 2
