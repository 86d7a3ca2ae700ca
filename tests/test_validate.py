"""`check` finds each kind of mistake, at the right file and line, and reports all of them at once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from companion.pipeline import check_data
from support import FIXTURE_TODAY, FIXTURES

BROKEN = sorted((FIXTURES / "invalid").glob("*.yaml"))


def test_valid_fixture_has_no_problems(data_copy):
    checked = check_data(data_copy, FIXTURE_TODAY)
    assert checked.problems == []
    assert checked.ok


def _apply(broken: Path, data: Path) -> tuple[str, int, str]:
    # Some files are broken on purpose at the byte level (not UTF-8, a byte-order mark).
    text = broken.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    target = re.search(r"^# (?:replaces|adds): (\S+)$", text, re.M).group(1)
    file, line, code = re.search(r"^# expect: (\S+):(\d+) (\S+)$", text, re.M).groups()
    shutil.copyfile(broken, data / target)
    return file, int(line), code


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_is_reported_with_code_and_line(broken, data_copy):
    file, line, code = _apply(broken, data_copy)
    checked = check_data(data_copy, FIXTURE_TODAY)
    found = [(p.file, p.line, p.code) for p in checked.problems]
    assert (file, line, code) in found, f"expected {file}:{line} {code}, got {found}"
    assert not checked.ok


def test_the_corpus_has_at_least_forty_broken_files():
    assert len(BROKEN) >= 40


def test_a_file_over_the_size_limit_is_refused(data_copy):
    case = data_copy / "cases" / "example-case-2020.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    problems = check_data(data_copy, FIXTURE_TODAY).problems
    assert [(p.file, p.line, p.code) for p in problems] == [("data/cases/example-case-2020.yaml", 1, "too-large")]


def test_every_problem_is_reported_in_one_run(data_copy):
    for name in ("unknown-threat", "section-unknown-norm-suggests", "actors-bad-country"):
        _apply(FIXTURES / "invalid" / f"{name}.yaml", data_copy)
    codes = {p.code for p in check_data(data_copy, FIXTURE_TODAY).problems}
    # actors.yaml is schema-valid, so cross-checks still run and see all three.
    assert {"unknown-threat", "unknown-norm", "unknown-country"} <= codes


def test_unknown_id_suggests_the_nearest_known_one(data_copy):
    _apply(FIXTURES / "invalid" / "unknown-threat.yaml", data_copy)
    problem = next(p for p in check_data(data_copy, FIXTURE_TODAY).problems if p.code == "unknown-threat")
    assert problem.message == "unknown threat 'espionnage'"
    assert problem.hint == "did you mean 'espionage'?"


def test_a_broken_case_does_not_cause_unknown_case_noise(data_copy):
    # The case fails its schema check; the claim that names it must not be reported as well.
    _apply(FIXTURES / "invalid" / "case-missing-summary.yaml", data_copy)
    problems = check_data(data_copy, FIXTURE_TODAY).problems
    assert [p.code for p in problems] == ["missing-field"]


def test_missing_shared_file_is_reported(data_copy):
    (data_copy / "threats.yaml").unlink()
    problems = check_data(data_copy, FIXTURE_TODAY).problems
    assert [(p.file, p.code) for p in problems] == [("data/threats.yaml", "missing-file")]


def test_files_starting_with_underscore_are_not_data(data_copy):
    (data_copy / "cases" / "_template.yaml").write_text("id: <fill in>\n", encoding="utf-8")
    assert check_data(data_copy, FIXTURE_TODAY).ok


# --- files that are not plain data files ---------------------------------------------------------------

def test_a_link_to_a_device_is_refused_without_reading_it(data_copy):
    """A case file linked to /dev/zero used to be read whole, until memory ran out."""
    (data_copy / "cases" / "zero.yaml").symlink_to("/dev/zero")
    problems = check_data(data_copy, FIXTURE_TODAY).problems
    assert ("data/cases/zero.yaml", 1, "not-a-file") in [(p.file, p.line, p.code) for p in problems]


def test_a_link_to_a_file_outside_the_repository_is_not_read(data_copy, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text((data_copy / "cases" / "example-case-2020.yaml").read_text(encoding="utf-8")
                       .replace("id: example-case-2020", "id: secret"), encoding="utf-8")
    (data_copy / "cases" / "secret.yaml").symlink_to(outside)
    checked = check_data(data_copy, FIXTURE_TODAY)
    assert ("data/cases/secret.yaml", 1, "not-a-file") in [(p.file, p.line, p.code) for p in checked.problems]
    assert not checked.ok  # so nothing is built, and the file's content is never published


def test_a_linked_single_file_is_refused_too(data_copy):
    real = data_copy / "actors.yaml"
    moved = data_copy.parent / "actors-elsewhere.yaml"
    real.rename(moved)
    real.symlink_to(moved)
    problems = check_data(data_copy, FIXTURE_TODAY).problems
    assert ("data/actors.yaml", 1, "not-a-file") in [(p.file, p.line, p.code) for p in problems]


def test_a_huge_file_is_read_only_up_to_the_limit(data_copy, monkeypatch):
    from companion import loader

    case = data_copy / "cases" / "example-case-2020.yaml"
    assert len(loader.read_file(case, "x")) == case.stat().st_size
    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    assert len(loader.read_file(case, "x")) == 101  # one byte past the limit, so the size is reported


def test_every_entry_of_data_that_is_not_read_is_named(data_copy):
    """Hidden files, sub-folders and folders named like data files used to be passed over in silence."""
    (data_copy / "cases" / ".hidden-case.yaml").write_text("id: x\n", encoding="utf-8")
    (data_copy / "cases" / "more").mkdir()
    (data_copy / "cases" / "more" / "case.yaml").write_text("id: x\n", encoding="utf-8")
    (data_copy / "cases" / "folder-case.yaml").mkdir()
    (data_copy / "sections" / "_draft.yaml").write_text("id: x\n", encoding="utf-8")
    (data_copy / "notes.txt").write_text("to do\n", encoding="utf-8")
    (data_copy / "extra").mkdir()
    found = {(p.file, p.code) for p in check_data(data_copy, FIXTURE_TODAY).problems}
    assert {("data/cases/.hidden-case.yaml", "file-name"), ("data/cases/more", "unexpected-file"),
            ("data/cases/folder-case.yaml", "unexpected-file"), ("data/sections/_draft.yaml", "file-name"),
            ("data/notes.txt", "unexpected-file"), ("data/extra", "unexpected-file")} <= found


def test_the_case_template_and_the_schemas_are_expected_in_data(data_copy):
    shutil.copyfile(FIXTURES.parents[1] / "data" / "cases" / "_template.yaml", data_copy / "cases" / "_template.yaml")
    shutil.copytree(FIXTURES.parents[1] / "data" / "schema", data_copy / "schema")
    assert check_data(data_copy, FIXTURE_TODAY).problems == []


@pytest.mark.parametrize(("written", "hint"), [
    ("apt-exmaple", "did you mean 'apt-example'?"),
    ("apt", "did you mean 'apt-example'?"),  # the id's first word
    ("germany", "'germany' is the name of 'de': use the id, 'de'"),
    ("example-bear", "'example-bear' is the name of 'apt-example': use the id, 'apt-example'"),  # an alias
    # Shares only '-example' with a known id: no guess, but where to look.
    ("xyz-example", "it must be an id defined in data/actors.yaml (to add an actor, see 'Adding an actor' "
                    "in CONTRIBUTING.md)"),
])
def test_an_unknown_actor_gets_a_guess_only_when_it_is_likely(data_copy, written, hint):
    problem = problem_after_edit(data_copy, "  - actor: apt-example", f"  - actor: {written}", "unknown-actor")
    assert (problem.message, problem.hint) == (f"unknown actor '{written}'", hint)


def test_a_source_without_url_is_told_which_field_is_missing(data_copy):
    _apply(FIXTURES / "invalid" / "case-missing-url-names-field.yaml", data_copy)
    problem = next(p for p in check_data(data_copy, FIXTURE_TODAY).problems if p.code == "missing-field")
    assert problem.message == "required field 'url' is missing in sources[1]"
    assert problem.hint.startswith("add 'url:'")


def problem_after_edit(data: Path, old: str, new: str, code: str):
    """The first problem with ``code`` once ``old`` is replaced by ``new`` in the fixture case."""
    case = data / "cases" / "example-case-2020.yaml"
    text = case.read_text(encoding="utf-8")
    assert old in text
    case.write_text(text.replace(old, new), encoding="utf-8")
    return next(p for p in check_data(data, FIXTURE_TODAY).problems if p.code == code)


def test_an_empty_value_is_not_told_to_be_quoted(data_copy):
    problem = problem_after_edit(data_copy, "url: https://example.org/statement", "url:", "wrong-type")
    assert problem.message == "sources[1].url should be text, not empty"
    assert "quotes" not in problem.hint and "write a value" in problem.hint


def test_a_number_where_text_is_meant_is_told_to_be_quoted(data_copy):
    problem = problem_after_edit(data_copy, "title: Example case", "title: 1e3", "wrong-type")
    assert problem.hint == "put it in quotes: YAML reads it as a number"


def test_a_source_with_both_a_ref_and_a_title_names_the_conflict(data_copy):
    problem = problem_after_edit(data_copy, "  - ref: smith2020\n", "  - ref: smith2020\n    title: X\n", "wrong-shape")
    assert problem.message == "sources[2] cannot have 'title' here"
    assert "Either a key into data/references.yaml" in problem.hint


def test_an_id_in_capitals_is_told_to_be_lower_case(data_copy):
    problem = problem_after_edit(data_copy, "  - actor: apt-example", "  - actor: DE", "bad-format")
    assert problem.hint == "ids are lower case: write 'de'"


def test_the_case_template_must_still_read_as_yaml(data_copy):
    """It is not data, but new-case copies it into every new case."""
    (data_copy / "cases" / "_template.yaml").write_text("id: FILL-IN\ntitle: [unclosed\n", encoding="utf-8")
    problems = check_data(data_copy, FIXTURE_TODAY).problems
    assert [(p.file, p.code) for p in problems] == [("data/cases/_template.yaml", "yaml-syntax")]


def test_a_huge_number_is_a_message_not_a_traceback(data_copy):
    case = data_copy / "cases" / "example-case-2020.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("    source: 1", "    source: " + "9" * 5000), encoding="utf-8")
    problems = check_data(data_copy, FIXTURE_TODAY).problems
    assert [(p.file, p.code) for p in problems] == [("data/cases/example-case-2020.yaml", "bad-value")]


def test_changing_the_schemas_in_data_does_not_change_what_check_accepts(data_copy):
    """The schemas are code (in the package): a pull request that edits only data/ cannot loosen them."""
    import json

    schemas = data_copy / "schema"
    shutil.copytree(FIXTURES.parents[1] / "data" / "schema", schemas)
    common = json.loads((schemas / "common.schema.json").read_text(encoding="utf-8"))
    common["$defs"]["url"] = {"type": "string"}
    (schemas / "common.schema.json").write_text(json.dumps(common), encoding="utf-8")
    case = data_copy / "cases" / "example-case-2020.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("url: https://example.org/statement",
                                                             "url: javascript:window.__pwned=1"), encoding="utf-8")
    problems = check_data(data_copy, FIXTURE_TODAY).problems
    line = next(n for n, text in enumerate(case.read_text(encoding="utf-8").splitlines(), 1) if "javascript:" in text)
    assert [(p.code, p.line) for p in problems] == [("bad-format", line)]


def test_an_end_within_the_starts_month_or_year_is_not_before_it(data_copy):
    """'2015-06' as an end means some day in June 2015: not before a start on 10 June."""
    case = data_copy / "cases" / "example-case-2020.yaml"
    text = case.read_text(encoding="utf-8")
    for start, end, wrong in (("2015-06-10", "2015-06", False), ("2015-06-10", "2015", False),
                              ("2015-06-10", "2015-05", True), ("2015-06", "2015-05-31", True)):
        case.write_text(text.replace('start: "2015-04"', f'start: "{start}"').replace('end: "2015-05-20"',
                                                                                    f'end: "{end}"'), encoding="utf-8")
        codes = [p.code for p in check_data(data_copy, FIXTURE_TODAY).problems]
        assert ("end-before-start" in codes) == wrong, (start, end, codes)


def test_a_typo_a_little_further_off_still_gets_its_guess(data_copy):
    """'phisng' is 0.86 alike 'phishing' by difflib's ratio: close enough to guess, unlike unrelated ids."""
    problem = problem_after_edit(data_copy, "threats: [espionage, phishing]", "threats: [espionage, phisng]",
                                 "unknown-threat")
    assert problem.hint == "did you mean 'phishing'?"


