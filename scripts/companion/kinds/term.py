"""The glossary (data/glossary.yaml): an anchor each on the glossary page, a tooltip wherever used."""

from __future__ import annotations

from .. import urls
from ..model import GlossaryTerm, glossary_from
from . import Kind, names_one, register

TERM = register(Kind(
    name="term", entity=GlossaryTerm, model_field="glossary", label=lambda t: t.term,
    file="glossary.yaml", schema="glossary.schema.json", build=glossary_from,
    page=lambda t: (urls.GLOSSARY, t.id),
    index=urls.GLOSSARY, index_title="Glossary", render_index="companion.render.glossary:glossary_page",
    id_uses=names_one("threat", "threat"), citations=lambda t: t.sources,
))
