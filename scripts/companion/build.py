"""From a checked model to every generated file: citations first, then pages.

    model ─▶ CSL-JSON items (citation.py, pure)
          ─▶ styled entries (citeproc.py: one pandoc run per style)
          ─▶ pages and downloads (render/, pure)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from . import citeproc, urls
from .citation import Page, Site, csl_item, item_id
from .model import Model
from .problems import BuildError
from .render import INDEX_TITLES, finish_page, render_site
from .render.citebox import Citations
from .render.pages import abbreviations


def page_dates(model: Model, file_dates: dict[str, str], fallback: str) -> Callable[[str], str]:
    """changed(page path) -> the newest last-changed date of the data files the page shows."""
    sources: dict[str, set[str]] = {}

    def add(path: str, *files: str) -> None:
        sources.setdefault(path, set()).update(files)

    everything = {e.origin.file for e in (*model.sections, *model.cases, *model.glossary)} | {
        model.paper.origin.file, *(e.origin.file for e in (*model.references, *model.threats, *model.actors,
                                                            *model.instruments))}
    for entity in (*model.sections, *model.threats, *model.cases, *model.actors, *model.instruments):
        add(urls.page_of(entity)[0], entity.origin.file)
    for section in model.sections:  # a section page also shows the references its claims cite
        add(urls.page_of(section)[0], model.references[0].origin.file if model.references else "")
    kinds = {urls.THREATS: model.threats, urls.CASES: model.cases, urls.ACTORS: model.actors,
             urls.NORMS: model.instruments, urls.REFERENCES: model.references, urls.GLOSSARY: model.glossary}
    for path, entities in kinds.items():
        add(path, *(e.origin.file for e in entities))
    for path in INDEX_TITLES:
        if path not in sources:
            add(path, *everything)

    def changed(path: str) -> str:
        files = sources.get(path) or {f"docs/{path}"}
        return max(file_dates.get(f, fallback) for f in files if f) if files else fallback

    return changed


def citable(model: Model) -> list[object]:
    """Everything that gets a citation: pages, claims, the paper and each reference."""
    return [*(Page(path, title(model)) for path, title in INDEX_TITLES.items()),
            *model.sections, *model.claims, *model.threats, *model.cases, *model.actors, *model.instruments,
            model.paper, *model.references]


def citations_for(model: Model, site: Site, changed: Callable[[str], str],
                  extra_pages: list[Page] = (), cache_dir: Path | None = None) -> Citations:
    items = {item_id(t): csl_item(t, site, changed) for t in [*citable(model), *extra_pages]}
    return Citations(site, items, citeproc.format_all(list(items.values()), cache_dir))


def page_title(markdown: str, path: str) -> str:
    """A hand-written page's title: its first '# ' heading."""
    match = re.search(r"^# (.+?)\s*$", markdown, re.M)
    return match.group(1) if match else path


def render_all(model: Model, site: Site, file_dates: dict[str, str],
               hand_written: dict[str, str] | None = None, cache_dir: Path | None = None) -> dict[str, str]:
    """Every generated file, plus the hand-written pages ({path: Markdown}) with their cite boxes added.

    ``cache_dir`` keeps styled citations between runs (see cache.py); the output is the same."""
    hand_written = hand_written or {}
    changed = page_dates(model, file_dates, site.released)
    extra = {path: Page(path, page_title(markdown, path)) for path, markdown in hand_written.items()}
    citations = citations_for(model, site, changed, list(extra.values()), cache_dir)
    out = render_site(model, citations)
    glossary = abbreviations(model)
    for path, markdown in hand_written.items():
        if path in out:
            raise BuildError(f"docs/{path} is hand-written but the same page is generated from data: rename it")
        out[path] = finish_page(markdown, extra[path], citations, f"docs/{path}", glossary)
    return dict(sorted(out.items()))
