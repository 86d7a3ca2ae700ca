"""Every generated page as Markdown: pure functions of the model, deterministic.

Each ``*_page`` function returns the Markdown of one page. Data text always goes through
``markup`` (inert); links always through ``Links`` (one URL function, relative links that
MkDocs checks in a strict build).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import urls
from ..citation import PAPER_KEY
from ..citeproc import STYLES
from ..model import Actor, Case, CaseSource, Claim, Instrument, Model, Reference, Section, Threat
from . import labels as lb
from . import markup as mk
from .blocks import Links, count, field, fields, first_sentence, join, unverified_mark
from .explore import legend, taxonomy_svg
from .relations import Relations

# --- home and paper -------------------------------------------------------------------------

def home_page(model: Model, rel: Relations) -> str:
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
    ]
    cards = "\n".join(f"-   {ln.page_link(path, title)}\n\n    ---\n\n    {mk.inline(text)}\n"
                      for path, title, text in ways)
    return join(
        mk.front_matter(description=f"A research companion to {authors}, “{paper.title}” ({paper.container_title}, "
                                    f"{lb.human_date(paper.issued)}): its argument, claims checked against sources, "
                                    "threats, cases and norms."),
        mk.heading(1, f"{paper.title}: a research companion"),
        f"A companion to {mk.inline(authors)}’s paper “{mk.external(paper.title, paper.url)}”, published in "
        f"{mk.inline(paper.container_title)} on {lb.human_date(paper.issued)}. Read its argument section by section, "
        "see each of its claims checked against sources, and follow the threats, cases and legal norms it "
        "discusses. This site is independent of the author and the publisher.",
        "## The argument in brief",
        mk.paragraphs(paper.summary),
        "\n".join(f"{i}. {step}" for i, step in enumerate(steps, 1)),
        "## What our check found",
        f"We restated {len(model.claims)} factual claims of the paper and checked each against sources: "
        f"{verdicts['supported']} supported, {verdicts['needs-nuance']} need nuance, {verdicts['wrong']} wrong. "
        f"{ln.page_link(urls.PAPER, 'See all claims')}.",
        mk.bullets([f"{mk.badge('Wrong', 'wrong')} {ln.to(c)}" for c in problem_claims]),
        "## Ways in",
        f'<div class="grid cards" markdown>\n\n{cards}\n</div>',
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


def paper_index_page(model: Model, rel: Relations) -> str:
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


def section_page(section: Section, model: Model, rel: Relations) -> str:
    page, _ = urls.page_of(section)
    ln = Links(page, model, rel)
    index = model.sections.index(section)
    neighbours = []
    if index > 0:
        neighbours.append("Previous: " + ln.to(model.sections[index - 1]))
    if index + 1 < len(model.sections):
        neighbours.append("Next: " + ln.to(model.sections[index + 1]))
    attribution = f"— {mk.inline(model.paper.authors[0].family)} ({model.paper.issued[:4]}), section {section.number}"
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
    return join(
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
        f"**The paper says:** {mk.quoted(claim.printed)}",
        f"**Our check:** {mk.paragraphs(claim.explanation)}",
        f"**A more accurate version:** {mk.paragraphs(claim.correction)}" if claim.correction else "",
        "**Checked against:**\n\n" + mk.bullets([ln.citation(c) for c in claim.sources]),
        ("**The paper’s references that bear on it:**\n\n" + mk.bullets([ln.citation(c) for c in claim.paper_refs]))
        if claim.paper_refs else "",
        f"**Related:** {related}" if related else "",
        _claim_citation(claim, rel),
    )
    # A card around each claim; md_in_html keeps its Markdown (and its heading in the TOC).
    return f'<div class="claim-card" markdown>\n\n{block}\n</div>'


# --- references -----------------------------------------------------------------------------

def references_page(model: Model, rel: Relations) -> str:
    ln = Links(urls.REFERENCES, model, rel)
    in_paper = [r for r in model.references if r.in_paper]
    extra = [r for r in model.references if not r.in_paper]
    unverified = sum(1 for r in model.references if r.verification.status != "verified")
    return join(
        mk.front_matter(description="The corrected bibliography of the paper, with what it printed, the "
                                    "differences, and the further sources used on this site."),
        "# References",
        f"The paper prints {count(len(in_paper), 'reference')}; each is shown as printed beside our corrected "
        f"record. {count(len(extra), 'further source')} used here to check the claims. "
        f"{count(unverified, 'entry')} not fully verified, marked "
        f"{mk.badge('unverified', 'unverified')}. Each entry lists where it is cited.",
        STYLE_SWITCH,
        "Each entry is formatted in APA 7 by default; choose another style above, or download the whole list "
        f"as {ln.page_link('downloads.md', 'BibTeX, RIS or CSL-JSON')}.",
        f"## The paper’s references ({len(in_paper)})",
        *[_reference_block(r, ln, rel) for r in in_paper],
        f"## Further sources ({len(extra)})",
        *[_reference_block(r, ln, rel) for r in extra],
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
        field("Title", mk.inline(record["title"])),
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


STYLE_SWITCH = ('<form class="style-switch" hidden><label>Citation style <select name="style">'
                + "".join(f'<option value="{key}">{label}</option>' for key, (label, _) in STYLES.items())
                + "</select></label></form>")


def _no_differences(reference: Reference) -> str:
    if not reference.printed:
        return ""
    if reference.verification.status == "verified":
        return "**Differences:** none: the paper printed this reference correctly."
    return "**Differences:** none found, but the record could not be checked against the source."


def _reference_block(reference: Reference, ln: Links, rel: Relations) -> str:
    status = reference.verification.status
    citing = rel.citing.get(reference.id, [])
    cited = [f"{mk.inline(c.role.capitalize())} {ln.to(c.entity)}" for c in citing]
    return join(
        mk.heading(3, rel.reference_labels[reference.id], anchor=reference.id),
        f"{mk.badge(lb.STATUS[status], status)} `{reference.id}`",
        '<div class="styled-reference">' + "".join(
            f'<p class="citation" data-style="{style}">{mk.inert_html(rel.citations.styled[style][reference.id])}</p>'
            for style in STYLES) + "</div>",
        "\n".join(record_lines(reference.record)),
        f"**As printed in the paper:**\n\n> {mk.inline(reference.printed)}" if reference.printed else "",
        ("**Differences:**\n\n" + mk.bullets([mk.inline(d) for d in reference.differences]))
        if reference.differences else _no_differences(reference),
        f"**Verification:** {mk.inline(reference.verification.note)}",
        ("**Cited in:**\n\n" + mk.bullets(cited)) if cited else "",
    )


# --- threats --------------------------------------------------------------------------------

def threats_index_page(model: Model, rel: Relations) -> str:
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


def threat_page(threat: Threat, model: Model, rel: Relations) -> str:
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


# --- cases ----------------------------------------------------------------------------------

def _source_ref(number: int) -> str:
    """'[3]', linking to the third entry of the page's numbered sources."""
    return f"[&#91;{number}&#93;](#source-{number})"


