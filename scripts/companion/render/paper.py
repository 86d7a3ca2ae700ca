"""The home page, the paper's overview and a page per section with its claims."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import urls
from ..citation import PAPER_KEY, section_pinpoint
from ..model import Claim, Model, Section
from . import labels as lb
from . import markup as mk
from .blocks import Links, count, field, fields, first_sentence, join
from .context import Context
from .guides import GUIDES, guide_block, reading_minutes
from .relations import Relations
from .review import claim_record, claim_status


def home_title(model: Model, site_name: str) -> str:
    """The site's own title, with the paper as its subject. Zotero takes the part before the first colon
    as the short title: that must be the site's name, never the paper's title."""
    paper = model.paper
    authors = " and ".join(a.family for a in paper.authors)
    return f"{site_name}: A research companion to {authors} ({paper.issued[:4]}), “{paper.sentence_case_title}”"


def home_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.HOME, model, rel)
    paper = model.paper
    authors = ", ".join(f"{a.given} {a.family}" for a in paper.authors)
    verdicts = Counter(c.verdict for c in model.claims)
    sections = model.by_id["section"]
    steps = [f"{ln.to(sections[s.section], f'§{sections[s.section].number}')} {mk.inline(s.text)}"
             for s in paper.argument]
    problem_claims = [c for c in model.claims if c.verdict == "wrong"]
    ways = [
        (urls.PAPER, "The paper, section by section",
         f"Our summary of each section and {count(len(model.claims), 'claim')} checked against their sources."),
        (urls.THREATS, "Threats",
         f"{count(len(model.threats), 'threat')} to digital diplomacy, the paper's terms beside ours."),
        (urls.CASES, "Cases", f"{count(len(model.cases), 'case')} where cyber operations met diplomacy."),
        (urls.NORMS, "Norms", f"{len(model.instruments)} treaties, articles, rules and commitments."),
        (urls.ACTORS, "Actors", f"{len(model.actors)} states, organisations and groups."),
        (urls.REFERENCES, "References", f"{count(len(model.references), 'source')}, with the paper's printed versions "
                                        "beside corrected records."),
        (GUIDES, "Study guides", "Objectives, discussion questions and further reading for each section, to print."),
    ]
    cards = "\n".join(f"-   {ln.page_link(path, title)}\n\n    ---\n\n    {mk.inline(text)}\n"
                      for path, title, text in ways)
    return join(
        mk.front_matter(description=f"A research companion to {authors}, “{paper.title}” ({paper.container_title}, "
                                    f"{lb.human_date(paper.issued)}): its argument, claims checked against sources, "
                                    "threats, cases and norms."),
        mk.heading(1, ctx.site.name),
        f"A companion to {mk.inline(authors)}’s paper “{mk.external(paper.title, paper.url)}”, published in "
        f"{mk.inline(paper.container_title)} on {lb.human_date(paper.issued)}. Read its argument section by section, "
        "see each of its claims checked against sources, and follow the threats, cases and legal norms it "
        "discusses. This site is independent of the author and the publisher.",
        # The ways in come first: on a phone they would otherwise be several screens down.
        "## Ways in",
        f'<div class="grid cards" markdown>\n\n{cards}\n</div>',
        "## The argument in brief",
        mk.paragraphs(paper.summary),
        "\n".join(f"{i}. {step}" for i, step in enumerate(steps, 1)),
        "## What our check found",
        f"We restated {len(model.claims)} factual claims of the paper and checked each against sources: "
        f"{verdicts['supported']} supported, {verdicts['needs-nuance']} need nuance, {verdicts['wrong']} wrong. "
        f"{ln.page_link(urls.PAPER, 'See all claims')}.",
        mk.bullets([f"{mk.badge('Wrong', 'wrong')} {ln.to(c)}" for c in problem_claims]),
        "## The paper",
        fields(
            field("Title", mk.inline(paper.title)),
            field("Author", mk.inline(authors) + (f" ({mk.inline(paper.authors[0].affiliation)})"
                                                    if paper.authors[0].affiliation else "")),
            field("Published", f"{lb.human_date(paper.issued)}, {mk.inline(paper.container_title)} "
                                f"({mk.inline(paper.publisher)})"),
            field("Byline", mk.inline(paper.byline)),
            field("Keywords", mk.inline(", ".join(paper.keywords))),
            field("Original", mk.external(paper.url, paper.url)),
            field("Our check of these details", mk.inline(paper.verification.note)),
        ),
        f"New here? {ln.page_link('about.md', 'How to read this site')} explains the verdicts and where the "
        "facts come from.",
        "## How to cite the paper",
        "To cite the paper’s own argument, cite the paper itself, not this site. Cite a page or a claim of this "
        "site (with the box at the end of each page) when you use our summaries, checks or corrections.",
        rel.citations.box(PAPER_KEY, "Cite the paper"),
    )


def paper_index_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.PAPER, model, rel)
    rows = [[ln.to(c, c.id), mk.inline(c.text), mk.badge(lb.VERDICTS[c.verdict], c.verdict),
             ln.to(model.by_id["section"][c.section], f"§{model.by_id['section'][c.section].number}")]
            for c in model.claims]
    sections = [f"{s.number}. {ln.to(s, s.title)} — {count(len(s.claims), 'claim')}"
                for s in model.sections]
    return join(
        mk.front_matter(description=f"The paper “{model.paper.title}” section by section, with every claim and "
                                    "its verdict."),
        "# The paper, section by section",
        f"“{mk.inline(model.paper.title)}” has {len(model.sections)} sections. For each one we give our summary, "
        "the paper’s key wording, and its factual claims with a verdict and sources.",
        "## Sections",
        "\n".join(sections),
        "## All claims",
        mk.table(["Claim", "In our words", "Verdict", "Section"], rows),
    )


def section_page(section: Section, ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    page, _ = urls.page_of(section)
    ln = Links(page, model, rel)
    index = model.sections.index(section)
    neighbours = []
    if index > 0:
        neighbours.append("Previous: " + ln.to(model.sections[index - 1]))
    if index + 1 < len(model.sections):
        neighbours.append("Next: " + ln.to(model.sections[index + 1]))
    # The paper numbers no section: a quotation is credited to its section by the heading.
    attribution = (f"— {mk.inline(model.paper.authors[0].family)} ({model.paper.issued[:4]}), "
                   f"{mk.inline(section_pinpoint(section))}")
    quotes = [f"> {mk.quoted(q.text)}\n>\n> {attribution}\n\n**Why the wording matters:** {mk.inline(q.why)}"
              for q in section.quotes]
    lists = []
    for lst in section.lists:
        items = []
        for item in lst.items:
            related = _related(ln, item.threats, [model.by_id["case"][c] for c in item.cases], item.norms)
            comment = f" {mk.inline(item.comment)}" if item.comment else ""
            items.append(f"{mk.inline(item.text)}{comment}" + (f" ({related})" if related else ""))
        lists.append(join(mk.heading(3, lst.title), mk.bullets(items)))
    claims = [_claim_block(claim, ln, rel) for claim in section.claims]
    overview = mk.table(["Claim", "Verdict"], [[ln.to(c, c.text), mk.badge(lb.VERDICTS[c.verdict], c.verdict)]
                                               for c in section.claims]) if section.claims else ""
    body = join(
        mk.front_matter(description=first_sentence(section.summary)),
        mk.heading(1, lb.section_label(section)),
        f"Section {section.number} of {len(model.sections)} of {mk.inline(model.paper.authors[0].family)} "
        f"({model.paper.issued[:4]}). " + " · ".join(neighbours),
        "## Our summary",
        mk.paragraphs(section.summary),
        "## In the paper’s words" if quotes else "",
        "\n\n".join(quotes),
        *lists,
        f"## Claims ({len(section.claims)})" if section.claims else "",
        overview,
        *claims,
    )
    return join(
        body,
        guide_block(section, ln, reading_minutes(body)),
        "## Cite the paper’s section",
        "When you use the paper’s own argument, cite the paper. Its sections are not numbered: point to this "
        "one by its heading. Cite this page instead (below) when you use our summary or our checks.",
        rel.citations.box(PAPER_KEY, f"Cite the paper: {section.title}", rel.citations.sections[section.id],
                          group=f"section-{section.id}"),
    )


def _related(ln: Links, threats: tuple[Any, ...], cases: list[Any], norms: tuple[Any, ...]) -> str:
    """'Threats: …; Cases: …; Norms: …' for whichever are present."""
    parts = []
    if threats:
        parts.append("Threats: " + ln.ids("threat", threats))
    if cases:
        parts.append("Cases: " + ln.many(cases))
    if norms:
        parts.append("Norms: " + ln.ids("norm", norms))
    return "; ".join(parts)


def _claim_citation(claim: Claim, rel: Relations) -> str:
    """A collapsed "Cite this claim" box: a pinpoint citation of the claim's anchor."""
    from ..citation import item_id

    box = rel.citations.box(item_id(claim), f"Cite claim {claim.id}")
    return f'<details class="cite-claim">\n<summary>Cite this claim</summary>\n{box}\n</details>'


def _claim_block(claim: Claim, ln: Links, rel: Relations) -> str:
    related = _related(ln, claim.threats, rel.cases_by_claim.get(claim.id, []), claim.norms)
    block = join(
        mk.heading(3, claim.text, anchor=claim.id, classes="claim"),
        f"{mk.badge(lb.VERDICTS[claim.verdict], claim.verdict)} Claim {claim.id}",
        claim_status(claim),
        f"**The paper says:** {mk.quoted(claim.printed)}",
        f"**Our check:** {mk.paragraphs(claim.explanation)}",
        f"**A more accurate version:** {mk.paragraphs(claim.correction)}" if claim.correction else "",
        "**Checked against:**\n\n" + mk.bullets([ln.citation(c) for c in claim.sources]),
        ("**The paper’s references that bear on it:**\n\n" + mk.bullets([ln.citation(c) for c in claim.paper_refs]))
        if claim.paper_refs else "",
        f"**Related:** {related}" if related else "",
        claim_record(claim, lambda ref: ln.to(ln.model.by_id["reference"][ref])),
        _claim_citation(claim, rel),
    )
    # A card around each claim; md_in_html keeps its Markdown (and its heading in the TOC).
    return f'<div class="claim-card" markdown>\n\n{block}\n</div>'
