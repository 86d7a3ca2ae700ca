"""The bibliography (data/references.yaml): a page each, and an entry each in the references list."""

from __future__ import annotations

from .. import urls
from ..model import Reference, references_from
from . import Kind, register


def reference_label(reference: Reference) -> str:
    """Author–year label such as 'Kragh and Åsberg 2017' (not a citation style: a link text)."""
    names = reference.record.get("author") or reference.record.get("editor") or []
    families = [n.get("family") or n.get("literal", "") for n in names]
    if len(families) == 1:
        who = families[0]
    elif len(families) == 2:
        who = f"{families[0]} and {families[1]}"
    else:
        who = f"{families[0]} et al."
    return f"{who} {reference.record['issued'][:4]}"


REFERENCE = register(Kind(
    name="reference", entity=Reference, model_field="references", label=reference_label,
    file="references.yaml", schema="references.schema.json", build=references_from,
    page=lambda r: (f"references/{r.id}.md", ""), own_page=True,
    render_page="companion.render.references:reference_page",
    index=urls.REFERENCES, index_title="References", render_index="companion.render.references:references_page",
))