def _source_line(source: CaseSource, ln: Links) -> str:
    kind = "primary" if source.primary else "secondary"
    if source.ref:
        reference = ln.model.by_id["reference"][source.ref]
        text = ln.to(reference) + unverified_mark(reference)
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


def case_page(case: Case, model: Model, rel: Relations) -> str:
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
        f"{lb.human_date(r.date)}: {ln.to(actors[r.by])}, {mk.inline(r.type)} — {mk.inline(r.description)}"
        + (f" ({mk.inline(r.act)})" if r.act else "") + f" {_source_ref(r.source)}" for r in case.responses]
    claims = rel.claims_by_case.get(case.id, [])
    external = case.external_ids
    return join(
        mk.front_matter(description=first_sentence(case.summary)),
        mk.heading(1, case.title),
        '<div class="facts" markdown>',
        fields(
            field("Kind", lb.CASE_KINDS[case.kind]),
            field("When", lb.date_range(case.start, case.end)),
            field("Initiators", parties(case.initiators)),
            field("Receivers", parties(case.receivers)),
            field("Parties", ln.ids("actor", case.parties)),
            field("Threats", ln.ids("threat", case.threats)),
            field("The paper’s label", mk.inline(case.paper_label)),
            field("Norms at stake", ln.ids("norm", case.norms)),
            field("MITRE ATT&amp;CK group", mk.external(external["attack_group"], "https://attack.mitre.org/groups/"
                                                         + external["attack_group"] + "/")
                   if "attack_group" in external else ""),
            field("EuRepoC", mk.inline(external.get("eurepoc", ""))),
            field("CFR tracker", mk.inline(external.get("cfr", ""))),
        ),
        "</div>",
        "## What happened",
        mk.paragraphs(case.summary),
        ("## Attribution\n\n" + mk.bullets(attributions)) if attributions else "",
        ("## Responses\n\n" + mk.bullets(responses)) if responses else "",
        f"## The paper’s claims about it ({len(claims)})" if claims else "",
        mk.bullets([f"{ln.to(c)} {mk.badge(lb.VERDICTS[c.verdict], c.verdict)}" for c in claims]),
        "## Sources",
        "\n".join(f'{i}. <span id="source-{i}"></span>{_source_line(s, ln)}' for i, s in enumerate(case.sources, 1)),
        f"Added {lb.human_date(case.created)}, last changed {lb.human_date(case.modified)}. Review status: "
        f"{mk.inline(case.review_status)}." + (f" {mk.inline(case.review_note)}" if case.review_note else ""),
    )


