"""Sections of the paper (data/sections/NN-id.yaml, one page each) and the claims inside them
(an anchor each on their section's page)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import urls
from ..csltext import nocase
from ..loader import Document
from ..model import Claim, Section, section_from
from . import IdUse, Kind, register


def section_label(section: Section) -> str:
    return f"{section.number}. {section.title}"


def _section_uses(section: Section) -> Iterator[IdUse]:
    if section.guide:
        for j, term in enumerate(section.guide.key_terms):
            yield "term", term, section.origin, ("guide", "key_terms", j)
    for lst in section.lists:
        for item in lst.items:
            for field_name, kind in (("threats", "threat"), ("cases", "case"), ("norms", "norm")):
                for j, wanted in enumerate(getattr(item, field_name)):
                    yield kind, wanted, item.origin, (field_name, j)


def _claim_uses(claim: Claim) -> Iterator[IdUse]:
    for field_name, kind in (("threats", "threat"), ("cases", "case"), ("norms", "norm")):
        for j, wanted in enumerate(getattr(claim, field_name)):
            yield kind, wanted, claim.origin, (field_name, j)


def _claim_ids(data: Any) -> Iterator[str]:
    for claim in data.get("claims") or () if isinstance(data, dict) else ():
        if isinstance(claim, dict) and isinstance(claim.get("id"), str):
            yield claim["id"]


def _one(document: Document) -> tuple[Section, ...]:
    return (section_from(document),)


SECTION = register(Kind(
    name="section", entity=Section, model_field="sections", label=section_label,
    file="sections/", schema="section.schema.json", build=_one, order=lambda s: s.number,
    page=lambda s: (f"paper/{s.id}.md", ""), own_page=True, render_page="companion.render.paper:section_page",
    index=urls.PAPER, index_title="The paper, section by section",
    render_index="companion.render.paper:paper_index_page",
    citation_title=lambda s: f"{s.sentence_case_title}: Summary and claims checked",
    file_stem=lambda s: f"{s.number:02d}-{s.id}", id_uses=_section_uses,
    citations=lambda s: s.guide.further_reading if s.guide else (),
))

CLAIM = register(Kind(
    name="claim", entity=Claim, model_field="claims", label=lambda c: f"{c.id}: {c.text}",
    within="section", members=lambda section: section.claims, member_ids=_claim_ids,
    page=lambda c: (f"paper/{c.section}.md", c.id),
    citation_title=lambda c: f"Claim {nocase(c.id)}, checked: {c.text.rstrip('.')}",
    id_uses=_claim_uses, citations=lambda c: (*c.sources, *c.paper_refs),
))
