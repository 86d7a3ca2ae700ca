"""The newer-edition banner, in Chromium: a throwaway repository's editions 1.0.0 and 1.1.0 and its newer HEAD
(tests/support.py), published together and served on 127.0.0.1 as they would be."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from test_reading import axe_source, axe_violations  # noqa: F401  (axe_source is a fixture)

from conftest import served
from support import GONE_PAGE, edited_case


@pytest.fixture(scope="module")
def editions_url(throwaway_editions):
    _, out = throwaway_editions
    with served(out) as url:
        yield url


@pytest.fixture(scope="module")
def case(throwaway_editions) -> str:
    return edited_case(throwaway_editions[0])


def banner(page):
    return page.get_by_role("region", name="Newer edition")


def test_an_older_edition_links_to_the_same_page_in_the_latest_site(page, editions_url, case):
    page.goto(f"{editions_url}/1.0.0/cases/{case}/", wait_until="networkidle")
    notice = banner(page)
    notice.wait_for()
    assert "edition 1.0.0" in notice.inner_text() and "newer edition (1.1.0)" in notice.inner_text()
    link = notice.get_by_role("link", name="Read this page in the latest version")
    assert urlparse(link.get_attribute("href")).path == f"/cases/{case}/"
    # The link is reached from the keyboard, after the theme's "Skip to content".
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.edition-banner') !== null"):
            break
    assert page.evaluate("document.activeElement.textContent") == "Read this page in the latest version"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{editions_url}/cases/{case}/")
    page.wait_for_load_state("networkidle")
    assert banner(page).count() == 0  # the latest site has no banner


def test_the_banner_keeps_the_part_of_the_page_a_link_pointed_to(page, editions_url):
    page.goto(f"{editions_url}/1.0.0/references/#cite", wait_until="networkidle")
    link = banner(page).get_by_role("link")
    link.wait_for()
    assert urlparse(link.get_attribute("href"))[2:] == ("/references/", "", "", "cite")


def test_a_page_deleted_since_says_so_and_links_to_the_latest_home(page, editions_url):
    page.goto(f"{editions_url}/1.0.0/{GONE_PAGE}/", wait_until="networkidle")
    notice = banner(page)
    notice.wait_for()
    assert "this page is no longer in the latest version" in notice.inner_text()
    link = notice.get_by_role("link", name="Go to the latest version's home page")
    assert urlparse(link.get_attribute("href")).path == "/"


def test_the_newest_edition_and_the_latest_site_show_no_banner(page, editions_url, case):
    for path in (f"/1.1.0/cases/{case}/", f"/cases/{case}/", "/"):
        page.goto(editions_url + path, wait_until="networkidle")
        page.wait_for_selector(".md-version")  # the selector is drawn once versions.json has been read
        assert banner(page).count() == 0, path


def test_one_version_selector_everywhere_leading_to_the_same_page(page, editions_url, case):
    # In an edition, Material draws its own (extra.version.provider: mike, ../versions.json).
    page.goto(f"{editions_url}/1.0.0/cases/{case}/", wait_until="networkidle")
    page.wait_for_selector(".md-version")
    assert page.locator(".md-version").count() == 1
    hrefs = [urlparse(h).path for h in page.locator(".md-version__link").evaluate_all("l => l.map(a => a.href)")]
    assert hrefs == ["/1.1.0/", "/1.0.0/"]
    # On the latest site, which sits above the editions, the site's own script draws it, with the latest first.
    page.goto(f"{editions_url}/cases/{case}/", wait_until="networkidle")
    page.wait_for_selector(".md-version")
    assert page.locator(".md-version").count() == 1
    links = page.locator(".md-version__link")
    assert [urlparse(h).path for h in links.evaluate_all("l => l.map(a => a.href)")] == ["/", "/1.1.0/", "/1.0.0/"]
    page.locator(".md-version__current").focus()  # the list opens on keyboard focus
    links.nth(2).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{editions_url}/1.0.0/cases/{case}/")


def test_the_banner_and_the_selector_are_accessible(page, editions_url, case, axe_source):  # noqa: F811
    page.goto(f"{editions_url}/1.0.0/cases/{case}/", wait_until="networkidle")
    banner(page).wait_for()
    page.wait_for_selector(".md-version")
    # Material's own selector button is named "Select version" while it shows the version (axe's best-practice
    # rule label-content-name-mismatch): the theme's markup, not the site's, so that one rule is left out here.
    page.evaluate(axe_source)
    result = page.evaluate("""() => axe.run({exclude: [['.md-version__current']]}, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
    assert [v["id"] for v in result["violations"]] == []
    assert page.locator(".edition-banner").evaluate("e => e.getBoundingClientRect().height") > 0
    # The latest site's selector is the site's own: checked whole.
    page.goto(f"{editions_url}/cases/{case}/", wait_until="networkidle")
    page.wait_for_selector(".md-version")
    assert axe_violations(page, axe_source) == []


@pytest.fixture(scope="module")
def older_theme_url(throwaway_editions, tmp_path_factory):
    """The same editions, but one page of 1.0.0 as a theme before editions made it (0.5.0 and older): without
    the script, which the editions builder then adds, pointing at the latest site's copy."""
    import re
    import shutil

    from companion.editions import with_banner_script

    repo, out = throwaway_editions
    copy = tmp_path_factory.mktemp("older-theme") / "site"
    shutil.copytree(out, copy)
    page = copy / "1.0.0" / "cases" / edited_case(repo) / "index.html"
    own = re.sub(r"<script [^>]*data-companion-editions[^>]*></script>", "", page.read_text(encoding="utf-8"))
    assert "data-companion-editions" not in own
    page.write_text(with_banner_script(own, "1.0.0", depth=2), encoding="utf-8")
    with served(copy) as url:
        yield url


def test_a_page_whose_theme_predates_editions_gets_the_banner_from_the_latest_site(page, older_theme_url, case):
    scripts = []
    page.on("request", lambda request: scripts.append(urlparse(request.url).path) if request.resource_type == "script"
            else None)
    page.goto(f"{older_theme_url}/1.0.0/cases/{case}/", wait_until="networkidle")
    link = banner(page).get_by_role("link", name="Read this page in the latest version")
    link.wait_for()
    assert urlparse(link.get_attribute("href")).path == f"/cases/{case}/"
    assert "/javascripts/editions.js" in scripts and "/1.0.0/javascripts/editions.js" not in scripts
