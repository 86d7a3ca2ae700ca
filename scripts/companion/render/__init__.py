"""Render the model into files: ``render_site(model, citations) -> {docs-relative path: text}``.

Most are Markdown pages; the data downloads (JSON, CSV, JSON Schema, BibTeX, RIS) come out
the same way. Every page ends with its "Cite this page" box and carries the meta tags that
reference managers read (citation_title, citation_date) in its front matter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .. import urls
from ..citation import Page, citation_title, item_id
from ..model import Model
from ..problems import BuildError
from . import explore, exports, pages
from . import markup as mk
from .citebox import Citations
from .relations import relate

# The pages that are not one entity's own, with their titles (for citations and meta tags).
INDEX_TITLES: dict[str, Callable[[Model], str]] = {
    urls.HOME: lambda m: f"{m.paper.title}: a research companion",
    urls.PAPER: lambda m: "The paper, section by section",
    urls.REFERENCES: lambda m: "References",
    urls.THREATS: lambda m: "Threats",
    urls.CASES: lambda m: "Cases",
    explore.TIMELINE: lambda m: "Timeline of the cases",
    explore.MATRIX: lambda m: "Threats × cases",
    urls.ACTORS: lambda m: "Actors",
    urls.NORMS: lambda m: "Norms",
    exports.DOWNLOADS: lambda m: "Downloads",
    urls.GLOSSARY: lambda m: "Glossary",
}


def finish_page(markdown: str, subject: object, citations: Citations, source: str,
                glossary: dict[str, str] | None = None) -> str:
    """A page with its citation metadata and source file in the front matter, its cite box at the end,
    and the glossary's terms as abbreviations (a tooltip wherever a term appears)."""
    item = citations.items[item_id(subject)]
    date = "/".join(f"{p:02d}" for p in item["issued"]["date-parts"][0])
    jsonld = {"@context": "https://schema.org", "@type": "WebPage", "name": item["title"], "url": item["URL"],
              "dateModified": "-".join(f"{p:02d}" for p in item["issued"]["date-parts"][0]),
              "version": citations.site.version,
              "isPartOf": {"@type": "WebSite", "name": citations.site.name, "url": citations.site.url}}
    markdown = mk.with_front_matter(markdown, jsonld=jsonld, citation_title=citation_title(subject),
                                    citation_date=date, source=source)
    terms = pages.abbreviations_in(markdown, glossary or {})
    end = citations.box(item_id(subject), "Cite this page") + (f"\n\n{terms}" if terms else "")
    return markdown.rstrip("\n") + "\n\n" + end + "\n"


def source_of(subject: object, model: Model) -> str:
    """The file (or folder, ending in '/') a page is made from, for its edit link."""
    if isinstance(subject, Page):
        folders = {urls.CASES: "data/cases/", explore.TIMELINE: "data/cases/", explore.MATRIX: "data/cases/",
                   exports.DOWNLOADS: "data/cases/", urls.PAPER: "data/sections/", urls.HOME: "data/paper.yaml",
                   urls.THREATS: "data/threats.yaml", urls.ACTORS: "data/actors.yaml",
                   urls.NORMS: "data/instruments.yaml", urls.REFERENCES: "data/references.yaml",
                   urls.GLOSSARY: "data/glossary.yaml"}
        return folders.get(subject.path, f"docs/{subject.path}")
    return subject.origin.file


def render_site(model: Model, citations: Citations) -> dict[str, str]:
    """Every generated file, keyed by its docs-relative path, sorted: same model, same bytes."""
    rel = replace(relate(model), citations=citations)
    out = {
        urls.HOME: pages.home_page(model, rel),
        urls.PAPER: pages.paper_index_page(model, rel),
        urls.REFERENCES: pages.references_page(model, rel),
        urls.THREATS: pages.threats_index_page(model, rel),
        urls.CASES: explore.explorer_page(model, rel),
        explore.TIMELINE: explore.timeline_page(model, rel),
        explore.MATRIX: explore.matrix_page(model, rel),
        exports.DOWNLOADS: exports.downloads_page(model),
        **exports.exports(model),
        urls.ACTORS: pages.actors_index_page(model, rel),
        urls.NORMS: pages.norms_index_page(model, rel),
        urls.GLOSSARY: pages.glossary_page(model, rel),
    }
    entity_pages = [(section, pages.section_page) for section in model.sections] + \
        [(threat, pages.threat_page) for threat in model.threats] + \
        [(case, pages.case_page) for case in model.cases] + \
        [(actor, pages.actor_page) for actor in model.actors] + \
        [(norm, pages.norm_page) for norm in model.instruments]
    for entity, page in entity_pages:
        path = urls.page_of(entity)[0]
        if path in out:  # validate reports reserved and duplicate ids; never let one page replace another
            raise BuildError(f"two pages would be written to {path} (the second from {entity.origin.file})")
        out[path] = page(entity, model, rel)
    out.update(exports.bibliography_exports(model, citations))
    subjects = {path: Page(path, title(model)) for path, title in INDEX_TITLES.items()}
    for entity in (*model.sections, *model.threats, *model.cases, *model.actors, *model.instruments):
        subjects[urls.page_of(entity)[0]] = entity
    glossary = pages.abbreviations(model)
    for path, subject in subjects.items():
        out[path] = finish_page(out[path], subject, citations, source_of(subject, model), glossary)
    return dict(sorted(out.items()))
