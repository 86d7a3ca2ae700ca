"""The real site builds with `mkdocs build --strict`, links both ways, and loads nothing from other hosts."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup

from companion import urls
from support import ROOT, VALID, missing_addresses, project_without_data, write_config_for_fixture

# Builds whole sites with MkDocs.
pytestmark = pytest.mark.slow

# LOCAL_BUILD: these sites are read here, at the default http://127.0.0.1:8000/ (a build for publishing refuses it).
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "LOCAL_BUILD": "true"}


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=project, env={**ENV, **env}, capture_output=True, text=True, timeout=600)


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(soup: BeautifulSoup) -> BeautifulSoup:
    return soup.select_one("article.md-content__inner")


def test_every_claim_has_its_anchor_and_verdict(site, model):
    for claim in model.claims:
        soup = page(site, urls.url_of_page(urls.page_of(claim)[0]))
        heading = soup.find(id=claim.id)
        assert heading is not None and heading.name == "h3", claim.id
        card = heading.find_parent("div", class_="claim-card")
        assert card.select_one(f".badge--{claim.verdict}") is not None, claim.id


def test_every_reference_keeps_its_anchor_and_its_page_links_back_to_where_it_is_cited(site, model):
    listing = page(site, "/references/")
    for reference in model.references:
        # Addresses published before references had pages of their own (/references/#id) still lead to the entry,
        # and the entry leads to the record.
        entry = listing.find(id=reference.id)
        assert entry is not None, reference.id
        record_url = urls.public_url(reference)
        assert record_url == f"/references/{reference.id}/"
        assert any(_resolves(a["href"], "/references/") == record_url for a in entry.find_all("a", href=True)), \
            reference.id
        # The list is in APA's order: MLA's "———" (same author as above) would name the wrong author.
        mla = entry.find_next_sibling(class_="styled-reference").find(attrs={"data-style": "mla"})
        assert not mla.get_text().startswith("———"), reference.id
    # Each claim's sources list that claim under "Cited in" on their own pages.
    for claim in model.claims:
        claim_url = urls.public_url(claim)
        for citation in (*claim.sources, *claim.paper_refs):
            record_url = f"/references/{citation.ref}/"
            cited_in = content(page(site, record_url)).find(id="cited-in").find_next("ul")
            assert any(_resolves(a["href"], record_url) == claim_url for a in cited_in.find_all("a", href=True)), \
                f"{citation.ref} does not link back to {claim.id}"


def test_a_sources_page_cites_the_work_itself_and_its_last_box_the_page(site, model):
    """A student on a source's page copies the work's citation, not one of the site's page (that is the box at
    the end). The work's CSL-JSON there is the item in the references download."""
    download = {item["id"]: item for item in json.loads((site / "downloads" / "references.json").read_text("utf-8"))}
    for reference in model.references:
        soup = content(page(site, f"/references/{reference.id}/"))
        first, last = soup.select(".cite-box")[0], soup.select(".cite-box")[-1]
        assert first.select_one(".cite-heading").get_text() == "This source"
        work = json.loads(first.select_one("pre[data-format=csl-json]").get_text())
        assert work == [download[reference.id]], reference.id
        cited_page = json.loads(last.select_one("pre[data-format=csl-json]").get_text())[0]
        assert cited_page["URL"].endswith(f"/references/{reference.id}/") and cited_page["type"] == "webpage"
        # Alone, an MLA entry never opens with "———" (the same author as the entry above: there is none).
        assert not first.select_one("p.citation[data-style=mla]").get_text().startswith("———"), reference.id


def _resolves(href: str, from_url: str) -> str:
    """A relative href, as the URL path it points to from the page at from_url."""
    from urllib.parse import urljoin

    return urlparse(urljoin("http://site" + from_url, href))._replace(scheme="", netloc="").geturl()


def test_claims_and_cases_link_both_ways(site, model):
    for case in model.cases:
        case_url = urls.public_url(case)
        case_links = {_resolves(a["href"], case_url) for a in content(page(site, case_url)).find_all("a", href=True)}
        for claim in model.claims:
            if case.id in claim.cases or claim.id in case.claims:
                assert urls.public_url(claim) in case_links, f"{case.id} page lacks {claim.id}"
                section_url = urls.url_of_page(urls.page_of(claim)[0])
                card = page(site, section_url).find(id=claim.id).find_parent("div", class_="claim-card")
                assert case_url in {_resolves(a["href"], section_url) for a in card.find_all("a", href=True)}


