"""The norms' index and a page per legal instrument or norm."""

from __future__ import annotations

from .. import urls
from ..model import Instrument
from . import labels as lb
from . import markup as mk
from .blocks import Links, field, fields, first_sentence, join
from .context import Context


def norms_index_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.NORMS, model, rel)

    def tree(parent: str, depth: int) -> list[str]:
        lines = []
        for norm in model.instruments:
            if norm.parent == parent:
                binding = "binding" if norm.binding else "not binding"
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


def norm_page(norm: Instrument, ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    page, _ = urls.page_of(norm)
    ln = Links(page, model, rel)
    cases = rel.cases_by_norm.get(norm.id, [])
    claims = rel.claims_by_norm.get(norm.id, [])
    dates = [f"{mk.inline(e.event.replace('-', ' ').capitalize())}: {lb.human_date(e.date)}"
             + (f" — {mk.inline(e.note)}" if e.note else "") for e in norm.dates]
    return join(
        mk.front_matter(description=first_sentence(norm.summary)),
        mk.heading(1, norm.title),
        fields(
            field("Kind", lb.NORM_KINDS[norm.kind]),
            field("Short name", mk.inline(norm.short)),
            field("Binding", "yes" if norm.binding else "no"),
            field("Part of", ln.to(model.by_id["norm"][norm.parent], model.by_id["norm"][norm.parent].title)
                   if norm.parent else ""),
            field("Contains", ln.ids("norm", rel.children.get(norm.id, []))),
            field("Official text", mk.external(norm.url, norm.url) if norm.url else ""),
        ),
        mk.paragraphs(norm.summary),
        f"> {mk.quoted(norm.quote)}\n>\n> — {mk.inline(norm.title)}" if norm.quote else "",
        ("## Dates\n\n" + mk.bullets(dates)) if dates else "",
        f"**Status:** {mk.inline(norm.status)}" if norm.status else "",
        f"## Cases ({len(cases)})",
        mk.bullets([ln.to(c) for c in cases]) or "No cases yet.",
        f"## The paper’s claims ({len(claims)})",
        mk.bullets([f"{ln.to(c)} {mk.badge(lb.VERDICTS[c.verdict], c.verdict)}" for c in claims]) or "None.",
        "## Sources",
        mk.bullets([ln.citation(c) for c in norm.sources]),
    )
