"""Render the model into files: ``render_site(model, citations) -> {docs-relative path: text}``.

Most are Markdown pages; the data downloads (JSON, CSV, JSON Schema, BibTeX, RIS) come out
the same way. Each family of pages has its module (paper, references, threats, cases, actors,
norms, glossary, explore); every page function is pure, takes the frozen ``Context``, and returns
the page's Markdown. Data text always goes through ``markup`` (inert); links always through
``Links`` (one URL function, relative links that MkDocs checks in a strict build). Every page
ends with its "Cite this page" box and carries the meta tags that reference managers read
(citation_title, citation_date) in its front matter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import urls
from ..citation import Page, citation_title, item_id, page_subject
from ..csltext import plain_title
from ..kinds import REGISTRY, kind_of, with_pages
from ..model import Entity, Model, Paper, Section
from ..problems import BuildError
from . import corrections, datapackage, explore, exports, glossary, guides, paper, review, stix, webannotations
from . import markup as mk
from .citebox import Citations
from .context import Context
from .relations import relate


@dataclass(frozen=True)
class FixedPage:
    """A page that is not one entity's own: an index of a kind, the home page, the case views."""

    title: Callable[[Model, str], str]  # (model, the site's name) -> the page's title
    render: Callable[[Context], str]
    source: str  # the file or folder (ending in '/') it is made from, for its edit link


def fixed_pages() -> dict[str, FixedPage]:
    """Every fixed page by its path: the home page, each kind's index (kinds/), the case views."""
    found = {urls.HOME: FixedPage(paper.home_title, paper.home_page, "data/paper.yaml")}
    for kind in REGISTRY.values():
        if kind.index:
            found[kind.index] = FixedPage(_constant(kind.index_title), kind.renderer("index"), kind.where())
    cases = REGISTRY["case"].where()
    found[urls.TIMELINE] = FixedPage(_constant("Timeline of the cases"), explore.timeline_page, cases)
    found[urls.MATRIX] = FixedPage(_constant("Threats × cases"), explore.matrix_page, cases)
    found[exports.DOWNLOADS] = FixedPage(_constant("Downloads"), lambda ctx: exports.downloads_page(ctx.model), cases)
    found[corrections.CORRECTIONS] = FixedPage(_constant("Corrections"), corrections.corrections_page, "data/")
    found[guides.GUIDES] = FixedPage(_constant("Study guides"), guides.guides_index, "data/sections/")
    return found


def _constant(title: str) -> Callable[[Model, str], str]:
    return lambda model, site_name: title


def finish_page(markdown: str, subject: object, citations: Citations, source: str,
                tooltips: dict[str, str] | None = None, paper: Paper | None = None) -> str:
    """A page with its citation metadata and source file in the front matter, its cite box at the end,
    and the glossary's terms as abbreviations (a tooltip wherever a term appears)."""
    cited = page_subject(subject)  # a reference's page cites the page, not the work it describes
    item = citations.items[item_id(cited)]
    date = "/".join(f"{p:02d}" for p in item["issued"]["date-parts"][0])
    jsonld = {"@context": "https://schema.org", "@type": "WebPage", "name": plain_title(item["title"]),
              "url": item["URL"],
              "dateModified": "-".join(f"{p:02d}" for p in item["issued"]["date-parts"][0]),
              "version": citations.site.version,
              "isPartOf": {"@type": "WebSite", "name": citations.site.name, "url": citations.site.url}}
    if citations.site.license_url:
        jsonld["license"] = citations.site.license_url
    if isinstance(subject, Section) and paper and subject.claims:
        # The page and its claims' reviews as one graph: a ClaimReview per claim, at the claim's anchor.
        graph = [{k: v for k, v in jsonld.items() if k != "@context"},
                 *review.claim_reviews(subject, item["URL"], paper, citations.site.name, citations.site.url)]
        jsonld = {"@context": "https://schema.org", "@graph": graph}
    markdown = mk.with_front_matter(markdown, jsonld=jsonld, citation_title=plain_title(citation_title(cited)),
                                    citation_date=date, source=source, **search_fields(subject))
    used = glossary.abbreviations_in(markdown, tooltips or {})
    # A heading of its own, so the box is in the table of contents; the button at the top links to it.
    end = ("## Cite this page { #cite }\n\n" + citations.box(item_id(cited), "This page")
           + (f"\n\n{used}" if used else ""))
    return markdown.rstrip("\n") + "\n\n" + end + "\n"


# What a search result says a page is (docs/javascripts/search.js shows it beside the title): the kind's
# name, unless it needs more words.
_PAGE_TYPES = {"section": "Section of the paper"}


def search_fields(subject: object) -> dict[str, str]:
    """Front-matter fields for the search index (overrides/main.html): the page's type and, on a section's
    page, each claim's verdict ("c1=supported c2=wrong"), shown with results that point at a claim."""
    if isinstance(subject, Page):
        return {"search_type": "Glossary" if subject.path == "glossary.md" else "Page"}
    name = kind_of(subject).name
    fields = {"search_type": _PAGE_TYPES.get(name, name.replace("-", " ").capitalize())}
    if isinstance(subject, Section):
        fields["search_verdicts"] = " ".join(f"{claim.id}={claim.verdict}" for claim in subject.claims)
    return fields


def source_of(subject: Page | Entity, fixed: dict[str, FixedPage]) -> str:
    """The file (or folder, ending in '/') a page is made from, for its edit link."""
    if isinstance(subject, Page):
        return fixed[subject.path].source if subject.path in fixed else f"docs/{subject.path}"
    return subject.origin.file


def render_site(model: Model, citations: Citations) -> dict[str, str]:
    """Every generated file, keyed by its docs-relative path, sorted: same model, same bytes."""
    ctx = Context(model, relate(model, citations))
    fixed = fixed_pages()
    out = {path: page.render(ctx) for path, page in fixed.items()}
    out.update(exports.exports(model, citations.site.url))
    subjects: dict[str, Page | Entity] = {path: Page(path, page.title(model, citations.site.name))
                                               for path, page in fixed.items()}
    renderers = {kind.name: kind.renderer() for kind in REGISTRY.values() if kind.own_page}
    for kind, entity in with_pages(model):
        path = urls.page_of(entity)[0]
        if path in out:  # validate reports reserved and duplicate ids; never let one page replace another
            raise BuildError(f"two pages would be written to {path} (the second from {entity.origin.file})")
        out[path] = renderers[kind.name](entity, ctx)
        subjects[path] = entity
    handouts = guides.handouts(model.sections)
    for path, (section, handout) in handouts.items():  # each study guide, to print
        if path in out:
            raise BuildError(f"two pages would be written to {path} (the second from {section.origin.file})")
        out[path] = guides.handout_page(section, ctx)
        subjects[path] = handout
    out.update(exports.bibliography_exports(model, citations))
    out[corrections.FEED] = corrections.feed(model, citations.site)
    out[webannotations.ANNOTATIONS] = webannotations.collection(model, citations.site)
    out.update(datapackage.tables(model, citations.site.url))
    out[datapackage.DATAPACKAGE] = datapackage.package(model, citations.site)
    out[stix.STIX] = stix.bundle(model, citations.site)
    terms = glossary.abbreviations(model)
    made_from = {path: section.origin.file for path, (section, _) in handouts.items()}
    for path, subject in subjects.items():
        source = made_from.get(path) or source_of(subject, fixed)
        out[path] = finish_page(out[path], subject, citations, source, terms, model.paper)
    return dict(sorted(out.items()))