def test_threat_pages_list_their_cases(site, model):
    for threat in model.threats:
        threat_url = urls.public_url(threat)
        links = {_resolves(a["href"], threat_url) for a in content(page(site, threat_url)).find_all("a", href=True)}
        for case in model.cases:
            if threat.id in case.threats:
                assert urls.public_url(case) in links, f"{threat.id} page lacks {case.id}"


def test_no_page_loads_anything_from_another_host(site):
    checked = 0
    for html_file in site.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"),
                               ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
                               ("object", "data")):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if not value or (tag == "link" and "stylesheet" not in element.get("rel", [])
                                 and "preload" not in element.get("rel", []) and "icon" not in element.get("rel", [])):
                    continue
                checked += 1
                host = urlparse(value).netloc
                assert host in ("", "127.0.0.1:8000"), f"{html_file.relative_to(site)}: <{tag}> loads {value}"
    assert checked > 100
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8"), css


def test_a_build_with_bad_data_fails_with_the_problem_and_keeps_the_old_site(tmp_path):
    project = project_without_data(tmp_path / "project")
    shutil.copytree(ROOT / "data", project / "data")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}

    case = next((project / "data" / "cases").glob("[!_]*.yaml"))
    case.write_text(case.read_text(encoding="utf-8").replace("\nthreats:", "\nthreats: [not-a-threat]\nthreatz:", 1),
                    encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert f"data/cases/{case.name}:" in result.stderr + result.stdout
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_the_policy_allows_the_themes_scripts_and_redirects_but_none_in_page_content(tmp_path):
    """A script inside a page's content (which comes from Markdown, ultimately from data) gets no hash,
    so it could not run even if it slipped through the escaping; a redirect page's own script does."""
    from companion import csp

    project = project_without_data(tmp_path / "project")
    shutil.copytree(VALID, project / "data")
    (project / "docs").unlink()
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "docs" / "scripted.md").write_text("# Scripted\n\n<script>window.__pwned=1</script>\n",
                                                  encoding="utf-8")
    write_config_for_fixture(project, redirects='{"old-about.md": "about.md"}')
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    html = (tmp_path / "site" / "old-about" / "index.html").read_text(encoding="utf-8")
    hashes = csp.inline_script_hashes(html)
    assert len(hashes) == 1 and f"script-src 'self' 'wasm-unsafe-eval' {hashes[0]};" in html
    scripted = (tmp_path / "site" / "scripted" / "index.html").read_text(encoding="utf-8")
    injected = csp.inline_script_hashes("<script>window.__pwned=1</script>")[0]
    assert "<script>window.__pwned=1</script>" in scripted and injected not in scripted
    theme = csp.inline_script_hashes(scripted.replace("<script>window.__pwned=1</script>", ""))
    assert len(theme) >= 3 and all(h in scripted for h in theme)  # the theme's own inline scripts do run


def test_the_renderer_alone_gives_the_same_site(tmp_path, site):
    docs = tmp_path / "docs"
    render = subprocess.run([sys.executable, "-m", "companion", "render", "--out", str(docs)], cwd=ROOT, env=ENV,
                            capture_output=True, text=True)
    assert render.returncode == 0, render.stderr
    second = tmp_path / "site"
    result = mkdocs_build(ROOT, second, COMPANION_DOCS_DIR=str(docs))
    assert result.returncode == 0, result.stderr
    pages = lambda root: sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))  # noqa: E731
    assert pages(second) == pages(site)
    # Same content, not just the same file names (the search index holds every page's text).
    def documents(root: Path) -> list:
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        return sorted(index["docs"], key=lambda doc: doc["location"])

    assert documents(second) == documents(site)