def test_an_attribution_citing_one_source_past_the_last_is_refused(data_copy):
    """The case has two sources: 'source: 3' names none of them (the off-by-one a contributor makes)."""
    problem = problem_after_edit(data_copy, "    source: 1", "    source: 3", "unknown-source")
    assert problem.message == "source 3 does not exist: the case has 2 sources"


def test_an_address_with_a_user_name_is_explained(data_copy):
    problem = problem_after_edit(data_copy, "url: https://example.org/statement",
                                 "url: https://www.cisa.gov@evil.example/statement", "bad-format")
    assert "user name before '@'" in problem.message


@pytest.mark.parametrize(("title", "sentence_case"), [("Maße", "MASSE"), ("Security", "ſecurity"),
                                                       ("Kelvin", "\u212aelvin"), ("The Body", "The main part")])
def test_a_sentence_case_title_may_differ_only_by_capitals(data_copy, title, sentence_case):
    # casefold() alone would pass the first three: ß and SS, a long s, the Kelvin sign.
    section = data_copy / "sections" / "02-body.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("title: The Body\nsentence_case_title: The body",
                                    f"title: {title}\nsentence_case_title: {sentence_case}"), encoding="utf-8")
    assert "sentence-case-title" in {p.code for p in check_data(data_copy, FIXTURE_TODAY).problems}


@pytest.mark.parametrize("written", ["[1.5]", "[true]", "[[1]]"])
def test_a_reading_that_names_a_source_in_no_allowed_form_is_told_the_forms(data_copy, written):
    """review.checks[].sources takes source numbers (a case) or reference ids (a claim): a value that is
    neither is told so, not only that it 'does not have an allowed shape'."""
    problem = problem_after_edit(data_copy, "      sources: [1, 2]", f"      sources: {written}", "wrong-shape")
    assert problem.message == "review.checks[2].sources[1] does not have an allowed shape"
    assert "source number" in problem.hint and "reference id" in problem.hint
