"""The norms' index and a page per legal instrument or norm."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import urls
from ..model import Case, Instrument
from . import labels as lb
from . import markup as mk
from .blocks import Links, field, fields, first_sentence, join
from .cases import law_anchor
from .context import Context


def binding_label(norm: Instrument) -> str:
    """'binding', 'not binding', or for a treaty or protocol with no date of entry into force, 'not in force
    when last checked': such a treaty will bind its parties, which 'not binding' would deny."""
    if norm.binding:
        return "binding"
    if norm.kind in ("treaty", "protocol") and not any(d.event == "in-force" for d in norm.dates):
        return "not in force when last checked"
    return "not binding"


def norms_index_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.NORMS, model, rel)

    def tree(parent: str, depth: int) -> list[str]:
        lines = []
        for norm in model.instruments:
            if norm.parent == parent:
                binding = binding_label(norm)
                lines.append(f"{'    ' * depth}- {ln.to(norm, norm.title)} — {lb.NORM_KINDS[norm.kind].lower()}, "
                             f"{binding}")
                lines += tree(norm.id, depth + 1)
        return lines

    return join(
        mk.front_matter(description="The treaties, articles, rules and political commitments that bear on "
                                    "digital diplomacy, with the cases where they are at stake."),
        "# Norms",
        "The legal instruments and norms the paper and the cases touch on. Articles and rules sit under the "
        "instrument they belong to.",
        "\n".join(tree("", 0)),
    )


def _descendants(norm_id: str, children: dict[str, list[str]]) -> list[str]:
    found: list[str] = []
    for child in children.get(norm_id, []):
        if child not in found:
            found += [child, *(d for d in _descendants(child, children) if d not in found)]
    return found


def _related(norm: Instrument, ctx: Context, ln: Links, by_norm: dict[str, list[Any]], title: str,
             show: Callable[[Any], str], none: str) -> list[str]:
    """A norm's own cases (or claims), then those of its articles and rules, then those that name the
    instrument it belongs to: a reader on either page sees all that bear on it."""
    norms = ctx.model.by_id["norm"]
    own = by_norm.get(norm.id, [])
    seen = {id(e) for e in own}
    below = []
    for child in _descendants(norm.id, ctx.relations.children):
        for entity in by_norm.get(child, []):
            if id(entity) not in seen:
                seen.add(id(entity))
                below.append(f"{show(entity)} (under {ln.to(norms[child], lb.label(norms[child]))})")
    above = []
    if norm.parent:
        for entity in by_norm.get(norm.parent, []):
            if id(entity) not in seen:
                seen.add(id(entity))
                above.append(show(entity))
    total = len(own) + len(below) + len(above)
    parts = [f"## {title} ({total})", mk.bullets([show(e) for e in own]) if own or not total else ""]
    if not total:
        parts[1] = none
    if below:
        parts += [f"Under its articles and rules:\n\n{mk.bullets(below)}"]
    if above:
        parent = norms[norm.parent]
        parts += [f"Citing {ln.to(parent, lb.label(parent))} as a whole, not one of its parts:\n\n{mk.bullets(above)}"]
    return parts


def case_and_analysis(case: Case, norm_id: str, ln: Links) -> str:
    """A case, and a link to where its page says how this norm applies, if it does."""
    if not any(analysis.norm == norm_id for analysis in case.legal):
        return ln.to(case)
    page, _ = urls.page_of(case)
    return f"{ln.to(case)} — {ln.page_link(page + '#' + law_anchor(norm_id), 'how it applies')}"


def norm_page(norm: Instrument, ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    page, _ = urls.page_of(norm)
    ln = Links(page, model, rel)
    binding = binding_label(norm)
    dates = [f"{mk.inline(e.event.replace('-', ' ').capitalize())}: {lb.human_date(e.date)}"
             + (f" — {mk.inline(e.note)}" if e.note else "") for e in norm.dates]
    return join(
        mk.front_matter(description=first_sentence(norm.summary)),
        mk.heading(1, norm.title),
        fields(
            field("Kind", lb.NORM_KINDS[norm.kind]),
            field("Short name", mk.inline(norm.short)),
            field("Binding", {"binding": "yes", "not binding": "no"}.get(binding, f"not yet: {binding}")),
            field("Part of", ln.to(model.by_id["norm"][norm.parent], model.by_id["norm"][norm.parent].title)
                   if norm.parent else ""),
            field("Contains", ln.ids("norm", rel.children.get(norm.id, []))),
            field("Official text", mk.external(norm.url, norm.url) if norm.url else ""),
        ),
        mk.paragraphs(norm.summary),
        f"> {mk.quoted(norm.quote)}\n>\n> — {mk.inline(norm.title)}" if norm.quote else "",
        ("## Dates\n\n" + mk.bullets(dates)) if dates else "",
        f"**Status:** {mk.inline(norm.status)}" if norm.status else "",
        *_related(norm, ctx, ln, rel.cases_by_norm, "Cases", lambda c: case_and_analysis(c, norm.id, ln),
                  "No cases yet."),
        *_related(norm, ctx, ln, rel.claims_by_norm, "The paper’s claims",
                  lambda c: f"{ln.to(c)} {mk.badge(lb.VERDICTS[c.verdict], c.verdict)}", "None."),
        "## Sources",
        mk.bullets([ln.citation(c) for c in norm.sources]),
    )