def test_the_search_index_holds_each_case_once_and_no_citations(site, model):
    # Every reader who searches downloads the whole index: citation boxes and the lists that
    # repeat every case (explorer, timeline, matrix, taxonomy) stay out of it.
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d["location"] for d in docs if "@misc{" in d["text"] or "Cite this page · " in d["text"]
                or "TY  - " in d["text"]]
    case = model.cases[0]
    holding_title = {d["location"].split("#")[0] for d in docs if case.title in d["text"] + d["title"]}
    assert urls.public_url(case).lstrip("/") in holding_title
    assert not holding_title & {"cases/", "cases/timeline/", "cases/matrix/", "threats/"}


def test_explorer_timeline_and_matrix_list_every_case(site, model):
    explorer = page(site, "/cases/")
    rows = explorer.select("#case-explorer tbody tr")
    links = {_resolves(row.select_one("td a")["href"], "/cases/") for row in rows}
    assert links == {urls.public_url(case) for case in model.cases}
    for row in rows:  # the filters need these on every row
        assert row["data-kind"] and row["data-start"] and row["data-end"] and row.has_attr("data-threats")

    timeline = page(site, "/cases/timeline/")
    marks = {_resolves(a["href"], "/cases/timeline/") for a in timeline.select("svg.timeline a")}
    assert marks == {urls.public_url(case) for case in model.cases}
    listed = {_resolves(a["href"], "/cases/timeline/") for a in content(timeline).select(".timeline-list li > a")}
    assert listed == marks  # the text alternative (a list by year) names the same events

    matrix = page(site, "/cases/matrix/")
    first_cells = {_resolves(a["href"], "/cases/matrix/") for a in matrix.select(".matrix tbody td:first-child a")}
    assert first_cells == {urls.public_url(case) for case in model.cases}


def test_downloads_are_published_with_the_site(site, model):
    data = json.loads((site / "downloads" / "cases.json").read_text(encoding="utf-8"))
    assert len(data) == len(model.cases)
    assert (site / "downloads" / "cases.csv").read_text(encoding="utf-8").count("\n") == len(model.cases) + 1
    schema = json.loads((site / "downloads" / "cases.schema.json").read_text(encoding="utf-8"))
    from jsonschema import Draft202012Validator

    assert list(Draft202012Validator(schema).iter_errors(data)) == []  # the published data fits its schema


PAGE_TYPES = ["/", "/paper/", "/paper/challenges/", "/references/", "/references/adesina2017/", "/threats/",
              "/threats/espionage/", "/cases/", "/cases/bundestag-hack-2015/", "/cases/timeline/", "/cases/matrix/",
              "/actors/", "/actors/de/",
              "/norms/", "/norms/vcdr-art-24/", "/downloads/", "/about/", "/changelog/"]
FORBIDDEN_ZOTERO_TAGS = ("citation_journal_title", "citation_book_title", "citation_conference_title",
                         "citation_technical_report_institution")


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_page_head_follows_zoteros_rules_for_a_web_page(site, url):
    soup = page(site, url)
    assert soup.html["lang"] == "en"
    meta = {}
    for tag in soup.find_all("meta"):
        key = tag.get("name") or tag.get("property")
        if key:
            meta.setdefault(key, []).append(tag.get("content"))
    assert meta["og:type"] == ["website"]  # without it Zotero would save a journal article
    assert meta["og:site_name"] == ["Digital Diplomacy, Checked"]
    assert len(meta["citation_title"]) == 1 and meta["citation_title"][0]
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", meta["citation_date"][0])
    assert meta["description"][0]
    assert not set(FORBIDDEN_ZOTERO_TAGS) & set(meta)
    assert not soup.select("span.Z3988"), "COinS would take priority over the page's own metadata"
    canonical = soup.find("link", rel="canonical")["href"]
    assert urlparse(canonical).path == url  # Zotero stores the canonical URL: it must be the page's own
    assert meta["og:url"] == [canonical]
    jsonld = json.loads(soup.find("script", type="application/ld+json").string)
    # A section's page is a graph: the page itself, then its claims' reviews (test_review_outputs.py).
    jsonld = next(node for node in jsonld.get("@graph", [jsonld]) if node["@type"] == "WebPage")
    assert jsonld["@type"] == "WebPage" and jsonld["url"] == canonical
    # The licence in the tag Zotero saves as the item's rights, and for search engines; the version too.
    assert meta["DC.rights"] == ["CC BY 4.0"]
    licence = "https://creativecommons.org/licenses/by/4.0/"
    assert soup.find("link", rel="license")["href"] == jsonld["license"] == licence
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert jsonld["version"] == pyproject["project"]["version"]


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_every_page_has_a_cite_box_with_every_format(site, url):
    box = page(site, url).select(".cite-box")[-1]
    labels = [label.get_text(strip=True) for label in box.select(".cite-formats > label")]
    assert labels == ["APA 7", "Chicago (author-date)", "MLA 9", "Harvard", "BibTeX", "RIS", "CSL-JSON"]
    assert len(box.select(".cite-formats > input[type=radio]:checked")) == 1  # one format shows without JS
    styled = box.select("p.citation")
    assert len(styled) == 4 and all(p.get_text(strip=True) for p in styled)
    codes = [code.get_text() for code in box.select("pre.cite-export")]
    library = bibtexparser.parse_string(codes[0])
    assert library.failed_blocks == [] and len(library.entries) == 1
    # No access date, and no placeholder that a reference manager would import as one: the browser adds
    # today's date to each format (tests/browser/test_cite.py).
    assert "urldate" not in library.entries[0]
    assert "access_date" not in rispy.loads(codes[1])[0]
    item = json.loads(codes[2])[0]
    assert urlparse(item["URL"]).path == url
    assert "accessed" not in item
    assert not re.search(r"YYYY|1900", "".join(codes))
    assert all(pre.get("data-accessed") == "today" for pre in box.select("pre.cite-export"))


