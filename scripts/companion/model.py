"""The typed, frozen model of the data, built from schema-valid documents.

Building never fails on a valid document: the schema has already checked every shape.
Cross-references (ids that must exist) are checked afterwards, in validate.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Protocol

from .loader import Document, Path_


@dataclass(frozen=True)
class Origin:
    """Where an entity was defined: its file, and its path inside the document (for lines)."""

    document: Document = field(repr=False, compare=False)
    path: Path_ = ()

    @property
    def file(self) -> str:
        return self.document.file

    def line(self, *sub: str | int) -> int:
        return self.document.line(self.path + sub)


class Entity(Protocol):
    """What every kind's entities have: a public id and the place they were defined."""

    @property
    def id(self) -> str: ...

    @property
    def origin(self) -> Origin: ...


@dataclass(frozen=True)
class Verification:
    status: str
    note: str


@dataclass(frozen=True)
class Citation:
    ref: str
    note: str
    origin: Origin


@dataclass(frozen=True)
class Author:
    family: str
    given: str
    affiliation: str


@dataclass(frozen=True)
class ArgumentStep:
    section: str
    text: str
    origin: Origin


@dataclass(frozen=True)
class Paper:
    title: str
    sentence_case_title: str  # for citations; differs from title only in letter case
    authors: tuple[Author, ...]
    issued: str
    container_title: str
    publisher: str
    byline: str
    url: str
    keywords: tuple[str, ...]
    summary: str
    argument: tuple[ArgumentStep, ...]
    verification: Verification
    origin: Origin


@dataclass(frozen=True)
class Quote:
    text: str
    why: str


@dataclass(frozen=True)
class ListItem:
    text: str
    comment: str
    norms: tuple[str, ...]
    threats: tuple[str, ...]
    cases: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class PaperList:
    title: str
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class ReviewCheck:
    date: str
    reader: str  # author or second-reader
    scope: str
    sources: tuple[int | str, ...]  # source numbers (cases) or reference ids (claims); empty: all listed
    unverified: tuple[str, ...]


@dataclass(frozen=True)
class Correction:
    date: str
    text: str


@dataclass(frozen=True)
class VerdictChange:
    date: str
    before: str  # empty on the first entry: the verdict as first published
    after: str
    why: str


@dataclass(frozen=True)
class Review:
    """The record of review of a case or a claim (see 'review' in data/schema/common.schema.json)."""

    state: str  # draft, checked or disputed
    checks: tuple[ReviewCheck, ...]
    gaps: tuple[str, ...]
    corrections: tuple[Correction, ...]
    history: tuple[VerdictChange, ...]  # claims only

    @property
    def last_second_reading(self) -> str:
        """The day of the latest reading by a second reader; '' if there is none."""
        return max((c.date for c in self.checks if c.reader == "second-reader"), default="")

    @property
    def published(self) -> str:
        """The day the entry's current form was first published: its first verdict, or its first reading."""
        return self.history[0].date if self.history else min(c.date for c in self.checks)

    @property
    def last_changed(self) -> str:
        """The latest day on which the record shows a reading, a correction or a verdict change."""
        return max([c.date for c in self.checks] + [c.date for c in self.corrections]
                   + [h.date for h in self.history])


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    text: str
    printed: str
    verdict: str
    explanation: str
    correction: str
    sources: tuple[Citation, ...]
    paper_refs: tuple[Citation, ...]
    threats: tuple[str, ...]
    cases: tuple[str, ...]
    norms: tuple[str, ...]
    review: Review
    origin: Origin


@dataclass(frozen=True)
class Guide:
    """A section's study guide (data: the section's 'guide')."""

    objectives: tuple[str, ...]
    questions: tuple[str, ...]
    key_terms: tuple[str, ...]  # glossary ids
    further_reading: tuple[Citation, ...]


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    sentence_case_title: str  # for citations; differs from title only in letter case
    summary: str
    quotes: tuple[Quote, ...]
    lists: tuple[PaperList, ...]
    claims: tuple[Claim, ...]
    origin: Origin
    guide: Guide | None = None


@dataclass(frozen=True)
class Reference:
    id: str
    record: dict[str, Any] = field(hash=False)
    printed: str
    differences: tuple[str, ...]
    verification: Verification
    origin: Origin

    @property
    def in_paper(self) -> bool:
        return bool(self.printed)


