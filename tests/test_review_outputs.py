"""The record of review as its readers get it: ClaimReview that structured-data tools read, the
Corrections page and its Atom feed, the claim checks as W3C Web Annotations anchored in the
paper, and the state of every case at the top of its page.

Read back with independent readers: extruct (what search engines' structured-data tools use),
feedparser, and a JSON Schema of the Web Annotation model's MUST rules written for this project
(tests/reference/web-annotation.schema.json).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import extruct
import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from companion import urls
from support import ROOT

pytestmark = pytest.mark.slow  # reads the built site

VERDICT_LABELS = {"supported": "Supported", "needs-nuance": "Needs nuance", "wrong": "Wrong"}


def html_of(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def claim_reviews(site: Path, model) -> dict[str, dict]:
    found = {}
    for section in model.sections:
        url = urls.url_of_page(urls.page_of(section)[0])
        for block in extruct.extract(html_of(site, url), base_url="http://127.0.0.1:8000" + url,
                                     syntaxes=["json-ld"], uniform=True)["json-ld"]:
            for node in block.get("@graph", [block]):
                if node.get("@type") == "ClaimReview":
                    found[node["url"].rsplit("#", 1)[1]] = {**node, "_page": url}
    return found


def test_every_claim_has_a_claim_review_with_every_field(site, model):
    reviews = claim_reviews(site, model)
    assert sorted(reviews) == sorted(c.id for c in model.claims) and len(reviews) == 28
    paper = model.paper
    for claim in model.claims:
        review = reviews[claim.id]
        page = BeautifulSoup(html_of(site, review["_page"]), "html.parser")
        assert review["url"] == f"http://127.0.0.1:8000{review['_page']}#{claim.id}"
        assert page.find(id=claim.id) is not None, f"{claim.id}: the ClaimReview's url has no anchor on the page"
        assert review["claimReviewed"] == claim.text
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["text"] == claim.printed
        assert [a["name"] for a in item["author"]] == ["Mariam Bregvadze"]
        for where in ("appearance", "firstAppearance"):
            assert item[where]["url"] == paper.url and item[where]["name"] == paper.title
        rating = review["reviewRating"]
        # The label a reader sees on the claim's card, read from the page, not from the code.
        card = page.find(id=claim.id).find_parent("div", class_="claim-card")
        assert rating["alternateName"] == card.select_one(".badge").get_text(strip=True)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["author"] == {"@type": "Organization", "name": "Digital Diplomacy, Checked",
                                    "url": "http://127.0.0.1:8000/"}
        raw = claim.origin.document.data["claims"][claim.origin.path[1]]["review"]
        assert review["datePublished"] == raw["history"][0]["date"]
        changes = [h["date"] for h in raw["history"]] + [c["date"] for c in raw["checks"]] + \
            [c["date"] for c in raw.get("corrections", [])]
        assert review["dateModified"] == max(changes) >= review["datePublished"]


def test_the_rating_scale_is_the_one_the_about_page_states(site, model):
    """Wrong 1, Needs nuance 2, Supported 3: the order readers are told is the order machines get."""
    about = BeautifulSoup(html_of(site, "/about/"), "html.parser").get_text(" ", strip=True)
    stated = {label: int(n) for label, n in re.findall(r"(Wrong|Needs nuance|Supported) is (\d)", about)}
    assert stated == {"Wrong": 1, "Needs nuance": 2, "Supported": 3}, stated
    for review in claim_reviews(site, model).values():
        rating = review["reviewRating"]
        assert rating["ratingValue"] == stated[rating["alternateName"]]
        assert (rating["worstRating"], rating["bestRating"]) == (1, 3)


def _corrections(model) -> list[tuple[str, str, str]]:
    """(date, id, text) of every correction and changed verdict in the data."""
    found = []
    for entity in (*model.cases, *model.claims):
        found += [(c.date, entity.id, c.text) for c in entity.review.corrections]
        found += [(h.date, entity.id, h.why) for h in getattr(entity.review, "history", ())[1:]]
    return found


def test_the_corrections_page_lists_every_correction_newest_first(site, model):
    page = BeautifulSoup(html_of(site, "/corrections/"), "html.parser")
    article = page.select_one("article")
    text = " ".join(article.get_text().split())  # no separator: a glossary term is an <abbr> inside the text
    expected = _corrections(model)
    assert expected, "the data records corrections (issue 17's fixes)"
    for _, _, what in expected:
        assert " ".join(what.split()) in text
    dates = [h2.get_text(strip=True) for h2 in article.find_all("h2") if h2.get("id") != "cite"]
    parsed = [re.match(r"(\d+) (\w+) (\d{4})", d).groups() for d in dates]
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    keys = [(int(y), months.index(m), int(d)) for d, m, y in parsed]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys)
    for link in article.select("ul:not(.cite-addresses) a[href]"):
        target = (site / "corrections" / link["href"].split("#")[0]).resolve()
        assert (target / "index.html").exists(), link["href"]


def test_the_feed_is_atom_with_every_correction_and_case(site, model):
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    entries = parsed.entries
    assert len(entries) == len(_corrections(model)) + len(model.cases)
    assert len({e.id for e in entries}) == len(entries)
    updated = [e.updated for e in entries]
    assert updated == sorted(updated, reverse=True)
    for entry in entries:
        assert entry.link.startswith("http://127.0.0.1:8000/")
        path = entry.link.removeprefix("http://127.0.0.1:8000/").split("#")[0]
        assert (site / path / "index.html").exists(), entry.link
    # Every page announces the feed to feed readers.
    head = BeautifulSoup(html_of(site, "/cases/"), "html.parser").find("link", type="application/atom+xml")
    assert head is not None and (site / "cases" / head["href"]).resolve() == (site / "feed.xml").resolve()


def annotations(site: Path) -> dict:
    return json.loads((site / "downloads" / "annotations.jsonld").read_text(encoding="utf-8"))


def test_the_annotations_follow_the_web_annotation_model(site, model):
    schema = json.loads((ROOT / "tests" / "reference" / "web-annotation.schema.json").read_text(encoding="utf-8"))
    document = annotations(site)
    jsonschema.Draft202012Validator(schema).validate(document)
    items = document["first"]["items"]
    assert document["total"] == len(items) == 28
    for claim, item in zip(model.claims, items, strict=True):
        assert item["motivation"] == "assessing"
        assert item["target"]["source"] == model.paper.url
        verdict, explanation, link = item["body"]
        assert verdict["value"] == VERDICT_LABELS[claim.verdict] and verdict["purpose"] == "assessing"
        assert explanation["value"] == " ".join(claim.explanation.split())
        assert link["id"] == "http://127.0.0.1:8000" + urls.public_url(claim)


def test_the_schema_can_fail():
    """The annotation schema refuses what the model forbids (else the test above could not fail)."""
    schema = json.loads((ROOT / "tests" / "reference" / "web-annotation.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    selector = {"type": "TextQuoteSelector", "exact": "x"}
    annotation = {"id": "https://example.org/a#1", "type": "Annotation", "created": "2026-12-02T00:00:00Z",
                  "target": {"source": "https://example.org/p", "selector": selector},
                  "body": [{"type": "TextualBody", "value": "Wrong"}]}

    def collection(**changes):
        page = {"type": "AnnotationPage", "items": [{**annotation, **changes}]}
        return {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://example.org/a",
                "type": "AnnotationCollection", "total": 1, "first": page}

    good = collection()
    assert validator.is_valid(good)
    broken = [
        {**good, "@context": "https://schema.org"},
        {k: v for k, v in good.items() if k != "first"},
        collection(created="2026-12-02"),
        collection(motivation="judging"),
        collection(target={"source": "https://example.org/p", "selector": {"type": "TextQuoteSelector"}}),
        collection(id="not an iri"),
    ]
    assert [validator.is_valid(b) for b in broken] == [False] * len(broken)


def paper_text() -> str:
    """The paper as published: ../shared/seed/paper.txt beside the project, or COMPANION_PAPER_TEXT.
    The project does not redistribute the paper's full text."""
    candidates = [os.environ.get("COMPANION_PAPER_TEXT", ""), str(ROOT.parent / "shared" / "seed" / "paper.txt")]
    for candidate in filter(None, candidates):
        if Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    message = ("the paper's text is needed to anchor the annotations: set COMPANION_PAPER_TEXT to a plain-text "
               "copy of the paper (the project does not redistribute it)")
    if os.environ.get("COMPANION_REQUIRE_PAPER"):  # .ci/run sets it: in CI the test must run
        pytest.fail(message)
    pytest.skip(message)


