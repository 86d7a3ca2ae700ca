"""What every page function is given: one frozen context for the whole site."""

from __future__ import annotations

from dataclasses import dataclass

from ..citation import Site
from ..model import Model
from .blocks import Links
from .citebox import Citations
from .relations import Relations


@dataclass(frozen=True)
class Context:
    """The model, the relations between its entities (both ways), the citations and the site:
    everything a page may show, built once per build and passed to every page function."""

    model: Model
    relations: Relations

    @property
    def citations(self) -> Citations:
        return self.relations.citations

    @property
    def site(self) -> Site:
        return self.relations.citations.site

    def links(self, page: str) -> Links:
        """Links from ``page`` (a docs-relative Markdown path) to anything on the site."""
        return Links(page, self.model, self.relations)
