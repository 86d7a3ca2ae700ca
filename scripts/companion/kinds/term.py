"""The glossary (data/glossary.yaml): an anchor each on the glossary page, a tooltip wherever used."""

from __future__ import annotations

from collections.abc import Iterator

from .. import urls
from ..model import GlossaryTerm, glossary_from
from . import IdUse, Kind, register


def _uses(term: GlossaryTerm) -> Iterator[IdUse]:
    if term.threat:
        yield "threat", term.threat, term.origin, ("threat",)


TERM = register(Kind(
    name="term", entity=GlossaryTerm, model_field="glossary", label=lambda t: t.term,
    file="glossary.yaml", schema="glossary.schema.json", build=glossary_from,
    page=lambda t: (urls.GLOSSARY, t.id),
    index=urls.GLOSSARY, index_title="Glossary", render_index="companion.render.glossary:glossary_page",
    id_uses=_uses, citations=lambda t: t.sources,
))
