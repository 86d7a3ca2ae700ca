"""A page per case (the explorer, timeline and matrix are in explore.py)."""

from __future__ import annotations

from typing import Any

from .. import urls
from ..model import Case, CaseSource
from . import labels as lb
from . import markup as mk
from .blocks import Links, field, fields, first_sentence, join, unverified_mark
from .context import Context
from .review import case_notice


def _source_ref(number: int) -> str:
    """'[3]', linking to the third entry of the page's numbered sources."""
    return f"[&#91;{number}&#93;](#source-{number})"


def _source_line(source: CaseSource, ln: Links) -> str:
    kind = "primary" if source.primary else "secondary"
    if source.ref:
        reference = ln.model.by_id["reference"][source.ref]
        text = ln.to(reference) + unverified_mark(reference) + ln.print_entry(reference)
    else:
        details = ", ".join(filter(None, [mk.inline(source.publisher),
                                          lb.human_date(source.date) if source.date else ""]))
        text = f"{mk.external(source.title, source.url)}, {details}"
        if source.archive_url:
            text += f" ({mk.external('archived copy', source.archive_url)})"
        if source.verification and source.verification.status != "verified":
            text += " " + mk.badge("unverified", "unverified")
    note = f" — {mk.inline(source.note)}" if source.note else ""
    return f"{text} ({kind}){note}"


_STATUS = {"settled": "settled (the attributions agree)", "contested": "contested (the attributions disagree)"}


def _technique_url(technique: str) -> str:
    return "https://attack.mitre.org/techniques/" + technique.replace(".", "/") + "/"


def law_anchor(norm_id: str) -> str:
    """The id of a case's analysis of one norm, which the norm's page links to (kept once released)."""
    return f"law-{norm_id}"


def _law(case: Case, ln: Links) -> str:
    """The norms at stake, in the Cyber Law Toolkit's manner: the rule, how it applies, what is contested."""
    if not case.legal:
        return join("## The law", mk.paragraphs(case.legal_none)) if case.legal_none else ""
    norms = ln.model.by_id["norm"]
    parts = []
    for analysis in case.legal:
        parts.append(join(
            mk.heading(3, lb.label(norms[analysis.norm]), anchor=law_anchor(analysis.norm)),
            f"**The rule** ({ln.to(norms[analysis.norm], 'its page')}): {mk.paragraphs(analysis.rule)}",
            f"**Here:** {mk.paragraphs(analysis.application)}",
            f"**Contested or open:** {mk.paragraphs(analysis.contested)}" if analysis.contested else "",
            "**Sources:**\n\n" + mk.bullets([ln.citation(c) for c in analysis.sources]),
        ))
    return join("## The law", *parts)


def case_page(case: Case, ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    page, _ = urls.page_of(case)
    ln = Links(page, model, rel)
    actors = model.by_id["actor"]

    def parties(items: tuple[Any, ...]) -> str:
        return ", ".join(f"{ln.to(actors[p.actor])} ({mk.inline(p.category.replace('-', ' '))})" for p in items)

    attributions = [
        f"{lb.human_date(a.date)}: {ln.to(actors[a.by])}"
        + (f" attributed it to {ln.ids('actor', a.to)}" if a.to else " attributed it")
        + f" ({mk.inline(a.basis)} basis)" + (f". {mk.inline(a.note)}" if a.note else "") + f" {_source_ref(a.source)}"
        for a in case.attributions]
    responses = [
        f"{lb.human_date(r.date)}: {ln.to(actors[r.by])}, {mk.inline(r.type)}"
        + (f" ({mk.inline(r.subtype.replace('-', ' '))})" if r.subtype else "") + f" — {mk.inline(r.description)}"
        + (f" ({mk.inline(r.act)})" if r.act else "") + f" {_source_ref(r.source)}" for r in case.responses]
    claims = rel.claims_by_case.get(case.id, [])
    external = case.external_ids
    return join(
        mk.front_matter(description=first_sentence(case.summary)),
        mk.heading(1, case.title),
        case_notice(case),
        '<div class="facts" markdown>',
        fields(
            field("Kind", lb.CASE_KINDS[case.kind]),
            field("When", lb.date_range(case.start, case.end)),
            field("Initiators", parties(case.initiators)),
            field("Receivers", parties(case.receivers)),
            field("Parties", ln.ids("actor", case.parties)),
            field("Threats", ln.ids("threat", case.threats)),
            field("The paper’s label", mk.inline(case.paper_label)),
            field("The paper’s claims", ", ".join(
                f"{ln.to(c, c.id)} {mk.badge(lb.VERDICTS[c.verdict], c.verdict)}" for c in claims)),
            field("Norms at stake", ln.ids("norm", case.norms)),
            field("MITRE ATT&amp;CK group" + ("s" if len(case.attack_groups) > 1 else ""),
                  ", ".join(mk.external(g, f"https://attack.mitre.org/groups/{g}/") for g in case.attack_groups)),
            field("ATT&amp;CK initial access", ", ".join(
                mk.external(t, _technique_url(t)) for t in case.attack_techniques.get("initial_access", ()))),
            field("ATT&amp;CK impact", ", ".join(
                mk.external(t, _technique_url(t)) for t in case.attack_techniques.get("impact", ()))),
            field("Attribution", _STATUS.get(case.attribution_status, "")),
            field("EuRepoC", mk.inline(external.get("eurepoc", ""))),
            field("CFR tracker", mk.inline(external.get("cfr", ""))),
            field("EuRepoC and CFR", mk.inline(external.get("none", ""))),
            field("Not found in EuRepoC or CFR", mk.inline(external.get("not_found", ""))),
        ),
        "</div>",
        "## What happened",
        mk.paragraphs(case.summary),
        ("## Attribution\n\n" + mk.bullets(attributions)) if attributions else "",
        ("## Responses\n\n" + mk.bullets(responses)) if responses else "",
        _law(case, ln),
        f"## The paper’s claims about it ({len(claims)})" if claims else "",
        mk.bullets([f"{ln.to(c)} {mk.badge(lb.VERDICTS[c.verdict], c.verdict)}" for c in claims]),
        "## Sources",
        "\n".join(f'{i}. <span id="source-{i}"></span>{_source_line(s, ln)}' for i, s in enumerate(case.sources, 1)),
        f"Added {lb.human_date(case.created)}, last changed {lb.human_date(case.modified)}.",
    )
