"""The case explorer filters and sorts, the timeline links to cases, claim anchors land on the claim."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from companion.pipeline import check_data

MODEL = check_data(Path(__file__).resolve().parents[2] / "data").model


def visible_case_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#case-explorer tbody tr:not([hidden]) td:first-child a",
        "links => links.map(a => new URL(a.href).pathname.split('/').filter(Boolean).pop())")


def test_explorer_filters_by_threat_kind_country_and_years(page, base_url):
    page.goto(f"{base_url}/cases/")
    form = page.locator("form.case-filters")
    assert form.is_visible()
    all_ids = sorted(visible_case_ids(page))
    assert all_ids == sorted(c.id for c in MODEL.cases)

    page.select_option("select[name=threat]", "disinformation")
    expected = {c.id for c in MODEL.cases if "disinformation" in c.threats}
    assert set(visible_case_ids(page)) == expected
    assert page.locator("output[name=shown]").inner_text() == f"{len(expected)} of {len(all_ids)} cases"

    page.click("form.case-filters button[type=reset]")
    page.select_option("select[name=kind]", "agreement")
    assert set(visible_case_ids(page)) == {c.id for c in MODEL.cases if c.kind == "agreement"}

    page.click("form.case-filters button[type=reset]")
    page.select_option("select[name=country]", "SE")
    actors = MODEL.by_id["actor"]
    in_sweden = {c.id for c in MODEL.cases
                 if "SE" in {actors[a].country for a in [*(p.actor for p in (*c.initiators, *c.receivers)),
                                                         *c.parties]}}
    assert set(visible_case_ids(page)) == in_sweden and in_sweden

    page.click("form.case-filters button[type=reset]")
    page.fill("input[name=from]", "2014")
    page.fill("input[name=to]", "2015")
    overlapping = {c.id for c in MODEL.cases if int(c.start[:4]) <= 2015 and int((c.end or c.start)[:4]) >= 2014}
    assert set(visible_case_ids(page)) == overlapping

    page.click("form.case-filters button[type=reset]")
    # A locator, not wait_for_function: that compiles its text with eval, which the site's CSP forbids.
    expect(page.locator("#case-explorer tbody tr[hidden]")).to_have_count(0)
    assert sorted(visible_case_ids(page)) == all_ids


def test_explorer_sorts_by_start_both_ways(page, base_url):
    page.goto(f"{base_url}/cases/")
    by_start = [c.id for c in sorted(MODEL.cases, key=lambda c: (c.start, c.id))]
    page.click("th[data-sort=start] button")
    assert page.get_attribute("th[data-sort=start]", "aria-sort") == "ascending"
    assert visible_case_ids(page) == by_start
    page.click("th[data-sort=start] button")
    assert page.get_attribute("th[data-sort=start]", "aria-sort") == "descending"
    starts = [MODEL.by_id["case"][i].start for i in visible_case_ids(page)]
    assert starts == sorted(starts, reverse=True)


def test_explorer_table_is_complete_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/cases/")
    assert page.locator("#case-explorer tbody tr").count() == len(MODEL.cases)
    assert not page.locator("form.case-filters").is_visible()  # no controls that would do nothing
    context.close()


@pytest.mark.parametrize("url", ["/cases/", "/paper/challenges/", "/cases/bundestag-hack-2015/"])
def test_pages_do_not_move_while_they_load(page, base_url, url):
    """Nothing that appears once scripts run (the explorer's filters) pushes the text down."""
    page.goto(base_url + url, wait_until="networkidle")
    shifted = page.evaluate("""() => new Promise(resolve => {
        let total = 0;
        new PerformanceObserver(list => list.getEntries().forEach(entry => { total += entry.value; }))
            .observe({type: "layout-shift", buffered: true});
        setTimeout(() => resolve(total), 200);
    })""")
    assert shifted < 0.01


def test_timeline_marks_open_their_cases(page, base_url):
    page.goto(f"{base_url}/cases/timeline/")
    marks = page.locator("svg.timeline a")
    assert marks.count() == len(MODEL.cases)
    case = sorted(MODEL.cases, key=lambda c: (c.start, c.id))[0]
    marks.first.locator("rect").click()
    page.wait_for_url(f"{base_url}/cases/{case.id}/")
    assert page.locator("h1").inner_text().removesuffix("¶").strip() == case.title


@pytest.mark.parametrize("claim_id", ["c18", "c9"])
def test_claim_anchor_scrolls_to_the_claim(page, base_url, claim_id):
    claim = MODEL.by_id["claim"][claim_id]
    page.goto(f"{base_url}/paper/{claim.section}/#{claim_id}")
    heading = page.locator(f"#{claim_id}")
    page.wait_for_timeout(300)
    box = heading.bounding_box()
    assert page.evaluate("window.scrollY") > 0
    assert 0 <= box["y"] < 300, "the claim's heading should be at the top of the window"
