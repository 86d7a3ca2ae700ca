"""Render the model into files: ``render_site(model) -> {docs-relative path: text}``.

Most are Markdown pages; the data downloads (JSON, CSV, JSON Schema) come out the same way."""

from __future__ import annotations

from .. import urls
from ..model import Model
from . import explore, exports, pages
from .relations import relate


def render_site(model: Model) -> dict[str, str]:
    """Every generated file, keyed by its docs-relative path, sorted: same model, same bytes."""
    rel = relate(model)
    out = {
        urls.HOME: pages.home_page(model, rel),
        urls.PAPER: pages.paper_index_page(model, rel),
        urls.REFERENCES: pages.references_page(model, rel),
        urls.THREATS: pages.threats_index_page(model, rel),
        urls.CASES: explore.explorer_page(model, rel),
        explore.TIMELINE: explore.timeline_page(model, rel),
        explore.MATRIX: explore.matrix_page(model, rel),
        exports.DOWNLOADS: exports.downloads_page(model),
        **exports.exports(model),
        urls.ACTORS: pages.actors_index_page(model, rel),
        urls.NORMS: pages.norms_index_page(model, rel),
    }
    for section in model.sections:
        out[urls.page_of(section)[0]] = pages.section_page(section, model, rel)
    for threat in model.threats:
        out[urls.page_of(threat)[0]] = pages.threat_page(threat, model, rel)
    for case in model.cases:
        out[urls.page_of(case)[0]] = pages.case_page(case, model, rel)
    for actor in model.actors:
        out[urls.page_of(actor)[0]] = pages.actor_page(actor, model, rel)
    for norm in model.instruments:
        out[urls.page_of(norm)[0]] = pages.norm_page(norm, model, rel)
    return dict(sorted(out.items()))
