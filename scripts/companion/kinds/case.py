"""Cases where cyber operations met diplomacy (data/cases/<id>.yaml): a page each, and the explorer."""

from __future__ import annotations

from collections.abc import Iterator

from .. import urls
from ..loader import Document
from ..model import Case, case_from
from . import IdUse, Kind, register


def _one(document: Document) -> tuple[Case, ...]:
    return (case_from(document),)


def _uses(case: Case) -> Iterator[IdUse]:
    o = case.origin
    for role in ("initiators", "receivers"):
        for j, party in enumerate(getattr(case, role)):
            yield "actor", party.actor, o, (role, j, "actor")
    for j, actor in enumerate(case.parties):
        yield "actor", actor, o, ("parties", j)
    for field_name, kind in (("threats", "threat"), ("norms", "norm"), ("claims", "claim")):
        for j, wanted in enumerate(getattr(case, field_name)):
            yield kind, wanted, o, (field_name, j)
    for j, attribution in enumerate(case.attributions):
        yield "actor", attribution.by, o, ("attributions", j, "by")
        for k, target in enumerate(attribution.to):
            yield "actor", target, o, ("attributions", j, "to", k)
    for j, response in enumerate(case.responses):
        yield "actor", response.by, o, ("responses", j, "by")
    for j, source in enumerate(case.sources):
        if source.ref:
            yield "reference", source.ref, o, ("sources", j, "ref")
    for j, analysis in enumerate(case.legal):
        yield "norm", analysis.norm, o, ("legal", j, "norm")


CASE = register(Kind(
    name="case", entity=Case, model_field="cases", label=lambda c: c.title,
    file="cases/", schema="case.schema.json", build=_one,
    page=lambda c: (f"cases/{c.id}.md", ""), own_page=True, render_page="companion.render.cases:case_page",
    index=urls.CASES, index_title="Cases", render_index="companion.render.explore:explorer_page",
    citation_title=lambda c: c.title, file_stem=lambda c: c.id, id_uses=_uses,
    citations=lambda c: tuple(source for analysis in c.legal for source in analysis.sources),
))
