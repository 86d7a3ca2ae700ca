"""The one place that knows where every entity's page and anchor is.

``page_of`` gives the Markdown source path (docs-relative) and anchor; ``href`` a relative
link between two pages (MkDocs checks these in a strict build); ``public_url`` the URL a
reader sees, used for canonical links and the list of public URLs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Model

HOME = "index.md"
PAPER = "paper/index.md"
THREATS = "threats/index.md"
CASES = "cases/index.md"
ACTORS = "actors/index.md"
NORMS = "norms/index.md"
REFERENCES = "references.md"
GLOSSARY = "glossary.md"
TIMELINE = "cases/timeline.md"
MATRIX = "cases/matrix.md"
# Pages of no kind that live beside entities' own pages (each kind's index is in its record,
# kinds/): no entity may take one of their addresses.
FIXED_PAGES = {TIMELINE: "the timeline", MATRIX: "the threat × case matrix"}


def page_of(entity: object) -> tuple[str, str]:
    """(Markdown source path, anchor or '') of an entity: its kind says (kinds/)."""
    from .kinds import kind_of

    kind = kind_of(entity)
    if kind.page is None:
        raise TypeError(f"a {kind.name} has no page")
    return kind.page(entity)


def href(from_page: str, target: object | str) -> str:
    """Relative link from the page ``from_page`` to an entity (or to another page's source path)."""
    path, anchor = (target, "") if isinstance(target, str) else page_of(target)
    if "#" in path:
        path, anchor = path.split("#", 1)
    relative = "" if path == from_page else _relative(path, posixpath.dirname(from_page) or ".")
    return relative + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative(path: str, folder: str) -> str:
    # relpath makes both paths absolute first, which was a tenth of the render time at 1,000 cases;
    # pages link from a handful of folders to the same targets again and again.
    return posixpath.relpath(path, folder)


def url_of_page(path: str) -> str:
    """Site URL path of a Markdown source, as MkDocs builds it with directory URLs."""
    if path == HOME:
        return "/"
    stem = path.removesuffix(".md")
    if stem.endswith("/index"):
        stem = stem.removesuffix("/index")
    return f"/{stem}/"


def public_url(entity: object) -> str:
    path, anchor = page_of(entity)
    return url_of_page(path) + (f"#{anchor}" if anchor else "")


def relative_url(from_page: str, target: object, directory_urls: bool = True) -> str:
    """Relative URL from one page to an entity, for raw HTML (SVG) that MkDocs does not rewrite.

    Without directory URLs (the offline copy, opened from disk) pages are files: cases/x.html.
    """
    path, anchor = page_of(target)
    if not directory_urls:
        relative = posixpath.relpath(path.removesuffix(".md") + ".html", posixpath.dirname(from_page) or ".")
        return relative + (f"#{anchor}" if anchor else "")
    here, there = url_of_page(from_page), url_of_page(path)
    relative = posixpath.relpath(there, here) + "/" if there != here else ""
    return ("./" if relative == "./" else relative) + (f"#{anchor}" if anchor else "")


def public_urls(page_paths: Iterable[str], model: Model) -> set[str]:
    """Every page's address, and the anchors people cite: claims, references and glossary terms."""
    pages = {url_of_page(path) for path in page_paths if path.endswith(".md")}
    return pages | {public_url(entity) for entity in (*model.claims, *model.references, *model.glossary)}


_EDITION_URL = re.compile(r"/(\d+\.\d+\.\d+)/")


def edition_of_url(url: str) -> str | None:
    """The edition an address is in ('1.2.0' for /1.2.0/cases/x/), or None for the latest site's."""
    found = _EDITION_URL.match(url)
    return found.group(1) if found else None


def edition_permalinks(version: str, released: Iterable[str]) -> set[str]:
    """An edition's addresses: those released up to it (its own list), under /X.Y.Z/ (editions.py)."""
    return {f"/{version}{url}" for url in released if edition_of_url(url) is None}


RELEASED_URLS_HEADER = ("# Every URL and anchor released up to version {version}; "
                        "none may disappear (tests/test_build.py).")


def read_released_urls(text: str) -> tuple[str, set[str]]:
    """(the release the list was last brought up to, the URLs) of tests/public-urls.txt."""
    version = ""
    urls: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#"):
            found = re.search(r"version (\S+);", line)
            version = found.group(1) if found else version
        elif line.strip():
            urls.add(line.strip())
    return version, urls


def released_urls_file(version: str, urls: Iterable[str]) -> str:
    return RELEASED_URLS_HEADER.format(version=version) + "\n" + "\n".join(sorted(set(urls))) + "\n"
