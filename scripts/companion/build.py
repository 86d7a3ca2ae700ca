"""From a checked model to every generated file: citations first, then pages.

    model ─▶ CSL-JSON items (citation.py, pure)
          ─▶ styled entries (citeproc.py: one pandoc run per style)
          ─▶ pages and downloads (render/, pure)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import citeproc, urls
from .citation import PAPER_KEY, Page, RecordPage, Site, csl_item, item_id, section_pinpoint
from .kinds import REGISTRY, every_entity, with_pages
from .model import Model
from .problems import BuildError
from .render import finish_page, fixed_pages, render_site
from .render.citebox import Citations
from .render.glossary import abbreviations
from .render.guides import handouts


@dataclass(frozen=True)
class HandWritten:
    """A page written by hand in docs/: its Markdown, its title, and the files its text comes from."""

    markdown: str
    title: str
    sources: tuple[str, ...]  # repository-relative: the page itself, then any file it includes


def page_dates(model: Model, file_dates: dict[str, str], fallback: str,
               hand_written: dict[str, tuple[str, ...]] | None = None) -> Callable[[str], str]:
    """changed(page path) -> the newest last-changed date of the files the page shows: the data files
    for generated pages, the page's own file and the files it includes for hand-written ones."""
    sources: dict[str, set[str]] = {path: set(files) for path, files in (hand_written or {}).items()}

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
    for path, (section, _) in handouts(model.sections).items():
        add(path, section.origin.file, *(r.origin.file for r in model.references[:1]))  # further reading

    def changed(path: str) -> str:
        files = sources.get(path) or {f"docs/{path}"}
        return max(file_dates.get(f, fallback) for f in files if f) if files else fallback

    return changed


def citable(model: Model, site_name: str) -> list[object]:
    """Everything that gets a citation: pages, claims, the paper and each reference."""
    return [*(Page(path, page.title(model, site_name)) for path, page in fixed_pages().items()),
            *(page for _, page in handouts(model.sections).values()),
            *(entity for kind, entity in every_entity(model) if kind.citation_title is not None),
            model.paper, *model.references, *(RecordPage(r) for r in model.references)]


def citations_for(model: Model, site: Site, changed: Callable[[str], str],
                  extra_pages: tuple[Page, ...] = (), cache_dir: Path | None = None) -> Citations:
    items = {item_id(t): csl_item(t, site, changed) for t in [*citable(model, site.name), *extra_pages]}
    reference_list = citeproc.format_reference_list([items[r.id] for r in model.references], cache_dir)
    return Citations(site, items, citeproc.format_all(list(items.values()), cache_dir), reference_list,
                     section_citations(model, items[PAPER_KEY], cache_dir))


def section_citations(model: Model, paper: dict[str, Any],
                      cache_dir: Path | None = None) -> dict[str, dict[str, str]]:
    """{section id: {style: the paper cited in the text at that section}}."""
    pinpoints = {style: [section_pinpoint(s, british=citeproc.LOCALES.get(style) == "en-GB") for s in model.sections]
                 for style in citeproc.STYLES}
    forms = citeproc.cited_at(paper, pinpoints, cache_dir)
    return {section.id: {style: forms[style][n] for style in citeproc.STYLES}
            for n, section in enumerate(model.sections)}


_HEADING = re.compile(r"^# (.+?)\s*$", re.M)
# pymdownx.snippets' include line (base_path is the repository's folder, see mkdocs.yml)
_INCLUDE = re.compile(r'^-{1,}8<-{1,} *"([^"\n]+)" *$', re.M)


def hand_written_page(docs: Path, page: Path) -> HandWritten:
    """A page of ``docs`` with the title a reader sees: its first '# ' heading, or else the first heading
    of a file it includes (docs/changelog.md shows CHANGELOG.md), never its file name."""
    markdown = page.read_text(encoding="utf-8")
    root = docs.parent
    included = [name for name in _INCLUDE.findall(markdown) if (root / name).is_file()]
    texts = [markdown, *((root / name).read_text(encoding="utf-8") for name in included)]
    title = next((m.group(1) for text in texts if (m := _HEADING.search(text))), None)
    own = page.relative_to(root).as_posix()
    if title is None:
        raise BuildError(f"{own} has no '# ' heading (nor does a file it includes): give the page a title")
    return HandWritten(markdown, title, (own, *included))


def hand_written_pages(docs: Path) -> dict[str, HandWritten]:
    """The Markdown pages written by hand in ``docs``, by their docs-relative path."""
    return {page.relative_to(docs).as_posix(): hand_written_page(docs, page) for page in sorted(docs.rglob("*.md"))}


def render_all(model: Model, site: Site, file_dates: dict[str, str],
               hand_written: dict[str, HandWritten] | None = None, cache_dir: Path | None = None) -> dict[str, str]:
    """Every generated file, plus the hand-written pages with their cite boxes added.

    ``cache_dir`` keeps styled citations between runs (see cache.py); the output is the same."""
    hand_written = hand_written or {}
    changed = page_dates(model, file_dates, site.released, {p: page.sources for p, page in hand_written.items()})
    extra = {path: Page(path, page.title) for path, page in hand_written.items()}
    citations = citations_for(model, site, changed, tuple(extra.values()), cache_dir)
    out = render_site(model, citations)
    glossary = abbreviations(model)
    for path, page in hand_written.items():
        if path in out:
            raise BuildError(f"docs/{path} is hand-written but the same page is generated from data: rename it")
        # The edit link goes to the file the text really comes from (CHANGELOG.md, not docs/changelog.md).
        out[path] = finish_page(page.markdown, extra[path], citations, page.sources[-1], glossary)
    return dict(sorted(out.items()))