# --- actors and norms -----------------------------------------------------------------------

def actors_index_page(model: Model, rel: Relations) -> str:
    ln = Links(urls.ACTORS, model, rel)
    groups = []
    for kind, title in lb.ACTOR_KINDS.items():
        members = sorted((a for a in model.actors if a.kind == kind), key=lambda a: a.name)
        if members:
            lines = []
            for actor in members:
                cases = {case.id for role in rel.cases_by_actor.get(actor.id, {}).values() for case in role}
                lines.append(f"{ln.to(actor)} — {count(len(cases), 'case')}")
            groups.append(join(f"## {title}", mk.bullets(lines)))
    return join(
        mk.front_matter(description="States, organisations, threat groups and people in the cases."),
        "# Actors",
        "The states, organisations, threat groups and people that appear in the cases, with the cases they "
        "appear in and in what role.",
        *groups,
    )


def actor_page(actor: Actor, model: Model, rel: Relations) -> str:
    page, _ = urls.page_of(actor)
    ln = Links(page, model, rel)
    roles = rel.cases_by_actor.get(actor.id, {})
    role_blocks = [join(f"### As {role}", mk.bullets([ln.to(c) for c in cases])) for role, cases in roles.items()]
    return join(
        mk.front_matter(description=first_sentence(actor.description) if actor.description else actor.name),
        mk.heading(1, actor.name),
        fields(
            field("Kind", mk.inline(actor.kind)),
            field("Country", mk.inline(actor.country)),
            field("Also known as", mk.inline(", ".join(actor.aliases))),
            field("MITRE ATT&amp;CK", mk.external(actor.attack_id, f"https://attack.mitre.org/groups/{actor.attack_id}/")
                   if actor.attack_id else ""),
        ),
        mk.paragraphs(actor.description) if actor.description else "",
        "## Cases",
        "\n\n".join(role_blocks) or "No cases yet.",
        ("## Sources\n\n" + mk.bullets([ln.citation(c) for c in actor.sources])) if actor.sources else "",
    )


def norms_index_page(model: Model, rel: Relations) -> str:
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


def norm_page(norm: Instrument, model: Model, rel: Relations) -> str:
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


# --- glossary -------------------------------------------------------------------------------

def glossary_page(model: Model, rel: Relations) -> str:
    ln = Links(urls.GLOSSARY, model, rel)
    entries = []
    for term in sorted(model.glossary, key=lambda t: t.term.casefold()):
        entries.append(join(
            mk.heading(2, term.term, anchor=term.id),
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


def abbreviations(model: Model) -> dict[str, str]:
    """Each spelling of a glossary term with the tooltip it gets wherever it appears (Markdown's abbreviations)."""
    return {spelling: mk.tooltip(first_sentence(term.definition))
            for term in model.glossary for spelling in (term.term, *term.also)}


def abbreviations_in(markdown: str, glossary: dict[str, str]) -> str:
    """The abbreviation definitions for the terms that occur in ``markdown``.

    Only those: every definition costs Markdown time on every page (with all of them on every page,
    they made up 40 % of a case page's conversion). A term's text must be in the page to be marked,
    so a substring test never drops one that Markdown would use. One block each: Markdown re-scans
    the rest of a block after every definition it takes out (239 pages: 23 s of Markdown in one block,
    4.7 s apart)."""
    return "\n\n".join(f"*[{spelling}]: {tooltip}" for spelling, tooltip in sorted(glossary.items())
                         if spelling in markdown)