@dataclass(frozen=True)
class TaxonomyMapping:
    scheme: str
    code: str
    label: str
    fit: str
    verification: Verification


@dataclass(frozen=True)
class Threat:
    id: str
    name: str
    parent: str
    definition: str
    sources: tuple[Citation, ...]
    mappings: tuple[TaxonomyMapping, ...]
    origin: Origin


@dataclass(frozen=True)
class PaperTerm:
    term: str
    section: str
    printed: str
    maps_to: tuple[str, ...]
    note: str
    origin: Origin


@dataclass(frozen=True)
class Party:
    actor: str
    category: str


@dataclass(frozen=True)
class Attribution:
    date: str
    by: str
    to: tuple[str, ...]
    basis: str
    note: str
    source: int


@dataclass(frozen=True)
class Response:
    date: str
    type: str
    by: str
    description: str
    act: str
    source: int
    subtype: str = ""  # statement, demarche, summoning, … (see the case schema)


@dataclass(frozen=True)
class CaseSource:
    ref: str
    title: str
    publisher: str
    date: str
    url: str
    archive_url: str
    primary: bool
    note: str
    verification: Verification | None


@dataclass(frozen=True)
class LegalAnalysis:
    """One norm at stake in a case: the rule, how it applies, what is contested, and sources."""

    norm: str
    rule: str
    application: str
    contested: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    title: str
    summary: str
    start: str
    end: str
    initiators: tuple[Party, ...]
    receivers: tuple[Party, ...]
    parties: tuple[str, ...]
    threats: tuple[str, ...]
    paper_label: str
    attributions: tuple[Attribution, ...]
    responses: tuple[Response, ...]
    norms: tuple[str, ...]
    attack_groups: tuple[str, ...]  # external_ids.attack_group in the data: MITRE ATT&CK group ids
    attack_techniques: dict[str, tuple[str, ...]] = field(hash=False)  # initial_access / impact -> technique ids
    external_ids: dict[str, str] = field(hash=False)  # the datasets' entries (eurepoc, cfr) or why none (none)
    attribution_status: str
    claims: tuple[str, ...]
    sources: tuple[CaseSource, ...]
    created: str
    modified: str
    review: Review
    origin: Origin
    legal: tuple[LegalAnalysis, ...] = ()
    legal_none: str = ""


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str
    aliases: tuple[str, ...]
    attack_id: str
    description: str
    sources: tuple[Citation, ...]
    origin: Origin


@dataclass(frozen=True)
class DatedEvent:
    event: str
    date: str
    note: str


@dataclass(frozen=True)
class Instrument:
    id: str
    title: str
    short: str
    kind: str
    parent: str
    binding: bool
    dates: tuple[DatedEvent, ...]
    status: str
    summary: str
    quote: str
    url: str
    sources: tuple[Citation, ...]
    origin: Origin


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    also: tuple[str, ...]
    definition: str
    threat: str
    sources: tuple[Citation, ...]
    origin: Origin


