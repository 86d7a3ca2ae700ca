"""Legal instruments and norms (data/instruments.yaml): a page each, articles under their instrument."""

from __future__ import annotations

from .. import urls
from ..model import Instrument, instruments_from
from . import Kind, names_one, register

NORM = register(Kind(
    name="norm", entity=Instrument, model_field="instruments", label=lambda n: n.short or n.title,
    file="instruments.yaml", schema="instruments.schema.json", build=instruments_from,
    page=lambda n: (f"norms/{n.id}.md", ""), own_page=True, render_page="companion.render.norms:norm_page",
    index=urls.NORMS, index_title="Norms", render_index="companion.render.norms:norms_index_page",
    citation_title=lambda n: n.title, id_uses=names_one("norm", "parent"), citations=lambda n: n.sources,
    names=lambda n: tuple(name for name in (n.title, n.short) if name),
))
