"""The corrected bibliography: each reference as printed beside the verified record."""

from __future__ import annotations

from typing import Any

from .. import urls
from ..citeproc import STYLES
from ..csltext import plain_title
from ..model import Reference
from . import labels as lb
from . import markup as mk
from .blocks import Links, count, field, join
from .context import Context
from .relations import Relations


def references_page(ctx: Context) -> str:
    """The bibliography as a list: each entry formatted in the chosen style, linked to its record's page.

    Each entry keeps the anchor it had when the records were on this page (``/references/#adesina2017``),
    so that addresses cited before stay good. The records have pages of their own: with them on one page
    the list grew by a screenful per source and became slow to open on a phone."""
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.REFERENCES, model, rel)
    # In APA's reference-list order, so that 2024a comes before 2024b.
    order = {ref_id: n for n, ref_id in enumerate(rel.citations.references.entries["apa"])}
    listed = sorted(model.references, key=lambda r: order.get(r.id, len(order)))
    in_paper = [r for r in listed if r.in_paper]
    extra = [r for r in listed if not r.in_paper]
    unverified = sum(1 for r in model.references if r.verification.status != "verified")
    return join(
        mk.front_matter(description="The corrected bibliography of the paper, with what it printed, the "
                                    "differences, and the further sources used on this site."),
        "# References",
        f"The paper prints {count(len(in_paper), 'reference')}; each has a page with what the paper printed, our "
        f"corrected record and the differences. {count(len(extra), 'further source')} used here to check the "
        f"claims. {count(unverified, 'entry')} not fully verified, marked {mk.badge('unverified', 'unverified')}. "
        "Each record's page lists where the source is cited.",
        STYLE_SWITCH,
        "The entries are formatted as one list, in APA 7 by default, so that works by the same author in the same "
        "year are told apart (2024a, 2024b) here and in the text; choose another style above, or download the whole "
        "list "
        f"as {ln.page_link('downloads.md', 'BibTeX, RIS or CSL-JSON')}.",
        f"## The paper’s references ({len(in_paper)})",
        *[_list_entry(r, ln, rel) for r in in_paper],
        f"## Further sources ({len(extra)})",
        *[_list_entry(r, ln, rel) for r in extra],
    )


def reference_page(reference: Reference, ctx: Context) -> str:
    """One source's page: how to cite it (four styles and three file formats, each copied alone), the
    corrected record, what the paper printed and how it differs, how it was verified, and every place the
    site cites it."""
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.page_of(reference)[0], model, rel)
    status = reference.verification.status
    cited = [f"{mk.inline(c.role.capitalize())} {ln.to(c.entity)}" for c in rel.citing.get(reference.id, [])]
    label = rel.reference_labels[reference.id]
    return join(
        mk.front_matter(description=f"The checked record of {label}: {plain_title(reference.record['title'])}"),
        mk.heading(1, label),
        f"{mk.badge(lb.STATUS[status], status)} `{reference.id}` · "
        + ln.page_link(f"{urls.REFERENCES}#{reference.id}", "in the list of references"),
        "## Cite this source",
        # The work's own citation, each format as if it stood alone (no "———", no year letter); the box at
        # the end of the page cites this page.
        rel.citations.box(reference.id, "This source"),
        "## Record",
        "\n".join(record_lines(reference.record)),
        *(["## As printed in the paper", f"> {mk.inline(reference.printed)}",
           ("**Differences:**\n\n" + mk.bullets([mk.inline(d) for d in reference.differences]))
           if reference.differences else _no_differences(reference)] if reference.printed else []),
        # Left out of the search index: the notes name what was read to verify the source, and "Cited in"
        # repeats other pages' titles; indexed, a short record page outranked the pages about those words
        # (a source on data destruction came first for "wiper malware", before the glossary's entry).
        '<div data-pagefind-ignore="all" markdown>',
        "## Verification",
        mk.inline(reference.verification.note),
        *(["## Cited in", mk.bullets(cited)] if cited else []),
        "</div>",
    )