@dataclass(frozen=True)
class Model:
    """Everything the site shows. Entities keep the order of their files.

    ``entities`` holds each kind's entities by the kind's name (see kinds/); kinds that live
    inside another's entities (claims, inside sections) are found from those. The attributes
    below are the built-in kinds by name, for readable code.
    """

    paper: Paper
    entities: Mapping[str, tuple[Any, ...]] = field(hash=False)
    paper_terms: tuple[PaperTerm, ...] = ()

    def of(self, kind: str) -> tuple[Any, ...]:
        """The entities of one kind, e.g. model.of('case')."""
        return self._all.get(kind, ())

    @cached_property
    def _all(self) -> dict[str, tuple[Any, ...]]:
        from .kinds import REGISTRY

        found: dict[str, tuple[Any, ...]] = {}
        for kind in REGISTRY.values():
            if kind.within and kind.members:
                found[kind.name] = tuple(m for holder in found.get(kind.within, ()) for m in kind.members(holder))
            else:
                found[kind.name] = tuple(self.entities.get(kind.name, ()))
        return found

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.of("section")

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.of("claim")

    @property
    def references(self) -> tuple[Reference, ...]:
        return self.of("reference")

    @property
    def threats(self) -> tuple[Threat, ...]:
        return self.of("threat")

    @property
    def cases(self) -> tuple[Case, ...]:
        return self.of("case")

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self.of("actor")

    @property
    def instruments(self) -> tuple[Instrument, ...]:
        return self.of("norm")

    @property
    def glossary(self) -> tuple[GlossaryTerm, ...]:
        return self.of("term")

    def with_entities(self, kind: str, values: tuple[Any, ...]) -> Model:
        """A copy with one kind's entities replaced (for tests and tools)."""
        return replace(self, entities={**self.entities, kind: tuple(values)})

    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Lookup tables: by_id['case']['bundestag-hack-2015'] -> Case (first definition wins)."""
        tables: dict[str, dict[str, Any]] = {}
        for kind in self._all:
            table: dict[str, Any] = {}
            for entity in self._all[kind]:
                table.setdefault(entity.id, entity)
            tables[kind] = table
        return tables


# --- building from documents -------------------------------------------------------------


def _t(values: Any) -> tuple[Any, ...]:
    return tuple(values or ())


def _verification(raw: dict[str, Any]) -> Verification:
    """A required verification (the schema makes sure it is there)."""
    return Verification(raw["status"], raw["note"])


def _optional_verification(raw: dict[str, Any] | None) -> Verification | None:
    return _verification(raw) if raw else None


def _citations(raw: list[Any] | None, document: Document, path: Path_) -> tuple[Citation, ...]:
    return tuple(Citation(c["ref"], c.get("note", ""), Origin(document, (*path, i))) for i, c in enumerate(raw or ()))


def review_from(raw: dict[str, Any]) -> Review:
    return Review(
        state=raw["state"],
        checks=tuple(ReviewCheck(c["date"], c["reader"], c["scope"], _t(c.get("sources")), _t(c.get("unverified")))
                     for c in raw["checks"]),
        gaps=_t(raw.get("gaps")),
        corrections=tuple(Correction(c["date"], c["text"]) for c in raw.get("corrections", ())),
        history=tuple(VerdictChange(h["date"], h.get("before", ""), h["after"], h["why"])
                      for h in raw.get("history", ())),
    )


def paper_from(document: Document) -> Paper:
    d = document.data
    return Paper(
        title=d["title"], sentence_case_title=d["sentence_case_title"],
        authors=tuple(Author(a["family"], a["given"], a.get("affiliation", "")) for a in d["authors"]),
        issued=d["issued"], container_title=d["container-title"], publisher=d["publisher"],
        byline=d.get("byline", ""), url=d["URL"], keywords=_t(d["keywords"]), summary=d["summary"],
        argument=tuple(ArgumentStep(s["section"], s["text"], Origin(document, ("argument", i)))
                       for i, s in enumerate(d["argument"])),
        verification=_verification(d["verification"]), origin=Origin(document),
    )


def section_from(document: Document) -> Section:
    d = document.data
    claims = tuple(
        Claim(
            id=c["id"], section=d["id"], text=c["text"], printed=c["printed"], verdict=c["verdict"],
            explanation=c["explanation"], correction=c.get("correction", ""),
            sources=_citations(c["sources"], document, ("claims", i, "sources")),
            paper_refs=_citations(c.get("paper_refs"), document, ("claims", i, "paper_refs")),
            threats=_t(c.get("threats")), cases=_t(c.get("cases")), norms=_t(c.get("norms")),
            review=review_from(c["review"]), origin=Origin(document, ("claims", i)),
        )
        for i, c in enumerate(d["claims"])
    )
    lists = tuple(
        PaperList(lst["title"], tuple(
            ListItem(item["text"], item.get("comment", ""), _t(item.get("norms")), _t(item.get("threats")),
                     _t(item.get("cases")), Origin(document, ("lists", i, "items", j)))
            for j, item in enumerate(lst["items"])))
        for i, lst in enumerate(d.get("lists", ()))
    )
    guide = d.get("guide")
    return Section(d["id"], d["number"], d["title"], d["sentence_case_title"], d["summary"],
                   tuple(Quote(q["text"], q["why"]) for q in d.get("quotes", ())), lists, claims, Origin(document),
                   Guide(_t(guide["objectives"]), _t(guide["questions"]), _t(guide["key_terms"]),
                         _citations(guide.get("further_reading"), document, ("guide", "further_reading")))
                   if guide else None)


def references_from(document: Document) -> tuple[Reference, ...]:
    return tuple(
        Reference(r["id"], dict(r["record"]), r.get("printed", ""), _t(r.get("differences")),
                  _verification(r["verification"]), Origin(document, ("references", i)))
        for i, r in enumerate(document.data["references"])
    )


def threats_from(document: Document) -> tuple[tuple[Threat, ...], tuple[PaperTerm, ...]]:
    d = document.data
    threats = tuple(
        Threat(t["id"], t["name"], t.get("parent", ""), t["definition"],
               _citations(t.get("sources"), document, ("threats", i, "sources")),
               tuple(TaxonomyMapping(m["scheme"], m.get("code", ""), m["label"], m.get("fit", ""),
                                     _verification(m["verification"])) for m in t.get("mappings", ())),
               Origin(document, ("threats", i)))
        for i, t in enumerate(d["threats"])
    )
    terms = tuple(
        PaperTerm(p["term"], p["section"], p["printed"], _t(p["maps_to"]), p["note"],
                  Origin(document, ("paper_terms", i)))
        for i, p in enumerate(d["paper_terms"])
    )
    return threats, terms


def case_from(document: Document) -> Case:
    d = document.data
    external = d.get("external_ids", {})
    return Case(
        id=d["id"], kind=d["kind"], title=d["title"], summary=d["summary"], start=d["start"], end=d.get("end", ""),
        initiators=tuple(Party(p["actor"], p["category"]) for p in d.get("initiators", ())),
        receivers=tuple(Party(p["actor"], p["category"]) for p in d.get("receivers", ())),
        parties=_t(d.get("parties")), threats=_t(d["threats"]), paper_label=d.get("paper_label", ""),
        attributions=tuple(Attribution(a["date"], a["by"], _t(a.get("to")), a["basis"], a.get("note", ""), a["source"])
                           for a in d.get("attributions", ())),
        responses=tuple(Response(r["date"], r["type"], r["by"], r["description"], r.get("act", ""), r["source"],
                                 r.get("subtype", ""))
                        for r in d.get("responses", ())),
        norms=_t(d.get("norms")), attack_groups=_t(external.get("attack_group")),
        attack_techniques={k.removeprefix("attack_"): _t(v) for k, v in external.items()
                           if k in ("attack_initial_access", "attack_impact")},
        external_ids={k: v for k, v in external.items() if k in ("eurepoc", "cfr", "none", "not_found")},
        attribution_status=d.get("attribution_status", ""), claims=_t(d.get("claims")),
        sources=tuple(CaseSource(s.get("ref", ""), s.get("title", ""), s.get("publisher", ""), s.get("date", ""),
                                 s.get("url", ""), s.get("archive_url", ""), s["primary"], s.get("note", ""),
                                 _optional_verification(s.get("verification")))
                      for s in d["sources"]),
        created=d["created"], modified=d["modified"], review=review_from(d["review"]), origin=Origin(document),
        legal=tuple(LegalAnalysis(a["norm"], a["rule"], a["application"], a.get("contested", ""),
                                  _citations(a["sources"], document, ("legal", i, "sources")))
                    for i, a in enumerate(d.get("legal", ()))),
        legal_none=d.get("legal_none", ""),
    )


def actors_from(document: Document) -> tuple[Actor, ...]:
    return tuple(
        Actor(a["id"], a["name"], a["kind"], a.get("country", ""), _t(a.get("aliases")), a.get("attack_id", ""),
              a.get("description", ""), _citations(a.get("sources"), document, ("actors", i, "sources")),
              Origin(document, ("actors", i)))
        for i, a in enumerate(document.data["actors"])
    )


def instruments_from(document: Document) -> tuple[Instrument, ...]:
    return tuple(
        Instrument(n["id"], n["title"], n.get("short", ""), n["kind"], n.get("parent", ""), n["binding"],
                   tuple(DatedEvent(e["event"], e["date"], e.get("note", "")) for e in n.get("dates", ())),
                   n.get("status", ""), n["summary"], n.get("quote", ""), n.get("url", ""),
                   _citations(n["sources"], document, ("instruments", i, "sources")),
                   Origin(document, ("instruments", i)))
        for i, n in enumerate(document.data["instruments"])
    )


def glossary_from(document: Document) -> tuple[GlossaryTerm, ...]:
    return tuple(
        GlossaryTerm(t["id"], t["term"], _t(t.get("also")), t["definition"], t.get("threat", ""),
                     _citations(t["sources"], document, ("terms", i, "sources")), Origin(document, ("terms", i)))
        for i, t in enumerate(document.data["terms"])
    )