def test_every_claim_has_its_own_pinpoint_citation(site, model):
    for section in model.sections:
        soup = page(site, urls.public_url(section))
        for claim in section.claims:
            card = soup.find(id=claim.id).find_parent("div", class_="claim-card")
            data = json.loads(card.select_one(".cite-claim pre.cite-export[data-format=csl-json]").get_text())[0]
            assert urlparse(data["URL"]).fragment == claim.id
            assert data["section"] == f"¶ {claim.id}"


def test_versions_agree(site):
    from companion.site import load_site

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest_version, newest_date = re.search(r"^## \[(.+?)\] — (\d{4}-\d{2}-\d{2})", changelog, re.M).groups()
    configured = load_site(ROOT)
    assert (configured.version, configured.released) == (version, newest_date)
    assert newest_version == version
    footer = page(site, "/").select_one(".site-version").get_text(" ", strip=True)
    assert f"Version {version}, released {newest_date}" in footer


PUBLIC_URLS = ROOT / "tests" / "public-urls.txt"


def current_public_urls(site: Path, model) -> set[str]:
    """Every page of the built site, and the anchors people cite: claims and references."""
    found = set()
    for index in site.rglob("index.html"):
        path = "/" + index.parent.relative_to(site).as_posix() + "/"
        found.add("/" if path == "/./" else path)
    found |= {urls.public_url(entity) for entity in (*model.claims, *model.references, *model.glossary)}
    return found


def released_urls() -> tuple[str, set[str]]:
    return urls.read_released_urls(PUBLIC_URLS.read_text(encoding="utf-8"))


def test_no_public_url_or_anchor_ever_disappears(site, model):
    _, listed = released_urls()
    # An edition's addresses (/X.Y.Z/…) are in the editions' build: tests/test_editions.py checks them.
    listed = {url for url in listed if urls.edition_of_url(url) is None}
    assert len(listed) > 200
    missing = missing_addresses(site, listed)
    assert not missing, "\n".join(missing)


