"""The registry of kinds: every kind of thing the site knows, described once.

A kind (section, claim, threat, case, actor, norm, reference, glossary term) is one ``Kind``
record, in a module of its own in this package: where its data lives and which schema checks
it, how the model is built from a file, its id namespace, where its page and anchor are, what
a reader calls it, how a citation titles it, and which functions render its page and index.
The stages (discovering files, building the model, checking ids, linking, citing, rendering)
loop over ``REGISTRY``; nothing else lists the kinds. Adding a kind is a module here that
calls ``register`` and a schema in data/schema/ (tests/test_kinds.py adds a toy one).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..loader import Document
    from ..model import Citation, Model, Origin

# (kind of the id named, the id, where it is named, path to the value inside that entity)
IdUse = tuple[str, str, "Origin", tuple[str | int, ...]]


def _nothing(entity: Any) -> Iterable[Any]:
    return ()


@dataclass(frozen=True)
class Kind:
    name: str  # the id namespace, as messages say it: "unknown case 'x'"
    entity: type  # the model's class for it
    model_field: str  # the Model attribute holding them, e.g. "cases"
    label: Callable[[Any], str]  # what a reader calls one, in links and lists
    # Where the data lives: "cases/" (a folder, one file per entity) or "actors.yaml" (one file).
    # Empty for a kind that lives inside another's files (claims, inside sections): see `within`.
    file: str = ""
    schema: str = ""
    build: Callable[[Document], tuple[Any, ...]] | None = None  # the entities one file holds
    order: Callable[[Any], Any] | None = None  # sort key, where the files' order is not the order to show
    within: str = ""  # the kind whose entities hold these (claims: "section")
    members: Callable[[Any], tuple[Any, ...]] | None = None  # given one of `within`, its members
    member_ids: Callable[[Any], Iterable[str]] = _nothing  # from a file's raw data (when it failed its check)
    page: Callable[[Any], tuple[str, str]] | None = None  # (Markdown path, anchor) of where it is shown
    own_page: bool = False  # its page is its own: rendered by render_page, and its id may not take a fixed page
    # The page's renderer, function(entity, context) -> Markdown: a "module:function" name,
    # imported on first use (so `check` never loads the renderer), or the function itself.
    render_page: str | Callable[..., str] = ""
    index: str = ""  # the page that lists them all
    index_title: str = ""
    render_index: str | Callable[..., str] = ""  # function(context) -> Markdown, named as above
    citation_title: Callable[[Any], str] | None = None  # for kinds cited as web pages (own page or anchor)
    file_stem: Callable[[Any], str] | None = None  # folder kinds: the file name each entity must have
    id_uses: Callable[[Any], Iterable[IdUse]] = _nothing  # every id of another entity it names
    citations: Callable[[Any], Iterable[Citation]] = _nothing  # its citations of references
    names: Callable[[Any], Iterable[str]] = _nothing  # what people call it, for "did you mean" hints

    @property
    def is_folder(self) -> bool:
        return self.file.endswith("/")

    def where(self) -> str:
        """Where a contributor finds or adds one: 'data/cases/', 'data/actors.yaml'."""
        return f"data/{self.file or REGISTRY[self.within].file}"

    def renderer(self, which: str = "page") -> Callable[..., str]:
        target = self.render_page if which == "page" else self.render_index
        if callable(target):
            return target
        module, _, function = target.partition(":")
        return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def names_one(kind: str, field: str) -> Callable[[Any], Iterator[IdUse]]:
    """``id_uses`` for an entity that may name one entity of ``kind`` in ``field`` (a threat's parent)."""
    def uses(entity: Any) -> Iterator[IdUse]:
        wanted = getattr(entity, field)
        if wanted:
            yield kind, wanted, entity.origin, (field,)
    return uses


REGISTRY: dict[str, Kind] = {}
_BY_TYPE: dict[type, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.name in REGISTRY:
        raise ValueError(f"a kind named {kind.name!r} is registered already")
    REGISTRY[kind.name] = kind
    _BY_TYPE[kind.entity] = kind
    return kind


def unregister(name: str) -> None:
    """Take a kind out again (for tests that add one)."""
    kind = REGISTRY.pop(name)
    _BY_TYPE.pop(kind.entity, None)


def kind_of(entity: object) -> Kind:
    try:
        return _BY_TYPE[type(entity)]
    except KeyError:
        raise TypeError(f"{type(entity).__name__} is not a registered kind") from None


def every_entity(model: Model) -> Iterator[tuple[Kind, Any]]:
    for kind in REGISTRY.values():
        for entity in model.of(kind.name):
            yield kind, entity


def with_pages(model: Model) -> Iterator[tuple[Kind, Any]]:
    """Every entity that has a page of its own, with its kind."""
    for kind, entity in every_entity(model):
        if kind.own_page:
            yield kind, entity


# The built-in kinds, in the order the site lists them.
from . import section, reference, threat, case, actor, norm, term  # noqa: E402, F401, I001
