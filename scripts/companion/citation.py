"""One source of truth for citations: a CSL-JSON item for every citable thing.

Pages (sections, cases, threats, actors, norms, index pages), single claims (a pinpoint
``¶ c18`` on the section page), the paper itself and each reference all become CSL-JSON
items here. Every format (the styled strings, BibTeX, RIS, the page's meta tags) is
derived from these items and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import urls
from .csltext import nocase
from .kinds import kind_of
from .model import Claim, Paper, Reference, Section

# A placeholder the reader's browser replaces with today's date when the citation is shown
# or copied: citations are never stamped with the build's date as "accessed".
ACCESSED_SENTINEL = "1900-01-01"
PAPER_KEY = "bregvadze2025"  # the paper's citation key, by the references' key scheme


@dataclass(frozen=True)
class Site:
    name: str
    url: str  # absolute, ending in '/'
    version: str
    released: str  # YYYY-MM-DD
    directory_urls: bool = True  # False for the offline copy (pages are files, opened from disk)
    license: str = ""  # e.g. "CC BY 4.0"
    license_url: str = ""
    # Editions (editions.py): the frozen copy, vX.Y.Z's tag built under <latest>X.Y.Z/, that these pages
    # belong to ("" when they are newer than any edition); the latest site's address when this build is
    # such a copy (else the latest is ``url`` itself); and, for pages in no edition, the newest edition.
    edition: str = ""
    latest_url: str = ""
    newest_edition: str = ""

    @property
    def latest(self) -> str:
        """The address of the latest site, whose pages follow every correction."""
        return self.latest_url or self.url

    def edition_url(self, version: str) -> str:
        """The address of an edition's copy of the site, which never changes."""
        return f"{self.latest}{version}/"


@dataclass(frozen=True)
class Page:
    """A page that is not an entity's own (home, indexes, hand-written pages)."""

    path: str  # docs-relative Markdown source, e.g. 'cases/index.md'
    title: str


@dataclass(frozen=True)
class RecordPage:
    """A reference's page on this site (its checked record), cited as a web page. Not the reference
    itself: that is the work the page describes, cited by its own metadata."""

    reference: Reference


def page_subject(entity: object) -> object:
    """What a page's own citation (its cite box and meta tags) is of: a reference's page, not the work."""
    return RecordPage(entity) if isinstance(entity, Reference) else entity


def csl_date(value: str) -> dict[str, Any]:
    return {"date-parts": [[int(part) for part in value.split("-")]]}


def absolute_url(site: Site, entity: object) -> str:
    if isinstance(entity, RecordPage):
        entity = entity.reference
    path = urls.url_of_page(entity.path) if isinstance(entity, Page) else urls.public_url(entity)
    return site.url.rstrip("/") + path


def page_of(entity: object) -> str:
    """The Markdown source that holds an entity (for its last-changed date)."""
    if isinstance(entity, RecordPage):
        entity = entity.reference
    return entity.path if isinstance(entity, Page) else urls.page_of(entity)[0]


def citation_title(entity: object) -> str:
    """The title a citation gives: the page's subject, without the site's section numbers."""
    if isinstance(entity, Page):
        return entity.title
    if isinstance(entity, RecordPage):
        # "et al." stays as it is: title-case styles would make it "Et Al.".
        label = kind_of(entity.reference).label(entity.reference)
        return "Source record: " + label.replace(" et al.", " " + nocase("et al."))
    title = kind_of(entity).citation_title
    if title is None:
        raise TypeError(f"a {kind_of(entity).name} is not cited as a page")
    return title(entity)


def item_id(entity: object) -> str:
    if isinstance(entity, Reference):
        return entity.id
    if isinstance(entity, Paper):
        return PAPER_KEY
    if isinstance(entity, Claim):
        return f"claim-{entity.id}"
    return "page-" + page_of(entity).removesuffix(".md").replace("/", "-")


def csl_item(entity: object, site: Site, changed: Callable[[str], str]) -> dict[str, Any]:
    """The CSL-JSON item for anything citable. ``changed(path)`` gives a page's last-changed date."""
    if isinstance(entity, Reference):
        return reference_item(entity)
    if isinstance(entity, Paper):
        return paper_item(entity)
    item = {
        "id": item_id(entity),
        "type": "webpage",
        "title": citation_title(entity),
        "container-title": site.name,
        "version": site.version,
        "issued": csl_date(changed(page_of(entity))),
        "accessed": csl_date(ACCESSED_SENTINEL),
        "URL": absolute_url(site, entity),
    }
    if isinstance(entity, Claim):
        item["section"] = f"¶ {entity.id}"
    return item


def without_access_date(item: dict[str, Any]) -> dict[str, Any]:
    """The item as files carry it: no access date (the reader's browser adds today's where it shows one)."""
    return {key: value for key, value in item.items() if key != "accessed"}


def reference_item(reference: Reference) -> dict[str, Any]:
    record = dict(reference.record)
    record["issued"] = csl_date(record["issued"])
    return {"id": reference.id, **record}


def paper_item(paper: Paper) -> dict[str, Any]:
    return {
        "id": PAPER_KEY,
        "type": "post-weblog",
        "author": [{"family": a.family, "given": a.given} for a in paper.authors],
        "title": paper.sentence_case_title,
        "container-title": paper.container_title,
        "publisher": paper.publisher,
        "issued": csl_date(paper.issued),
        "accessed": csl_date(ACCESSED_SENTINEL),
        "URL": paper.url,
    }


def section_pinpoint(section: Section, british: bool = False) -> str:
    """A pointer to one of the paper's sections. They are not numbered in the paper, so it is the heading,
    as APA 7 asks for works without page numbers ("Conclusion section"); a heading of several words goes
    in quotation marks (British ones for a British style)."""
    if " " not in section.title:
        return f"{section.title} section"
    left, right = ("‘", "’") if british else ("“", "”")
    return f"{left}{section.title}{right} section"
