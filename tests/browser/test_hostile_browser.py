"""The hostile site (a payload in every free-text field, see tests/test_hostile.py) in Chromium:
hovering and focusing every tooltip, opening every citation format and searching run nothing.

Twice: once with the Content-Security-Policy switched off, which tests the escaping on its own
(on 0.3.1 a glossary definition ran script from its tooltip), and once with it on, where
nothing may even try to run (the policy would report it).
"""

from __future__ import annotations

import pytest

from conftest import csp_violations, search_results, served
from support import INERT_PAYLOADS


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with served(hostile_site) as url:
        yield url


def pages_of(site) -> list[str]:
    return sorted("/" + p.relative_to(site).as_posix().removesuffix("index.html")
                  for p in site.rglob("index.html") if "assets" not in p.parts)


def use_everything(page) -> int:
    """Hover and focus every element with a tooltip, open every folded box and cite tab, choose every citation
    style; how many were used."""
    used = 0
    # Handles, not locators: Material removes an element's title while its tooltip shows.
    for element in page.query_selector_all(".md-content [title]:not(a.headerlink)"):
        if element.is_visible():
            element.hover()
            element.focus()
            used += 1
    for summary in page.locator("details > summary").all():
        if summary.is_visible():
            summary.click()
    for label in page.locator(".cite-formats label").all():
        if label.is_visible():
            label.click()
            used += 1
    # The references list puts a style's entries into the page when it is chosen (from <template>s).
    switch = page.locator("form.style-switch select")
    if switch.count() and switch.is_visible():
        for style in switch.locator("option").all():
            switch.select_option(style.get_attribute("value"))
            used += 1
    return used


@pytest.mark.parametrize("policy", ["escaping alone", "with the policy"])
def test_nothing_from_data_runs_anywhere_on_the_site(browser, hostile_site, hostile_url, policy):
    context = browser.new_context(bypass_csp=policy == "escaping alone", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked = csp_violations(page)
    try:
        used = 0
        urls = pages_of(hostile_site)
        assert len(urls) > 20
        for url in urls:
            page.goto(hostile_url + url)
            used += use_everything(page)
            page.wait_for_timeout(50)  # an onerror handler runs after the failed image load
            assert page.evaluate("typeof window.__pwned") == "undefined", f"script from data ran on {url}"
        assert used > 100
        page.goto(hostile_url + "/")
        results = search_results(page, "onerror")  # the results show the payloads' text
        assert results.count() >= 1
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined", "script from data ran in search results"
        # A page's summary, shown under its result, is the payload's text: tags and entities as typed.
        snippets = " ".join(page.locator(".md-search-result__article > p:not(.search-type)").all_inner_texts())
        assert INERT_PAYLOADS["raw-tags"].split("<script>")[0] in snippets
        assert INERT_PAYLOADS["entity-encoded"] in snippets
    finally:
        context.close()
    assert blocked == [], f"something on the hostile site tried to run: {blocked[:3]}"


def test_a_shortened_navigation_label_shows_its_tooltip_as_text(browser, hostile_url):
    # Material puts a cut-short label's text into a tooltip as HTML: the payload in a page title would run
    # on hover without docs/javascripts/accessibility.js. Tested with the policy off, so escaping alone counts.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(hostile_url + "/paper/body/")
    link = page.locator(".md-sidebar--primary a.md-nav__link[title]").first
    link.wait_for(state="attached")
    label = link.locator(".md-ellipsis").inner_text()
    link.hover()
    tooltip = page.locator(".md-tooltip2__inner").last
    tooltip.wait_for()
    assert tooltip.inner_text() == label  # the payload shown as text…
    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.__pwned") == "undefined"  # …and not run
    context.close()


def test_download_these_saves_exactly_the_cases_shown(browser, hostile_url):
    """The "Download these" buttons keep the rows of cases.csv and cases.json whose id is shown, and no
    other: not even a case called "constructor" (a valid id, and a property every JavaScript object has)."""
    import csv
    import io
    import json

    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked = csp_violations(page)

    def with_hidden_case(route):
        response = route.fetch()
        text = response.text()
        if route.request.url.endswith(".csv"):
            columns = text.split("\r\n", 1)[0].count(",") + 1
            text += "constructor" + "," * (columns - 1) + "\r\n"
        else:
            text = json.dumps([*json.loads(text), {"id": "constructor"}])
        route.fulfill(response=response, body=text)

    page.route("**/downloads/cases.*", with_hidden_case)
    try:
        page.goto(hostile_url + "/cases/?threat=phishing")
        shown = page.eval_on_selector_all("#case-explorer tbody tr:not([hidden])",
                                          "rows => rows.map(r => r.getAttribute('data-id'))")
        hidden = page.locator("#case-explorer tbody tr[hidden]").count()
        assert shown and hidden, "the filter should hide some of the hostile site's cases, and show some"
        saved = {}
        for fmt in ("csv", "json"):
            with page.expect_download() as download:
                page.click(f"button[data-download={fmt}]")
            saved[fmt] = download.value.path().read_text(encoding="utf-8-sig")
        assert [row["id"] for row in csv.DictReader(io.StringIO(saved["csv"], newline=""))] == sorted(shown)
        assert [case["id"] for case in json.loads(saved["json"])] == sorted(shown)
        assert page.evaluate("typeof window.__pwned") == "undefined"
    finally:
        context.close()
    assert blocked == []


def test_the_version_selector_lists_only_version_numbers_and_stays_on_the_site(browser, hostile_url):
    """versions.json holds version numbers (the editions builder writes the tags' X.Y.Z): any other entry,
    an address above all, is left out, so no edition link can lead to another host or break the selector."""
    import json

    versions = [None, 5, {"version": 7}, {"version": "//evil.example", "title": "evil"},
                {"version": "https://evil.example/x", "title": "evil"}, {"version": "javascript:window.__pwned=1//"},
                {"version": "1.1.0", "title": {"not": "text"}}, {"version": "1.0.0", "title": "1.0.0"}]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/versions.json", lambda route: route.fulfill(status=200, content_type="application/json",
                                                               body=json.dumps(versions)))
    try:
        page.goto(hostile_url + "/cases/")
        page.locator(".md-version__link").first.wait_for(state="attached")
        links = page.eval_on_selector_all(".md-version__link", "links => links.map(a => [a.textContent, a.href])")
    finally:
        context.close()
    assert links == [["latest", hostile_url + "/"], ["1.1.0", hostile_url + "/1.1.0/"],
                     ["1.0.0", hostile_url + "/1.0.0/"]]
    assert errors == []
