"""The threat taxonomy (data/threats.yaml, which also holds the paper's own terms): a page each."""

from __future__ import annotations

from .. import urls
from ..loader import Document
from ..model import Threat, threats_from
from . import Kind, names_one, register


def _threats(document: Document) -> tuple[Threat, ...]:
    return threats_from(document)[0]


THREAT = register(Kind(
    name="threat", entity=Threat, model_field="threats", label=lambda t: t.name,
    file="threats.yaml", schema="threats.schema.json", build=_threats,
    page=lambda t: (f"threats/{t.id}.md", ""), own_page=True, render_page="companion.render.threats:threat_page",
    index=urls.THREATS, index_title="Threats", render_index="companion.render.threats:threats_index_page",
    citation_title=lambda t: t.name, id_uses=names_one("threat", "parent"), citations=lambda t: t.sources,
    names=lambda t: (t.name,),
))
