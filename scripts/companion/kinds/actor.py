"""States, organisations, groups and people named in cases (data/actors.yaml): a page each."""

from __future__ import annotations

from .. import urls
from ..model import Actor, actors_from
from . import Kind, register

ACTOR = register(Kind(
    name="actor", entity=Actor, model_field="actors", label=lambda a: a.name,
    file="actors.yaml", schema="actors.schema.json", build=actors_from,
    page=lambda a: (f"actors/{a.id}.md", ""), own_page=True, render_page="companion.render.actors:actor_page",
    index=urls.ACTORS, index_title="Actors", render_index="companion.render.actors:actors_index_page",
    citation_title=lambda a: a.name, citations=lambda a: a.sources, names=lambda a: (a.name, *a.aliases),
))
