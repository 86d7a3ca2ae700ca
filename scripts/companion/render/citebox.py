"""The "Cite this page" and "Cite this claim" boxes: every format of one CSL-JSON item.

The styled strings come from the CSL processor (passed in, already formatted); BibTeX,
RIS and CSL-JSON are made here from the same item. The access date is a placeholder that
the reader's browser fills with today's date (docs/javascripts/cite.js); without
JavaScript the placeholder stays, visibly.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import bibtex, ris
from ..citation import Site, without_access_date
from ..citeproc import STYLES, ReferenceList, mark_accessed
from . import labels as lb

_NOT_IN_ID = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class Citations:
    """Everything a page needs to show citations: the items and their styled forms."""

    site: Site
    items: dict[str, dict[str, Any]]  # item id -> CSL-JSON
    styled: dict[str, dict[str, str]]  # style -> item id -> entry HTML, each formatted as if it stood alone
    references: ReferenceList  # the references formatted as one list (year suffixes, in-text forms)
    sections: dict[str, dict[str, str]]  # section id -> style -> the paper cited in the text at that section

    def box(self, item_id: str, heading: str, in_text: dict[str, str] | None = None, group: str = "") -> str:
        return cite_box(self, item_id, heading, in_text, group)


def exports_of(item: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """{format label: (format name, text)} for the machine-readable formats of one item. They carry no
    access date: the reader's browser adds today's (docs/javascripts/cite.js), and text taken without
    the script holds no placeholder that would land in a reference manager as a date."""
    return _exports(json.dumps(without_access_date(item), ensure_ascii=False))


@lru_cache(maxsize=20_000)
def _exports(item_json: str) -> dict[str, tuple[str, str]]:
    # Kept for the life of the process: `mkdocs serve` renders every page again on each edit,
    # and writing BibTeX is the slowest part of a page.
    item = json.loads(item_json)
    return {
        "BibTeX": ("bibtex", bibtex.bibtex([item]).strip()),
        "RIS": ("ris", ris.ris([item]).strip()),
        "CSL-JSON": ("csl-json", json.dumps([item], ensure_ascii=False, indent=2)),
    }


def cite_box(citations: Citations, item_id: str, heading: str, in_text: dict[str, str] | None = None,
             group: str = "") -> str:
    """One raw HTML block: Markdown passes it through untouched, which keeps the build fast
    at thousands of pages, and it needs no script. The formats are radio-button tabs that
    work with CSS alone (stylesheets/extra.css), so the page carries no tab widgets for
    Material's JavaScript to set up. ``in_text`` adds each style's in-text citation (with a pinpoint)
    above its reference-list entry; ``group`` names the tabs where one page has two boxes of one item."""
    item = citations.items[item_id]
    panels = []
    for style, (label, _) in STYLES.items():
        entry = mark_accessed(citations.styled[style][item_id])
        cited = (f'<p class="cite-label">In the text:</p><p class="citation in-text" data-style="{style}">'
                 f'{html.escape(in_text[style], quote=False)}</p><p class="cite-label">In the reference list:</p>'
                 if in_text else "")
        panels.append((label, f'{cited}<p class="citation" data-style="{style}">{entry}</p>'))
    accessed = ' data-accessed="today"' if "accessed" in item else ""  # cite.js adds the date
    for label, (name, text) in exports_of(item).items():  # no <code>: Material would add its own copy button
        panels.append((label, f'<pre class="cite-export" data-format="{name}"{accessed}>'
                              f'{html.escape(text, quote=False)}</pre>'))
    group = "cite-" + _NOT_IN_ID.sub("-", group or item_id)
    # Kept out of the search index element by element: Material's search ends an exclusion at the
    # first closing tag with the excluded element's name, so a marked outer <div> would leak its
    # inner <div>s (and an outer <section> instead made Lighthouse's speed index 1.5 s worse).
    hidden = ' data-search-exclude="true"'
    tabs = "".join(f'<input type="radio" name="{group}" id="{group}-{n}"{" checked" if n == 1 else ""}>'
                   f'<label for="{group}-{n}"{hidden}>{label}</label>' for n, (label, _) in enumerate(panels, 1))
    bodies = "\n".join(f'<div class="cite-format"{hidden}>{body}</div>' for _, body in panels)
    issued = "-".join(str(p) for p in item["issued"]["date-parts"][0])
    facts = [f"Version {item['version']}" if item.get("version") else "",
             f"last changed {lb.human_date(_iso(issued))}" if item.get("version") else ""]
    lead = "".join(f" · {html.escape(fact)}" for fact in facts if fact)
    return (f'<div class="cite-box" data-pagefind-ignore="all">\n'
            f'<p class="cite-heading"{hidden}><strong>{html.escape(heading)}</strong>{lead}</p>\n'
            f'{addresses(citations.site, str(item.get("URL", "")))}'
            f'<div class="cite-formats" role="radiogroup" aria-label="Citation format">{tabs}\n{bodies}\n</div>\n'
            f'</div>')


def addresses(site: Site, url: str) -> str:
    """The addresses a page (or a claim on it) can be cited at, as a list for the box: in this edition, which
    never changes, and in the latest version, which follows corrections. Pages newer than every edition have
    only the latest; the box then names the newest edition, if there is one. Nothing for an item of another
    site (the paper)."""
    if not url.startswith(site.url):
        return ""
    path = url[len(site.url):]  # 'cases/x/#c1'; '' for the home page

    def link(address: str) -> str:
        return f'<a href="{html.escape(address)}">{html.escape(address, quote=False)}</a>'

    lines = []
    if site.edition:
        lines.append(f"This edition ({html.escape(site.edition)}), which never changes: "
                     f"{link(site.edition_url(site.edition) + path)}")
    lines.append(f"The latest version, which follows corrections: {link(site.latest + path)}")
    if not site.edition and site.newest_edition:
        lines.append(f"Not in an edition yet, so this text may differ from the newest edition, "
                     f"{html.escape(site.newest_edition)}, whose pages never change: "
                     f"{link(site.edition_url(site.newest_edition))}")
    items = "".join(f"<li>{line}</li>" for line in lines)
    return f'<ul class="cite-addresses" aria-label="Addresses to cite" data-search-exclude="true">{items}</ul>\n'


def _iso(dashed: str) -> str:
    parts = dashed.split("-")
    return "-".join([parts[0], *(f"{int(p):02d}" for p in parts[1:])])
