"""Copying a citation puts the chosen format on the clipboard, with today's date as the access date."""

from __future__ import annotations

import datetime as dt
import json

import bibtexparser
import pytest
import rispy


@pytest.fixture
def clipboard_page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    yield page
    context.close()


def today_in_browser(page) -> dt.date:
    return dt.date.fromisoformat(page.evaluate(
        "(() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0')"
        " + '-' + String(d.getDate()).padStart(2, '0'); })()"))


def test_copy_a_styled_citation_with_todays_date(clipboard_page, base_url):
    page = clipboard_page
    page.goto(f"{base_url}/cases/bundestag-hack-2015/")
    box = page.locator(".cite-box").last
    box.locator(".cite-formats > label", has_text="Harvard").click()
    box.locator(".cite-format").nth(3).locator("button.copy-citation").click()
    page.wait_for_timeout(200)
    copied = page.evaluate("navigator.clipboard.readText()")
    today = today_in_browser(page)
    assert copied.startswith("Hack of the German Bundestag (2015) and the EU sanctions of 2020 (")
    assert f"(Accessed: {today.day} {today:%B} {today.year})." in copied
    assert "[date accessed]" not in copied


def test_copy_bibtex_with_todays_date(clipboard_page, base_url):
    page = clipboard_page
    page.goto(f"{base_url}/paper/challenges/")
    box = page.locator(".cite-box").last
    box.locator(".cite-formats > label", has_text="BibTeX").click()
    box.locator(".cite-format").nth(4).locator("button.copy-citation").click()
    page.wait_for_timeout(200)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@online{page-paper-challenges,")
    today = today_in_browser(page)
    assert f"urldate = {{{today.isoformat()}}}" in copied
    assert bibtexparser.parse_string(copied).entries[0]["urldate"] == today.isoformat()
    # RIS and CSL-JSON get today's date in their own fields too, and stay parseable.
    ris_text = box.locator("pre.cite-export[data-format=ris]").text_content()
    assert rispy.loads(ris_text)[0]["access_date"] == f"{today:%Y/%m/%d}/"
    csl = json.loads(box.locator("pre.cite-export[data-format=csl-json]").text_content())
    assert csl[0]["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}


def test_without_javascript_the_citation_shows_a_placeholder(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/cases/bundestag-hack-2015/")
    harvard = page.locator(".cite-box").last.locator("p.citation[data-style=harvard]")
    assert "(Accessed: [date accessed])" in harvard.text_content()
    context.close()


def test_a_claims_folded_cite_box_works_once_opened(clipboard_page, base_url):
    page = clipboard_page
    page.goto(f"{base_url}/paper/challenges/")
    claim = page.locator("details.cite-claim").first
    claim.locator("summary").click()
    claim.locator(".cite-formats > label", has_text="Harvard").click()
    claim.locator(".cite-format").nth(3).locator("button.copy-citation").click()
    page.wait_for_timeout(200)
    copied = page.evaluate("navigator.clipboard.readText()")
    today = today_in_browser(page)
    assert "/paper/challenges/#c" in copied
    assert f"(Accessed: {today.day} {today:%B} {today.year})." in copied


@pytest.mark.parametrize("url", ["/cases/bundestag-hack-2015/", "/paper/challenges/"])
def test_a_page_prints_without_navigation_and_with_its_citation(page, base_url, url):
    page.goto(base_url + url, wait_until="networkidle")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".cite-claim"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} would be printed"
    citations = page.locator(".cite-box").last.locator(".citation")  # the page's own, at its end
    assert [citations.nth(i).is_visible() for i in range(citations.count())][:2] == [True, False]  # one style
    assert page.pdf(format="A4").startswith(b"%PDF")


def test_a_printed_link_to_another_site_shows_its_address(page, base_url):
    page.goto(base_url + "/cases/bundestag-hack-2015/", wait_until="networkidle")
    page.emulate_media(media="print")
    link = page.locator('.md-content a[href^="http"]:not(.cite-format a)').first
    assert link.get_attribute("href") in link.evaluate("a => getComputedStyle(a, '::after').content")


def test_a_printed_reference_entry_shows_its_address_once(page, base_url):
    page.goto(base_url + "/references/", wait_until="networkidle")
    page.emulate_media(media="print")
    link = page.locator("#coe2001 + .styled-reference p.citation a").first
    assert link.text_content() == "https://rm.coe.int/1680081561"  # the entry prints the address itself…
    assert link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")  # …and only once


def test_the_chosen_format_is_remembered_in_every_box_and_on_the_next_page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/paper/challenges/")
    page.locator(".cite-box").last.locator(".cite-formats > label", has_text="MLA 9").click()
    # Every box on the page shows MLA now, folded claim boxes included…
    checked = page.eval_on_selector_all(
        ".cite-formats > input:checked",
        "inputs => inputs.map(i => document.querySelector(`label[for='${i.id}']`).textContent)")
    assert checked and set(checked) == {"MLA 9"}
    # …and so does the next page, and the references page's style switch.
    page.goto(f"{base_url}/cases/bundestag-hack-2015/")
    assert page.locator(".cite-box").last.locator("p.citation[data-style=mla]").is_visible()
    page.goto(f"{base_url}/references/")
    assert page.locator("form.style-switch select").input_value() == "mla"
    assert page.locator(".styled-reference p.citation[data-style=mla]").first.is_visible()
    context.close()


def test_where_copying_is_blocked_the_citation_is_selected_and_the_reader_told(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    page.goto(f"{base_url}/cases/bundestag-hack-2015/")
    box = page.locator(".cite-box").last
    box.locator(".cite-format").first.locator("button.copy-citation").click()
    status = box.locator(".cite-format").first.locator(".copy-status")
    assert "press Ctrl+C" in status.text_content()
    selected = page.evaluate("window.getSelection().toString()")
    assert selected.startswith("Hack of the German Bundestag (2015)")
    context.close()


def test_the_cite_button_at_the_top_leads_to_the_pages_citation(page, base_url):
    page.goto(f"{base_url}/threats/espionage/")
    page.locator("a.cite-top").click()
    page.wait_for_url("**#cite")  # not wait_for_function: its text would be compiled with eval, which the CSP forbids
    assert page.locator("#cite").is_visible()
    box = page.locator(".cite-box").last
    assert box.is_visible() and box.bounding_box()["y"] < 900


def test_the_references_list_shows_every_entry_in_the_style_chosen(page, base_url):
    page.goto(f"{base_url}/references/")
    entries = page.locator(".styled-reference")
    total = entries.count()
    assert total > 100  # every source of the site
    shown = ".styled-reference > p.citation:visible"
    # Before a choice: APA, one entry each.
    assert page.eval_on_selector_all(shown, "ps => ps.map(p => p.dataset.style)") == ["apa"] * total
    page.locator("form.style-switch select").select_option("chicago")
    # Each entry now shows its Chicago form, and only that: the style's entries were put into the page.
    assert page.eval_on_selector_all(shown, "ps => ps.map(p => p.dataset.style)") == ["chicago"] * total
    adesina = page.locator("#adesina2017 + .styled-reference > p.citation:visible")
    assert adesina.text_content().startswith("Adesina, Olubukola S. 2017. “Foreign Policy in an Era of Digital")
    # And back: APA was never taken out of the page.
    page.locator("form.style-switch select").select_option("apa")
    assert page.eval_on_selector_all(shown, "ps => ps.map(p => p.dataset.style)") == ["apa"] * total
