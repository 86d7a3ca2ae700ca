"""The "Cite this page" and "Cite this claim" boxes: every format of one CSL-JSON item.

The styled strings come from the CSL processor (passed in, already formatted); BibTeX,
RIS and CSL-JSON are made here from the same item. The access date is a placeholder that
the reader's browser fills with today's date (docs/javascripts/cite.js); without
JavaScript the placeholder stays, visibly.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

from .. import bibtex, ris
from ..citation import ACCESSED_SENTINEL, Site
from ..citeproc import STYLES, mark_accessed
from . import labels as lb
from . import markup as mk

ACCESSED_PLACEHOLDER = "YYYY-MM-DD"


@dataclass(frozen=True)
class Citations:
    """Everything a page needs to show citations: the items and their styled forms."""

    site: Site
    items: dict[str, dict]  # item id -> CSL-JSON
    styled: dict[str, dict[str, str]]  # style -> item id -> entry HTML

    def box(self, item_id: str, heading: str, note: str = "") -> str:
        return cite_box(self, item_id, heading, note)


def _without_sentinel(item: dict) -> dict:
    if "accessed" not in item:
        return item
    return {**item, "accessed": {"raw": ACCESSED_PLACEHOLDER}}


def exports_of(item: dict) -> dict[str, tuple[str, str]]:
    """{format label: (code language, text)} for the machine-readable formats of one item."""
    return {
        "BibTeX": ("bibtex", bibtex.bibtex([item]).strip().replace(ACCESSED_SENTINEL, ACCESSED_PLACEHOLDER)),
        "RIS": ("text", ris.ris([item]).strip().replace("1900/01/01/", "YYYY/MM/DD/")),
        "CSL-JSON": ("json", json.dumps([_without_sentinel(item)], ensure_ascii=False, indent=2)),
    }


def _tab(label: str, body: str) -> str:
    return f'=== "{label}"\n\n' + textwrap.indent(body, "    ") + "\n"


def cite_box(citations: Citations, item_id: str, heading: str, note: str = "") -> str:
    item = citations.items[item_id]
    tabs = []
    for style, (label, _) in STYLES.items():
        entry = mk.inert_html(mark_accessed(citations.styled[style][item_id]))
        tabs.append(_tab(label, f'<p class="citation" data-style="{style}">{entry}</p>'))
    for label, (language, text) in exports_of(item).items():
        tabs.append(_tab(label, f"``` {language}\n{text}\n```"))
    issued = "-".join(str(p) for p in item["issued"]["date-parts"][0])
    facts = [f"Version {item['version']}" if item.get("version") else "",
             f"last changed {lb.human_date(_iso(issued))}" if item.get("version") else ""]
    lead = " · ".join(filter(None, facts))
    return (f'<div class="cite-box" markdown data-search-exclude="true">\n\n**{heading}**'
            + (f" · {lead}" if lead else "") + "\n\n"
            + (f"{note}\n\n" if note else "")
            + "\n".join(tabs)
            + "\n</div>")


def _iso(dashed: str) -> str:
    parts = dashed.split("-")
    return "-".join([parts[0], *(f"{int(p):02d}" for p in parts[1:])])
