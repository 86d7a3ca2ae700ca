"""The threat taxonomy and a page per threat."""

from __future__ import annotations

from .. import urls
from ..model import Threat
from . import labels as lb
from . import markup as mk
from .blocks import Links, count, field, fields, first_sentence, join
from .context import Context
from .explore import legend, taxonomy_svg


def threats_index_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.THREATS, model, rel)
    threats = model.by_id["threat"]

    def tree(parent: str, depth: int) -> list[str]:
        lines = []
        for threat in model.threats:
            if threat.parent == parent:
                cases = count(len(rel.cases_by_threat.get(threat.id, [])), "case")
                lines.append(f"{'    ' * depth}- {ln.to(threat)} — {mk.inline(first_sentence(threat.definition))} "
                             f"({cases})")
                lines += tree(threat.id, depth + 1)
        return lines

    sections = model.by_id["section"]
    terms = [join(mk.heading(3, f"“{t.term}”"),
                   f"> {mk.quoted(t.printed)}\n>\n> — the paper, {ln.to(sections[t.section])}",
                   f"**Our classification:** {ln.ids('threat', t.maps_to)}",
                   f"**Why:** {mk.inline(t.note)}") for t in model.paper_terms]
    schemes = list(lb.SCHEMES)
    mapping_rows = [[ln.to(t)] + [mk.inline("; ".join(
        (f"{m.code} " if m.code else "") + m.label + ("" if m.verification.status == "verified" else " (unverified)")
        for m in t.mappings if m.scheme == s)) for s in schemes] for t in model.threats if t.mappings]
    return join(
        mk.front_matter(description="A taxonomy of threats to digital diplomacy, the paper's own terms beside it, "
                                    "and its mapping to CFR, EuRepoC, MITRE ATT&CK and DISARM."),
        "# Threats",
        "Our classification of the threats the paper discusses. The paper uses its own labels; we keep them apart "
        "from our classification and note where they differ.",
        "## Our taxonomy",
        "Each threat with its cases, one square per case (select one to open it); the same tree is listed in "
        "words below.",
        legend(model),
        f'<div class="timeline-scroll" data-search-exclude="true">{taxonomy_svg(model, rel)}</div>',
        "\n".join(tree("", 0)),
        "## The paper’s terms and ours",
        "The labels the paper gives to threats, each with the example it gives, and where they sit in our "
        "classification.",
        *terms,
        "## Other taxonomies",
        "How each threat lines up with the categories of other datasets and frameworks. Each mapping is marked "
        "unverified until checked against that framework’s own data.",
        mk.table(["Threat", *(lb.SCHEMES[s] for s in schemes)], mapping_rows),
    ) if threats else ""


def threat_page(threat: Threat, ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    page, _ = urls.page_of(threat)
    ln = Links(page, model, rel)
    table = model.by_id["threat"]
    mapping_rows = [[mk.inline(lb.SCHEMES[m.scheme]), mk.inline(m.code), mk.inline(m.label), mk.inline(m.fit),
                     mk.badge(lb.STATUS[m.verification.status], m.verification.status) + " "
                     + mk.inline(m.verification.note)] for m in threat.mappings]
    cases = rel.cases_by_threat.get(threat.id, [])
    claims = rel.claims_by_threat.get(threat.id, [])
    return join(
        mk.front_matter(description=first_sentence(threat.definition)),
        mk.heading(1, threat.name),
        mk.paragraphs(threat.definition),
        fields(
            field("Broader threat", ln.to(table[threat.parent]) if threat.parent else ""),
            field("Narrower threats", ln.ids("threat", rel.children.get(threat.id, []))),
            field("The paper’s terms that fit here", mk.inline(", ".join(rel.terms_by_threat.get(threat.id, [])))),
        ),
        "## In other taxonomies" if mapping_rows else "",
        mk.table(["Framework", "Id", "Category", "Fit", "Checked"], mapping_rows) if mapping_rows else "",
        f"## Cases ({len(cases)})",
        mk.bullets([f"{ln.to(c)} ({lb.date_range(c.start, c.end)})" for c in cases]) or "No cases yet.",
        f"## The paper’s claims ({len(claims)})",
        mk.bullets([f"{ln.to(c)} {mk.badge(lb.VERDICTS[c.verdict], c.verdict)}" for c in claims]) or "None.",
        ("## Sources\n\n" + mk.bullets([ln.citation(c) for c in threat.sources])) if threat.sources else "",
    )
