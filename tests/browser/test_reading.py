"""How readers meet the site: accessible (axe), private (no other hosts), on phones, dark, searchable."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, search_results

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
PAGE_TYPES = ["/", "/paper/", "/paper/challenges/", "/references/", "/references/adesina2017/", "/threats/",
              "/threats/espionage/", "/cases/", "/cases/bundestag-hack-2015/", "/cases/timeline/", "/cases/matrix/",
              "/actors/", "/actors/de/",
              "/norms/", "/norms/vcdr-art-24/", "/downloads/", "/about/", "/contributing/", "/changelog/"]


@pytest.fixture(scope="session")
def axe_source() -> str:
    script = REFERENCE / "node_modules" / "axe-core" / "axe.min.js"
    # Installed with the test command, not by the test: no test fetches packages from the network.
    assert script.exists(), "axe-core is missing: run `npm ci --prefix tests/reference` (as the README says)"
    return script.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)  # not a <script> tag: the site's CSP blocks inline scripts it did not ship
    result = page.evaluate("""() => axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
    return [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_no_accessibility_violations(page, base_url, url, axe_source):
    page.goto(base_url + url, wait_until="networkidle")
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("url", ["/", "/paper/challenges/", "/cases/"])
def test_no_accessibility_violations_in_dark_mode(page, base_url, url, axe_source):
    page.emulate_media(color_scheme="dark")
    page.goto(base_url + url, wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_no_request_leaves_the_site(browser, base_url, url):
    context = browser.new_context()
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto(base_url + url, wait_until="networkidle")
    page.fill("input.md-search__input", "sanctions")  # the search worker and index load too
    page.wait_for_timeout(500)
    context.close()
    assert hosts == {urlparse(base_url).netloc}


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_no_page_scrolls_sideways_on_a_phone(browser, base_url, url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(base_url + url, wait_until="networkidle")
    # A phone's browser widens its viewport to fit a page that is too wide, so compare with the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    # Nor is anything cut off at the screen's edge, unless it sits in a box that scrolls (a wide table).
    cut_off = page.evaluate("""() => {
        const scrolls = element => {
            for (let box = element.parentElement; box; box = box.parentElement) {
                if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return true;
            }
            return false;
        };
        return [...document.querySelectorAll(".md-content *")]
            .filter(element => element.getBoundingClientRect().right > screen.width + 1 && !scrolls(element))
            .map(element => element.outerHTML.slice(0, 80)).slice(0, 3);
    }""")
    context.close()
    assert width <= 375, f"{url} is {width} px wide on a 375 px screen"
    assert cut_off == [], f"{url}: cut off at the right edge of a phone's screen"


def test_dark_mode_switch_works_and_is_remembered(page, base_url):
    page.goto(base_url + "/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    before = page.evaluate(scheme)
    page.click("form[data-md-component=palette] label:visible")
    after = page.evaluate(scheme)
    assert {before, after} == {"default", "slate"}
    page.goto(base_url + "/cases/")
    assert page.evaluate(scheme) == after


def test_search_finds_a_case_by_a_word_of_its_summary(page, base_url):
    page.goto(base_url + "/", wait_until="networkidle")
    results = search_results(page, "Riksdag")
    hrefs = [urlparse(a).path for a in results.evaluate_all("links => links.map(a => a.href)")]
    assert any(h.startswith("/cases/sweden-nato-disinformation-2014/") for h in hrefs), hrefs


def test_the_search_index_is_fetched_only_when_the_reader_searches(page, base_url):
    fetched = []
    page.on("request", lambda request: fetched.append(urlparse(request.url).path))
    page.goto(base_url + "/cases/bundestag-hack-2015/", wait_until="networkidle")
    page.mouse.wheel(0, 3000)
    page.locator(".cite-formats > label", has_text="RIS").last.click()
    page.wait_for_timeout(500)
    assert not [path for path in fetched if "/pagefind/" in path or "search_index" in path]  # reading costs none
    results = search_results(page, "Riksdag")
    assert "/pagefind/pagefind.js" in fetched and results.count() > 0
    # Pagefind's fragments only: Material's index of the whole site is never fetched on the served site.
    assert "/search/search_index.json" not in fetched


def test_the_search_shortcut_loads_the_search(page, base_url):
    fetched = []
    page.on("request", lambda request: fetched.append(urlparse(request.url).path))
    page.goto(base_url + "/", wait_until="networkidle")
    assert "/pagefind/pagefind.js" not in fetched
    # Wait for the request itself: the page may already count as idle when the key is pressed.
    with page.expect_request(lambda request: urlparse(request.url).path == "/pagefind/pagefind.js"):
        page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")


def test_json_downloads_are_served(page, base_url):
    response = page.goto(base_url + "/downloads/cases.json")
    assert response.status == 200
    from companion.pipeline import check_data

    served = json.loads(response.body())
    assert sorted(case["id"] for case in served) == sorted(case.id for case in check_data(ROOT / "data").model.cases)


def test_glossary_terms_explain_themselves_on_keyboard_focus(page, base_url):
    from companion.pipeline import check_data
    from companion.render.blocks import first_sentence

    glossary = check_data(REFERENCE.parents[1] / "data").model.glossary
    definitions = {spelling: first_sentence(t.definition) for t in glossary for spelling in (t.term, *t.also)}
    page.goto(base_url + "/paper/introduction/")
    page.keyboard.press("Tab")
    for _ in range(200):  # tab through the page until the first glossary term has focus
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    # Material opens the tooltip a moment after the focus.
    page.locator(":focus[aria-describedby]").wait_for()
    tooltip_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    tooltip = page.locator(f"#{tooltip_id}")
    tooltip.wait_for(state="visible")
    term = page.evaluate("document.activeElement.textContent")
    assert " ".join(tooltip.inner_text().split()) == " ".join(definitions[term].split())
