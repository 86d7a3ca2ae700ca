"""Rendering is pure and deterministic, and its output matches hand-checked golden pages.

To accept an intended change in the output: `.venv/bin/python tests/update_golden.py`, then read
the diff of tests/golden/ before committing it. The tests themselves never write a golden file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion import urls
from companion.build import render_all
from companion.pipeline import check_data
from support import FIXTURE_SITE, FIXTURE_TODAY, VALID

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_FILES = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())


def rendered_fixture() -> dict[str, str]:
    checked = check_data(VALID, FIXTURE_TODAY)
    assert checked.ok and checked.model is not None, checked.problems
    return render_all(checked.model, FIXTURE_SITE, {})


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return rendered_fixture()


def test_every_page_has_a_golden_file_and_every_golden_file_a_page(pages):
    assert sorted(pages) == GOLDEN_FILES


@pytest.mark.parametrize("path", GOLDEN_FILES)
def test_the_page_matches_its_golden_file(pages, path):
    # Bytes, not text: the CSV downloads end their lines with \r\n, which read_text would turn into \n.
    assert pages.get(path) == (GOLDEN / path).read_bytes().decode("utf-8"), f"{path} differs from tests/golden/{path}"


def test_rendering_twice_gives_identical_bytes():
    first = render_all(check_data(VALID, FIXTURE_TODAY).model, FIXTURE_SITE, {})
    second = render_all(check_data(VALID, FIXTURE_TODAY).model, FIXTURE_SITE, {})
    assert first == second
    assert list(first) == sorted(first)


def test_every_entity_has_a_page(pages):
    model = check_data(VALID, FIXTURE_TODAY).model
    for entity in (*model.sections, *model.threats, *model.cases, *model.actors, *model.instruments):
        assert urls.page_of(entity)[0] in pages


def test_links_between_pages_are_relative_and_use_one_scheme():
    model = check_data(VALID, FIXTURE_TODAY).model
    case = model.by_id["case"]["example-case-2020"]
    claim = model.by_id["claim"]["c2"]
    reference = model.by_id["reference"]["smith2020"]
    assert urls.href("cases/x.md", claim) == "../paper/body.md#c2"
    assert urls.href("paper/body.md", claim) == "#c2"
    # A reference has a page of its own; the list keeps an anchor per reference for older links.
    assert urls.href("index.md", reference) == "references/smith2020.md"
    assert urls.href("references.md", reference) == "references/smith2020.md"
    assert urls.href("paper/index.md", case) == "../cases/example-case-2020.md"
    assert urls.public_url(claim) == "/paper/body/#c2"
    assert urls.public_url(reference) == "/references/smith2020/"
    assert urls.url_of_page("cases/index.md") == "/cases/"
    assert urls.url_of_page("index.md") == "/"


def test_a_page_defines_the_glossary_terms_it_uses_and_no_others(pages):
    """Each definition costs Markdown time on every page, so a page carries only its own terms."""
    checked = check_data(VALID, FIXTURE_TODAY)
    spellings = {s for term in checked.model.glossary for s in (term.term, *term.also)}
    using = 0
    for path, markdown in pages.items():
        if not path.endswith(".md"):
            continue
        defined = set(re.findall(r"^\*\[(.+?)\]: ", markdown, re.M))
        body = markdown.split('<div class="cite-box">')[0]  # the box is raw HTML: Markdown marks no terms there
        assert defined == {s for s in spellings if s in body}, path
        using += bool(defined)
    assert 0 < using < len([p for p in pages if p.endswith(".md")])


def test_no_page_can_replace_another():
    """A case whose id is that of a fixed page (timeline, matrix, index) used to replace it silently;
    check reports the id, and the renderer refuses to write two pages to one path whatever it is given."""
    from dataclasses import replace

    from companion.problems import BuildError
    from companion.render import render_site

    checked = check_data(VALID, FIXTURE_TODAY)
    case = checked.model.cases[0]
    model = checked.model.with_entities("case", (case, replace(case, id="timeline")))
    with pytest.raises(BuildError, match=r"cases/timeline\.md"):
        render_site(model, _citations(model))
    twice = checked.model.with_entities("case", (case, case))
    with pytest.raises(BuildError, match="two pages"):
        render_site(twice, _citations(twice))


def _citations(model):
    from companion.build import citations_for, page_dates

    return citations_for(model, FIXTURE_SITE, page_dates(model, {}, FIXTURE_SITE.released))


def test_a_glossary_term_markdown_cannot_take_as_an_abbreviation_stops_the_build():
    """A term with a backslash made the definition line an ordinary paragraph, Markdown and all."""
    from dataclasses import replace

    from companion.problems import BuildError
    from companion.render.glossary import abbreviations

    checked = check_data(VALID, FIXTURE_TODAY)
    term = checked.model.glossary[0]
    assert abbreviations(checked.model)  # the fixture's terms are fine
    for spelling in ("x\\y", "a]b", " padded"):
        broken = checked.model.with_entities("term", (replace(term, term=spelling),))
        with pytest.raises(BuildError, match="cannot be written as a Markdown abbreviation"):
            abbreviations(broken)


def test_rendering_does_not_depend_on_the_hash_seed():
    """Two processes with different string hashing (PYTHONHASHSEED) give the same bytes: a set or dict
    iterated in hash order anywhere in the renderer would show up here, not once the site is online."""
    import os
    import subprocess
    import sys

    program = ("import hashlib, sys; sys.path.insert(0, 'tests'); from test_render import rendered_fixture; "
               "pages = rendered_fixture(); "
               "print(hashlib.sha256(repr(sorted(pages.items())).encode()).hexdigest())")
    digests = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300,
                              cwd=Path(__file__).resolve().parents[1], env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr[-2000:]
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_a_relation_stated_on_both_sides_is_listed_once():
    """The fixture's claim names its case and the case names the claim: each page lists the other once."""
    from companion.render.relations import relate

    checked = check_data(VALID, FIXTURE_TODAY)
    model = checked.model
    claim, case = model.by_id["claim"]["c1"], model.by_id["case"]["example-case-2020"]
    assert case.id in claim.cases and claim.id in case.claims  # stated both ways
    rel = relate(model, _citations(model))
    assert rel.claims_by_case[case.id] == [claim]
    assert rel.cases_by_claim[claim.id] == [case]
    for table in (rel.claims_by_threat, rel.cases_by_threat, rel.cases_by_norm):
        for related in table.values():
            assert len({id(x) for x in related}) == len(related)


