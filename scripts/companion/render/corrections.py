"""The Corrections page and the site's Atom feed (corrections, changed verdicts and new cases).

Both are made from the record of review in the data (review.corrections and, for claims,
review.history), so nothing on them is typed by hand and nothing can be corrected silently.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from .. import urls
from ..citation import Site, absolute_url
from ..model import Case, Claim, Model
from . import labels as lb
from . import markup as mk
from .blocks import Links, first_sentence, join
from .context import Context
from .review import corrections

CORRECTIONS = "corrections.md"
FEED = "feed.xml"
_ATOM = "http://www.w3.org/2005/Atom"


def _label(entity: Case | Claim) -> str:
    """What an entry is about, as the page and the feed name it: a case by its title, a claim by its id."""
    return lb.label(entity) if isinstance(entity, Case) else f"Claim {entity.id}"


def corrections_page(ctx: Context) -> str:
    model = ctx.model
    ln = Links(CORRECTIONS, model, ctx.relations)
    entries = corrections(model.cases, model.claims)
    by_date: dict[str, list[str]] = {}
    for entry in entries:
        target = ln.to(entry.entity, _label(entry.entity))
        by_date.setdefault(entry.date, []).append(f"{target}: {mk.inline(entry.text)}")
    listing = "\n\n".join(f"{mk.heading(2, lb.human_date(date))}\n\n{mk.bullets(items)}"
                          for date, items in by_date.items())
    return join(
        mk.front_matter(description="Every correction of a fact and every changed verdict on this site, newest first."),
        "# Corrections",
        "Every fact we changed after publishing it, and every verdict we changed, newest first. Each entry "
        "is also recorded on its page, in the case's or claim's record of review, with the readings before "
        f"and after. The {ln.page_link('about.md#corrections-policy', 'corrections policy')} says how to "
        f"report an error and what happens next. Follow corrections and new cases in a feed reader: "
        f"[Atom feed]({FEED}).",
        listing if entries else "No corrections yet.",
    )


def _tag(site: Site, key: str) -> str:
    """A permanent Atom id (RFC 4151 tag URI): the site's host, a date, and what the entry is about."""
    return f"tag:{urlsplit(site.url).hostname or 'localhost'},{key}"


def _entry(feed: ET.Element, site: Site, *, key: str, title: str, link: str, updated: str, summary: str) -> None:
    entry = ET.SubElement(feed, "entry")
    ET.SubElement(entry, "id").text = _tag(site, key)
    ET.SubElement(entry, "title").text = title
    ET.SubElement(entry, "link", href=link)
    ET.SubElement(entry, "updated").text = f"{updated}T00:00:00Z"
    ET.SubElement(entry, "summary").text = summary


def feed(model: Model, site: Site) -> str:
    """The Atom feed: corrections and changed verdicts, and each new case, newest first."""
    items: list[dict[str, str]] = []
    for entry in corrections(model.cases, model.claims):
        digest = hashlib.sha256(entry.text.encode()).hexdigest()[:16]
        items.append({"key": f"{entry.date}:correction/{entry.entity.id}/{digest}",
                      "title": f"Correction: {_label(entry.entity)}", "link": absolute_url(site, entry.entity),
                      "updated": entry.date, "summary": entry.text})
    for case in model.cases:
        items.append({"key": f"{case.created}:case/{case.id}", "title": f"New case: {case.title}",
                      "link": absolute_url(site, case), "updated": case.created,
                      "summary": first_sentence(case.summary)})
    items.sort(key=lambda item: (item["updated"], item["key"]), reverse=True)
    root = ET.Element("feed", xmlns=_ATOM)
    ET.SubElement(root, "id").text = site.url.rstrip("/") + urls.url_of_page(CORRECTIONS)
    ET.SubElement(root, "title").text = f"{site.name}: corrections and new cases"
    ET.SubElement(root, "link", rel="self", href=site.url + FEED)
    ET.SubElement(root, "link", rel="alternate", href=site.url.rstrip("/") + urls.url_of_page(CORRECTIONS))
    ET.SubElement(root, "updated").text = f"{items[0]['updated'] if items else site.released}T00:00:00Z"
    ET.SubElement(ET.SubElement(root, "author"), "name").text = site.name
    if site.license:
        ET.SubElement(root, "rights").text = site.license
    for fields in items:
        _entry(root, site, **fields)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