def test_every_annotation_is_anchored_exactly_once_in_the_paper(site):
    text = " ".join(paper_text().split())
    for item in annotations(site)["first"]["items"]:
        selector = item["target"]["selector"]
        quoted = selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")
        assert text.count(quoted) == 1, f"{item['id']}: found {text.count(quoted)} times in the paper"


def test_every_case_shows_its_review_state_before_its_facts(site, model):
    titles = {"draft": "Draft", "checked": "Checked", "disputed": "Disputed"}
    for case in model.cases:
        article = BeautifulSoup(html_of(site, urls.public_url(case)), "html.parser").select_one("article")
        box = article.select_one(".review-state")
        assert box is not None, case.id
        assert box.select_one(".admonition-title").get_text(strip=True) == titles[case.review.state]
        first_heading = article.find("h2")
        assert box.sourceline < first_heading.sourceline, f"{case.id}: the state comes after the first heading"
        shown = " ".join(box.get_text().split())  # no separator: a glossary term is an <abbr> inside the text
        for gap in case.review.gaps:
            assert " ".join(gap.split()) in shown, case.id
        claims = article.select_one(".facts")
        for claim_id in case.claims:
            assert claims.find("a", string=claim_id) is not None, f"{case.id}: {claim_id} not in the summary box"