def test_a_case_names_each_of_its_attack_groups():
    """external_ids.attack_group is a list: a case ATT&CK ties to two groups links to both."""
    from dataclasses import replace

    from companion.render.cases import case_page
    from companion.render.context import Context
    from companion.render.relations import relate

    model = check_data(VALID, FIXTURE_TODAY).model
    ctx = Context(model, relate(model, _citations(model)))
    case = model.by_id["case"]["example-case-2020"]
    one = case_page(case, ctx)
    two = case_page(replace(case, attack_groups=("G0007", "G0016")), ctx)
    none = case_page(replace(case, attack_groups=()), ctx)
    assert "**MITRE ATT&amp;CK group:**" in one and "groups/G0007/" in one
    assert "**MITRE ATT&amp;CK groups:**" in two
    assert "groups/G0007/" in two and "groups/G0016/" in two
    assert "MITRE ATT&amp;CK group" not in none


def test_reading_time_counts_the_words_a_reader_reads():
    """200 words a minute, rounded up; folded boxes (citations, records of review) and markup not counted."""
    from companion.render.guides import reading_minutes

    words = " ".join(["word"] * 401)
    assert reading_minutes(words) == 3  # 401 / 200, rounded up
    folded = "<details><summary>Cite</summary>\n" + " ".join(["cite"] * 1000) + "\n</details>"
    assert reading_minutes(" ".join(["word"] * 200) + "\n\n" + folded) == 1
    assert reading_minutes("[a link](https://example.org/a/very/long/address) **bold** # Heading") == 1


def test_a_treaty_not_yet_in_force_is_not_called_not_binding():
    from dataclasses import replace

    from companion.model import DatedEvent
    from companion.render.norms import binding_label

    treaty = next(n for n in check_data(VALID, FIXTURE_TODAY).model.instruments if n.kind == "treaty")
    pending = replace(treaty, binding=False, dates=(DatedEvent("opened-for-signature", "2024-12-24", ""),))
    assert binding_label(pending) == "not in force when last checked"
    in_force = replace(pending, dates=(*pending.dates, DatedEvent("in-force", "2025-01-01", "")))
    assert binding_label(in_force) == "not binding"  # in force, and still marked not binding: as the data says
    assert binding_label(replace(pending, kind="manual")) == "not binding"
    assert binding_label(replace(pending, binding=True)) == "binding"
