"""Finding and taking away cases: a filtered view of the explorer can be shared by its address and
downloaded as it is shown; phones get cards and a timeline list instead of sideways scrolling; a page
prints with a header that says what and when it is."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from companion.pipeline import check_data
from companion.render.explore import threat_with_ancestors

MODEL = check_data(Path(__file__).resolve().parents[2] / "data").model


def _shown(page) -> list[str]:
    return page.eval_on_selector_all("#case-explorer tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")


def _expected_disinformation_2016_2020() -> set[str]:
    """Counted from the data, as a reader would: disinformation cases whose years meet 2016-2020."""
    return {c.id for c in MODEL.cases
            if "disinformation" in threat_with_ancestors(c.threats, MODEL)
            and int((c.end or c.start)[:4]) >= 2016 and int(c.start[:4]) <= 2020}


def test_a_filtered_address_opens_the_explorer_filtered(page, base_url):
    page.goto(f"{base_url}/cases/?threat=disinformation&from=2016&to=2020")
    expected = _expected_disinformation_2016_2020()
    assert expected, "the data has disinformation cases in those years"
    assert set(_shown(page)) == expected
    assert page.locator("select[name=threat]").input_value() == "disinformation"
    assert page.locator("input[name=from]").input_value() == "2016"
    assert page.locator("output[name=shown]").inner_text() == f"{len(expected)} of {len(MODEL.cases)} cases"


def test_changing_a_filter_changes_the_address_for_sharing(page, base_url):
    page.goto(f"{base_url}/cases/")
    page.select_option("select[name=kind]", "agreement")
    page.fill("input[name=from]", "2015")
    assert page.evaluate("location.search") == "?kind=agreement&from=2015"
    shared = page.url
    page.goto(f"{base_url}/")
    page.goto(shared)
    assert set(_shown(page)) == {c.id for c in MODEL.cases
                                 if c.kind == "agreement" and int((c.end or c.start)[:4]) >= 2015}
    page.click("form.case-filters button[type=reset]")
    # Polled from here: a predicate string evaluated in the page would be refused by its CSP (no eval).
    for _ in range(50):
        if page.evaluate("location.search") == "":
            break
        page.wait_for_timeout(100)
    assert page.evaluate("location.search") == ""


def test_an_unknown_value_in_the_address_is_ignored(page, base_url):
    page.goto(f"{base_url}/cases/?threat=%3Cscript%3E&from=20x16&kind=agreement")
    assert page.locator("select[name=threat]").input_value() == ""
    assert page.locator("input[name=from]").input_value() == ""
    assert set(_shown(page)) == {c.id for c in MODEL.cases if c.kind == "agreement"}


def test_download_these_gives_the_cases_shown(page, base_url):
    page.goto(f"{base_url}/cases/?threat=disinformation&from=2016&to=2020")
    expected = _expected_disinformation_2016_2020()
    with page.expect_download() as download:
        page.click("button[data-download=csv]")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert {row["id"] for row in rows} == expected
    assert all(row["url"].startswith("http") and row["summary"] for row in rows)
    with page.expect_download() as download:
        page.click("button[data-download=json]")
    cases = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert {case["id"] for case in cases} == expected
    assert page.locator("output[name=shown]").inner_text() == f"{len(expected)} cases saved as JSON"


def _sideways(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")


def test_on_a_phone_the_explorer_and_timeline_do_not_scroll_sideways(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for address in ("/cases/", "/cases/timeline/"):
        page.goto(base_url + address)
        assert _sideways(page) <= 0, address
    page.goto(f"{base_url}/cases/")
    first = page.locator("#case-explorer tbody tr").first
    box = first.bounding_box()
    assert box["width"] <= 375, "a case is a card as wide as the screen at most"
    # Each line of the card says what it is (a label drawn before the cell's text).
    label = first.locator("td[data-label=Kind]").evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Kind: "', label
    page.goto(f"{base_url}/cases/timeline/")
    assert not page.locator("svg.timeline").is_visible()
    assert page.locator(".timeline-list li > a").count() == len(MODEL.cases)
    context.close()


def test_print_has_a_button_and_a_header_with_address_version_and_date(page, base_url):
    page.goto(f"{base_url}/cases/bundestag-hack-2015/")
    button = page.locator("button.print-top")
    assert button.is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    header = page.locator(".print-header")
    assert header.is_visible() and not button.is_visible()
    text = " ".join(header.inner_text().split())
    assert "Digital Diplomacy, Checked" in text and "/cases/bundestag-hack-2015/" in text and "Version" in text
    assert "printed " in text and any(str(year) in text for year in range(2026, 2100))
    # A source from the references prints as its full entry, not only its short label.
    assert page.locator(".print-entry").first.is_visible()
    page.emulate_media(media="screen")
    assert not header.is_visible()


def test_tab_stops_only_where_they_add_something(page, base_url):
    """¶ links leave the Tab order (the table of contents reaches every heading); a glossary term is a stop
    at its first use on the page, where its definition can be shown, and not at every use."""
    page.goto(f"{base_url}/paper/challenges/")
    assert page.locator("a.headerlink").count() > 5
    assert page.eval_on_selector_all("a.headerlink", "links => links.every(a => a.tabIndex === -1)")
    stops = page.eval_on_selector_all(
        "article abbr[title]", "terms => terms.map(t => [t.textContent.trim().toLowerCase(), t.tabIndex])")
    first_uses = {}
    for term, index in stops:
        first_uses.setdefault(term, index)
    assert first_uses and set(first_uses.values()) == {0}
    assert sum(1 for _, index in stops if index == 0) == len(first_uses)
    # The first use can still be reached with the keyboard, and shows the definition.
    term = page.locator("article abbr[title]").first
    term.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"



def test_every_study_guide_prints_on_one_sheet(page, base_url):
    """A handout a lecturer can copy for a seminar: one A4 or US Letter page, with the printed header."""
    import re

    guides = [s.id for s in MODEL.sections if s.guide]
    assert len(guides) == len(MODEL.sections)
    for section in guides:
        page.goto(f"{base_url}/guides/{section}/")
        for paper in ("A4", "Letter"):
            pdf = page.pdf(format=paper)
            assert re.findall(rb"/Count (\d+)", pdf) == [b"1"], f"{section} takes more than one {paper} page"
