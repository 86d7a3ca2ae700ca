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
from .kinds import REGISTRY, every_entity, with_pages
from .model import Model
from .problems import BuildError
from .render import finish_page, fixed_pages, render_site
from .render.citebox import Citations
from .render.glossary import abbreviations


def page_dates(model: Model, file_dates: dict[str, str], fallback: str) -> Callable[[str], str]:
    """changed(page path) -> the newest last-changed date of the data files the page shows."""
    sources: dict[str, set[str]] = {}

    def add(path: str, *files: str) -> None:
        sources.setdefault(path, set()).update(files)

    every_file = {model.paper.origin.file} | {entity.origin.file for _, entity in every_entity(model)}
    for _, entity in with_pages(model):
        add(urls.page_of(entity)[0], entity.origin.file)
    for section in model.sections:  # a section page also shows the references its claims cite
        add(urls.page_of(section)[0], model.references[0].origin.file if model.references else "")
    for kind in REGISTRY.values():
        if kind.index:
            add(kind.index, *(entity.origin.file for entity in model.of(kind.name)))
    for path in fixed_pages():
        if path not in sources:
            add(path, *every_file)

    def changed(path: str) -> str:
        files = sources.get(path) or {f"docs/{path}"}
        return max(file_dates.get(f, fallback) for f in files if f) if files else fallback

    return changed


def citable(model: Model) -> list[object]:
    """Everything that gets a citation: pages, claims, the paper and each reference."""
    return [*(Page(path, page.title(model)) for path, page in fixed_pages().items()),
            *(entity for kind, entity in every_entity(model) if kind.citation_title is not None),
            model.paper, *model.references]


def citations_for(model: Model, site: Site, changed: Callable[[str], str],
                  extra_pages: tuple[Page, ...] = (), cache_dir: Path | None = None) -> Citations:
    items = {item_id(t): csl_item(t, site, changed) for t in [*citable(model), *extra_pages]}
    return Citations(site, items, citeproc.format_all(list(items.values()), cache_dir))


def page_title(markdown: str, path: str) -> str:
    """A hand-written page's title: its first '# ' heading."""
    match = re.search(r"^# (.+?)\s*$", markdown, re.M)
    return match.group(1) if match else path


def hand_written_pages(docs: Path) -> dict[str, str]:
    """The Markdown pages written by hand in ``docs``, by their docs-relative path."""
    return {page.relative_to(docs).as_posix(): page.read_text(encoding="utf-8") for page in docs.rglob("*.md")}


def render_all(model: Model, site: Site, file_dates: dict[str, str],
               hand_written: dict[str, str] | None = None, cache_dir: Path | None = None) -> dict[str, str]:
    """Every generated file, plus the hand-written pages ({path: Markdown}) with their cite boxes added.

    ``cache_dir`` keeps styled citations between runs (see cache.py); the output is the same."""
    hand_written = hand_written or {}
    changed = page_dates(model, file_dates, site.released)
    extra = {path: Page(path, page_title(markdown, path)) for path, markdown in hand_written.items()}
    citations = citations_for(model, site, changed, tuple(extra.values()), cache_dir)
    out = render_site(model, citations)
    glossary = abbreviations(model)
    for path, markdown in hand_written.items():
        if path in out:
            raise BuildError(f"docs/{path} is hand-written but the same page is generated from data: rename it")
        out[path] = finish_page(markdown, extra[path], citations, f"docs/{path}", glossary)
    return dict(sorted(out.items()))
