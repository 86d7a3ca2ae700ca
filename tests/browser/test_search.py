"""Search with Pagefind in Material's search box: what a reader finds, how results look, what it costs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from companion.pipeline import check_data
from conftest import search_results

MODEL = check_data(Path(__file__).resolve().parents[2] / "data").model

# The first result for five queries a student would type. Material's own search found the same first
# results before (the Tallinn Manual's rule 41, the Second Life case, the NotPetya case, the Georgia
# actor), except for "attribution", where another case with an attribution came first. A word that many
# cases share ("attribution") is answered well by any case that records an attribution, or the term.
ATTRIBUTED = (*(f"/cases/{case.id}/" for case in MODEL.cases if case.attributions), "/glossary/")
FIRST_RESULTS = {
    "Tallinn Manual": ("/norms/tallinn-2-rule-41/", "/norms/tallinn-manual-2/"),
    "Second Life": ("/cases/second-life-embassies-2007/",),
    "NotPetya": ("/cases/notpetya-2017/",),
    "attribution": ATTRIBUTED,
    "Georgia": ("/actors/ge/", "/cases/georgia-2008/"),
}


def _paths(results) -> list[str]:
    return [urlparse(href).path + ("#" + urlparse(href).fragment if urlparse(href).fragment else "")
            for href in results.evaluate_all("links => links.map(a => a.href)")]


@pytest.mark.parametrize(("query", "expected"), FIRST_RESULTS.items())
def test_five_queries_find_what_a_reader_looks_for_first(page, base_url, query, expected):
    page.goto(base_url + "/", wait_until="networkidle")
    results = search_results(page, query)
    first = urlparse(results.first.get_attribute("href")).path
    assert first in expected, _paths(results)


def test_results_say_what_each_page_is_and_a_claims_verdict(page, base_url):
    page.goto(base_url + "/", wait_until="networkidle")
    search_results(page, "NATO bid")
    claim = page.locator(".md-search-result__item a[href*='#c18']")
    claim.first.wait_for()
    assert claim.first.locator(".search-type").inner_text().startswith("Claim")
    assert claim.first.locator(".badge--wrong").inner_text() == "Wrong"
    types = page.locator(".md-search-result__item .search-type").all_inner_texts()
    assert "Case" in types
    # No link carries a highlighting query (?h=), empty or not.
    assert not [href for href in page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => a.href)") if "?h=" in href]


def test_a_pages_result_shows_its_summary_not_a_list_of_facts(page, base_url):
    page.goto(base_url + "/", wait_until="networkidle")
    search_results(page, "NotPetya master boot record")
    result = page.locator(".md-search-result__item a[href$='/cases/notpetya-2017/'] article > p:not(.search-type)")
    snippet = " ".join(result.first.inner_text().split())
    summary = " ".join(next(c for c in MODEL.cases if c.id == "notpetya-2017").summary.split())
    # The summary's first sentence, whatever words the reader typed (the excerpt would start at the match).
    assert len(snippet) > 60 and summary.startswith(snippet), (snippet, summary[:200])
    assert "boot" not in snippet  # the words typed are further on in the summary


def test_a_phrase_matches_as_a_phrase(page, base_url):
    page.goto(base_url + "/", wait_until="networkidle")
    words = len(_paths(search_results(page, "life second")))
    page.goto(base_url + "/", wait_until="networkidle")
    phrase = search_results(page, '"life second"')
    page.wait_for_timeout(300)
    assert len(_paths(phrase)) < words  # the words in that order are rare; each word alone is common


def test_a_glossary_entry_is_found_for_its_own_term(page, base_url):
    page.goto(base_url + "/", wait_until="networkidle")
    results = search_results(page, "wiper malware")
    assert "/glossary/#wiper" in _paths(results)[:3]
    entry = page.locator(".md-search-result__item a[href$='/glossary/#wiper']")
    assert entry.locator(".search-type").inner_text() == "Glossary term"


def test_search_fetches_nothing_from_another_host_and_breaks_no_policy(browser, base_url):
    from conftest import csp_violations

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked = csp_violations(page)
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto(base_url + "/", wait_until="networkidle")
    assert search_results(page, "Bundestag").count() > 0
    assert hosts == {urlparse(base_url).netloc}
    assert blocked == []
    context.close()


@pytest.mark.slow
def test_a_first_search_at_a_thousand_cases_fetches_a_small_part_of_the_index(browser, tmp_path):
    """Measured, not timed: the bytes a first search fetches (with the CPU slowed down 4x, as on a phone)
    are printed with the time to the first result; the test holds the bytes to the budget of 300 KB
    gzip, which does not depend on the machine. benchmarks/scale.py reports both at 100 to 5,000 cases."""
    import os
    import subprocess
    import sys

    from support import ROOT, project_without_data

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from search_cost import first_search

    project = project_without_data(tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "LOCAL_BUILD": "true"}
    # The real data plus 1,000 made-up cases (run in this project, whose data it starts from).
    subprocess.run([sys.executable, "-m", "companion", "synth", "1000", "--out", str(project / "data")],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, env=env,
                   check=True, capture_output=True, timeout=1200)
    whole_index = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()) / 1024
    cost = first_search(site, "attribution", browser=browser)
    print(f"\n1,032 cases: first search {cost}; Pagefind's whole bundle {whole_index:.0f} KB unzipped")
    assert cost["first search KB gz"] <= 300
    assert cost["first search KB gz"] < whole_index / 4  # a fraction of the index, not all of it