def test_the_list_of_public_urls_is_brought_up_to_each_release():
    """A new case's address joins the list when a release is made, not in the contributor's pull request;
    a release (a new version) is not complete until the list has been brought up to it."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert released_urls()[0] == version, \
        "run `.venv/bin/python -m companion public-urls --update` as part of the release, and commit the list"


def test_the_command_that_updates_the_list_sees_the_pages_the_build_makes(site, model, tmp_path):
    from companion.build import hand_written_pages, render_all
    from companion.site import load_site

    pages = render_all(model, load_site(ROOT), {}, hand_written_pages(ROOT / "docs"))
    assert urls.public_urls(pages, model) == current_public_urls(site, model)


def test_a_case_pages_navigation_does_not_grow_with_the_cases(site, model):
    # Build time and page weight stay linear only if no page embeds a link per case in its navigation
    # (navigation.prune, and case pages left out of the nav).
    import yaml as pyyaml

    config = pyyaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    assert "navigation.prune" in config["theme"]["features"]
    soup = page(site, "/cases/bundestag-hack-2015/")
    nav_links = soup.select("nav.md-nav--primary a[href]")
    case_links = [a for a in nav_links if "/cases/" in _resolves(a["href"], "/cases/bundestag-hack-2015/")
                  and _resolves(a["href"], "/cases/bundestag-hack-2015/").count("/") > 3]
    assert case_links == []
    assert len(nav_links) < len(model.cases)  # the navigation holds the sections, not a link per case


class _IgnoreTags(__import__("yaml").SafeLoader):
    """Reads mkdocs.yml's !ENV values as plain values."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_pages_link_to_the_file_they_are_made_from(tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(ROOT, site, REPO_URL="https://github.com/example/companion")
    assert result.returncode == 0, result.stderr
    for url, target in (("/cases/bundestag-hack-2015/", "/edit/main/data/cases/bundestag-hack-2015.yaml"),
                        ("/about/", "/edit/main/docs/about.md"), ("/cases/", "/tree/main/data/cases/")):
        link = page(site, url).select_one(".edit-source a")
        assert link["href"] == "https://github.com/example/companion" + target, url


def _front_matter(markdown: str) -> dict:
    import yaml as pyyaml

    return pyyaml.safe_load(markdown.split("---\n", 2)[1])


def test_every_page_is_titled_by_what_a_reader_sees_and_dated_by_the_file_its_text_comes_from(model):
    from companion.build import hand_written_pages, render_all
    from companion.site import load_site

    site = load_site(ROOT)
    # docs/changelog.md only includes CHANGELOG.md: the page changes when CHANGELOG.md does.
    dates = {"docs/changelog.md": "2026-01-05", "CHANGELOG.md": "2026-03-07"}
    pages = render_all(model, site, dates, hand_written_pages(ROOT / "docs"))
    titles = {path: _front_matter(text)["citation_title"] for path, text in pages.items() if path.endswith(".md")}
    assert titles["changelog.md"] == "Changelog"
    assert titles["contributing.md"] == "Contributing"
    assert _front_matter(pages["changelog.md"])["citation_date"] == "2026/03/07"
    assert _front_matter(pages["changelog.md"])["source"] == "CHANGELOG.md"
    assert not [title for title in titles.values() if re.search(r"\.md\b", title)]
    # Zotero's short title is the title up to the first colon: it must name the site, not the paper.
    assert titles["index.md"].split(":")[0] == site.name
    assert model.paper.title.casefold() not in titles["index.md"].split(":")[0].casefold()


@pytest.mark.parametrize(("url", "apa", "mla"), [
    # Checked by hand: APA 7 points to a part of a work without page numbers by its heading, quoted
    # when it is long ("…" section); MLA gives no year in the text.
    ("/paper/evolution/", "(Bregvadze, 2025, “The Evolution of Diplomacy in the Digital Era” section)",
     "(Bregvadze, “The Evolution of Diplomacy in the Digital Era” section)"),
    ("/paper/conclusion/", "(Bregvadze, 2025, Conclusion section)", "(Bregvadze, Conclusion section)"),
])
def test_a_section_page_gives_the_paper_cited_at_that_section(site, url, apa, mla):
    soup = page(site, url)
    box = soup.find(id="cite-the-papers-section").find_next("div", class_="cite-box")
    in_text = {p["data-style"]: p.get_text() for p in box.select("p.citation.in-text")}
    assert in_text["apa"] == apa and in_text["mla"] == mla
    assert set(in_text) == {"apa", "chicago", "mla", "harvard"}
    entry = box.select_one("p.citation[data-style=apa]:not(.in-text)").get_text()
    assert entry.startswith("Bregvadze, M. (2025, July 29). The bipolar nature of digital diplomacy")
    # …and the page's own box, under a heading of its own that the top button and the contents link to.
    assert soup.find(id="cite").name == "h2" and soup.select_one("a.cite-top")["href"] == "#cite"
    assert soup.select_one(".md-nav--secondary a[href='#cite']")
