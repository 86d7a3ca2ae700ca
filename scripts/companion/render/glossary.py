"""The glossary page, and its terms as abbreviations (tooltips) on every page that uses them."""

from __future__ import annotations

import re

from .. import urls
from ..model import Model
from ..problems import BuildError
from . import markup as mk
from .blocks import Links, count, field, fields, first_sentence, join
from .context import Context


def glossary_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.GLOSSARY, model, rel)
    entries = []
    for term in sorted(model.glossary, key=lambda t: t.term.casefold()):
        entries.append(join(
            mk.heading(2, term.term, anchor=term.id, search_weight=10),  # a term is found at its entry
            mk.paragraphs(term.definition),
            fields(
                field("Also written", mk.inline(", ".join(term.also))),
                field("In our taxonomy", ln.to(model.by_id["threat"][term.threat]) if term.threat else ""),
            ),
            "**Sources:**\n\n" + mk.bullets([ln.citation(c) for c in term.sources]),
        ))
    return join(
        mk.front_matter(description="The terms of digital and cyber diplomacy used on this site, defined, with "
                                    "a source for each."),
        mk.heading(1, "Glossary"),
        f"{count(len(model.glossary), 'term')} of the field, in our words, each with a source. Wherever one of "
        "these terms appears on the site, point at it (or move to it with the keyboard) to see its definition.",
        *entries,
    )


# What Markdown's abbreviation syntax, "*[term]: definition", takes as a term. A line it does not
# take becomes an ordinary paragraph, Markdown and all: a term with a backslash made live markup.
_ABBREVIATION = re.compile(r"[^\\\[\]\s](?:[^\\\[\]\n]*[^\\\[\]\s])?")


def abbreviations(model: Model) -> dict[str, str]:
    """Each spelling of a glossary term with the tooltip it gets wherever it appears (Markdown's abbreviations)."""
    found = {}
    for term in model.glossary:
        tooltip = mk.tooltip(first_sentence(term.definition))
        for spelling in (term.term, *term.also):
            if not _ABBREVIATION.fullmatch(spelling) or not tooltip or tooltip in ("''", '""'):
                raise BuildError(f"glossary term {spelling!r} ({term.origin.file}:{term.origin.line()}) cannot be "
                                 "written as a Markdown abbreviation: no backslash or square bracket in a term, "
                                 "and a definition that starts with words")
            found[spelling] = tooltip
    return found


def abbreviations_in(markdown: str, glossary: dict[str, str]) -> str:
    """The abbreviation definitions for the terms that occur in ``markdown``.

    Only those: every definition costs Markdown time on every page (with all of them on every page,
    they made up 40 % of a case page's conversion). A term's text must be in the page to be marked,
    so a substring test never drops one that Markdown would use. One block each: Markdown re-scans
    the rest of a block after every definition it takes out (239 pages: 23 s of Markdown in one block,
    4.7 s apart)."""
    return "\n\n".join(f"*[{spelling}]: {tooltip}" for spelling, tooltip in sorted(glossary.items())
                         if spelling in markdown)
