"""Study guides: the block on each section's page, a printable handout per section
(guides/<section-id>/), and the index of handouts (guides/)."""

from __future__ import annotations

import math
import re

from ..citation import Page
from ..model import Citation, Guide, Section
from . import labels as lb
from . import markup as mk
from .blocks import Links, first_sentence, join
from .context import Context

GUIDES = "guides/index.md"
_WORDS_PER_MINUTE = 200  # a common figure for reading study texts attentively


def handout_path(section: Section) -> str:
    return f"guides/{section.id}.md"


def handouts(sections: tuple[Section, ...]) -> dict[str, tuple[Section, Page]]:
    """The handout pages, by path: each section with a study guide has one (cited and dated like any page)."""
    return {handout_path(s): (s, Page(handout_path(s), f"Study guide: {lb.section_label(s)}"))
            for s in sections if s.guide}


def reading_minutes(markdown: str) -> int:
    """Minutes to read a page's text at a study pace (markup and addresses left out of the count)."""
    # The folded boxes (a claim's citations, its record of review) are not read through.
    text = re.sub(r"<details.*?</details>", " ", markdown, flags=re.S)
    text = re.sub(r"<[^>]+>|\]\([^)]*\)|[#*_>|`\[\]-]", " ", text)
    return max(1, math.ceil(len(text.split()) / _WORDS_PER_MINUTE))


def _terms(guide: Guide, ln: Links) -> list[str]:
    terms = ln.model.by_id["term"]
    return [f"**{ln.to(terms[t])}**: {mk.inline(first_sentence(terms[t].definition))}" for t in guide.key_terms]


def _reading(citation: Citation, ln: Links) -> str:
    """A further-reading item: the work, and why to read it (left off a printed handout, to keep it to a sheet)."""
    work = ln.citation(Citation(citation.ref, "", citation.origin))
    return work + (f' <span class="reading-note">— {mk.inline(citation.note)}</span>' if citation.note else "")


def _parts(guide: Guide, ln: Links, level: int) -> list[str]:
    return [
        mk.heading(level, "Learning objectives"),
        "After this section, you should be able to:\n\n" + mk.bullets([mk.inline(o) for o in guide.objectives]),
        mk.heading(level, "Discussion questions"),
        "\n".join(f"{i}. {mk.inline(' '.join(q.split()))}" for i, q in enumerate(guide.questions, 1)),
        mk.heading(level, "Key terms"),
        f'<div class="key-terms" markdown>\n\n{mk.bullets(_terms(guide, ln))}\n\n</div>',
        (mk.heading(level, "Further reading") + "\n\n" + mk.bullets([_reading(c, ln) for c in guide.further_reading]))
        if guide.further_reading else "",
    ]


def guide_block(section: Section, ln: Links, minutes: int) -> str:
    """The study guide on the section's own page."""
    if section.guide is None:
        return ""
    return join(
        mk.heading(2, "Study guide", anchor="study-guide"),
        f"About {minutes} minute{'s' if minutes != 1 else ''} to read this page. For a seminar, print the "
        f"{ln.page_link(handout_path(section), 'one-page handout')} with the same guide.",
        *_parts(section.guide, ln, 3),
    )


def handout_page(section: Section, ctx: Context) -> str:
    """A handout to print: what to read, what to aim for, what to discuss, and how to cite."""
    assert section.guide is not None
    path = handout_path(section)
    ln = Links(path, ctx.model, ctx.relations)
    paper = ctx.model.paper
    return join(
        mk.front_matter(description=f"Study guide for section {section.number} of {paper.authors[0].family} "
                                    f"({paper.issued[:4]}): objectives, discussion questions, key terms, reading."),
        mk.heading(1, f"Study guide: {lb.section_label(section)}"),
        '<span class="handout" hidden></span>',  # the print stylesheet fits a handout on one sheet
        f"Read section {section.number} of {mk.inline(paper.authors[0].given)} {mk.inline(paper.authors[0].family)}, "
        f"“{mk.inline(paper.title)}” ({mk.external(paper.container_title, paper.url)}, {lb.human_date(paper.issued)}), "
        f"and {ln.to(section, 'our summary and checks of its claims')}. Cite the paper for its argument, and "
        "this site for the summary and the checks; each page's “Cite this page” box gives both in APA, Chicago, "
        f"MLA and Harvard ({ln.page_link('about.md#citing-this-site', 'how to cite this site')}).",
        *_parts(section.guide, ln, 2),
    )


def guides_index(ctx: Context) -> str:
    ln = Links(GUIDES, ctx.model, ctx.relations)
    rows = [[ln.to(s, lb.section_label(s)), ln.page_link(handout_path(s), "Handout"),
             str(len(s.guide.questions))]
            for s in ctx.model.sections if s.guide]
    return join(
        mk.front_matter(description="A study guide and a printable handout for each section of the paper."),
        mk.heading(1, "Study guides"),
        "A guide for each section of the paper: learning objectives, discussion questions that weigh the paper's "
        "argument, key terms and further reading. Each guide is on its section's page, and as a handout "
        f"to print. {ln.page_link('teaching.md', 'Teaching with this site')} suggests how to use them in a seminar.",
        mk.table(["Section", "Handout", "Questions"], rows) if rows else "No study guides yet.",
    )