def record_lines(record: dict[str, Any]) -> list[str]:
    """The corrected record as labelled lines (field names for readers, not a citation style)."""
    def names(key: str) -> str:
        return mk.inline("; ".join(lb.person(n) for n in record.get(key, ())))

    volume = ", ".join(filter(None, [f"vol. {record['volume']}" if "volume" in record else "",
                                     f"no. {record['issue']}" if "issue" in record else "",
                                     f"pp. {record['page']}" if "page" in record else "",
                                     f"article {record['number']}" if "number" in record and
                                     record["type"].startswith("article") else ""]))
    number = record.get("number", "") if not record["type"].startswith("article") else ""
    return [line for line in [
        field("Type", lb.REFERENCE_TYPES[record["type"]] + (f" ({mk.inline(record['genre'])})"
                                                              if "genre" in record else "")),
        field("Author", names("author")),
        field("Editor", names("editor")),
        field("Title", mk.inline(plain_title(record["title"]))),
        field("In", mk.inline(record.get("container-title", ""))),
        field("Series", mk.inline(" ".join(filter(None, [record.get("collection-title", ""),
                                                           record.get("collection-number", "")])))),
        field("Volume", mk.inline(volume)),
        field("Number", mk.inline(number)),
        field("Edition", mk.inline(record.get("edition", ""))),
        field("Publisher", mk.inline(", ".join(filter(None, [record.get("publisher", ""),
                                                               record.get("publisher-place", "")])))),
        field("Date", lb.human_date(record["issued"])),
        field("ISBN", mk.inline(record.get("ISBN", ""))),
        field("DOI", mk.external(record["DOI"], "https://doi.org/" + record["DOI"]) if "DOI" in record else ""),
        field("URL", mk.external(record["URL"], record["URL"]) if "URL" in record else ""),
    ] if line]


DEFAULT_STYLE = "apa"  # shown before a reader chooses (extra.css shows APA while no style is chosen)
STYLE_SWITCH = ('<form class="style-switch" hidden><label>Citation style <select name="style">'
                + "".join(f'<option value="{key}">{label}</option>' for key, (label, _) in STYLES.items())
                + "</select></label></form>")


def _no_differences(reference: Reference) -> str:
    if not reference.printed:
        return ""
    if reference.verification.status == "verified":
        return "**Differences:** none: the paper printed this reference correctly."
    return "**Differences:** none found, but the record could not be checked against the source."


def _print_differences(reference: Reference) -> str:
    if not reference.printed:
        return ""
    if reference.differences:
        return f"{count(len(reference.differences), 'difference')} from the paper’s print"
    return "printed correctly in the paper" if reference.verification.status == "verified" else "no differences found"


def _list_entry_text(rel: Relations, style: str, reference_id: str) -> str:
    """The entry as the style formats it in this list (year letters where two would be equal). MLA's entry
    is the one it has alone: the list is in APA's order, in which MLA's "———" for "the same author as
    above" would follow another author."""
    if style == "mla":
        return rel.citations.styled[style][reference_id]
    return rel.citations.references.entries[style][reference_id]


def _list_entry(reference: Reference, ln: Links, rel: Relations) -> str:
    """One entry of the list, under the anchor the reference has had on this page since 0.1: its label linked
    to its page, its status, what its page holds, and the entry in each style. Kept small (a long list is
    styled and laid out again several times as the page opens)."""
    status = reference.verification.status
    places = len({urls.public_url(c.entity) for c in rel.citing.get(reference.id, [])})  # a page once, in any role
    about = [_print_differences(reference), f"cited in {count(places, 'place')}" if places else ""]
    return join(
        f"{ln.to(reference)} {mk.badge(lb.STATUS[status], status)}"
        + "".join(f" · {a}" for a in about if a) + f"\n{{: #{reference.id} .reference-head }}",
        # The other styles wait in <template>s, which the browser neither styles nor lays out; the style
        # switch (docs/javascripts/cite.js) puts a style's entries into the page when a reader chooses it.
        '<div class="styled-reference">' + "".join(
            (f'<p class="citation" data-style="{style}">{entry}</p>' if style == DEFAULT_STYLE else
             f'<template data-style="{style}"><p class="citation" data-style="{style}">{entry}</p></template>')
            for style in STYLES
            for entry in [mk.inert_html(_list_entry_text(rel, style, reference.id))])
        + "</div>",
    )
