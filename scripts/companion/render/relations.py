"""Links both ways: whichever side of a relation the data states it on, both pages show it."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..model import Actor, Case, Claim, Instrument, Model, Reference, Threat
from .citebox import Citations
from .labels import reference_label


@dataclass(frozen=True)
class Citing:
    """One place a reference is cited: the entity (a claim, case, threat, actor or norm) and how."""

    entity: object
    role: str  # 'source', 'paper reference', 'case source', 'definition', …
    note: str


@dataclass(frozen=True)
class Relations:
    claims_by_case: dict[str, list[Claim]]
    claims_by_threat: dict[str, list[Claim]]
    claims_by_norm: dict[str, list[Claim]]
    cases_by_claim: dict[str, list[Case]]
    cases_by_threat: dict[str, list[Case]]
    cases_by_norm: dict[str, list[Case]]
    cases_by_actor: dict[str, dict[str, list[Case]]]  # actor -> role -> cases
    citing: dict[str, list[Citing]]  # reference id -> places
    children: dict[str, list[str]]  # threat or norm id -> child ids
    terms_by_threat: dict[str, list[str]]  # our threat -> the paper's terms that map to it
    reference_labels: dict[str, str]  # reference id -> 'Author 2020', with a/b where two would be equal
    citations: Citations  # the citation boxes' contents, and the site they are for


def relate(model: Model, citations: Citations) -> Relations:
    """Every relation the pages show, both ways, with the citations they print."""
    claims_by: dict[str, defaultdict[str, list[Claim]]] = {
        "case": defaultdict(list), "threat": defaultdict(list), "norm": defaultdict(list)}
    cases_by: dict[str, defaultdict[str, list[Case]]] = {
        "claim": defaultdict(list), "threat": defaultdict(list), "norm": defaultdict(list)}

    seen: set[tuple[int, str, int]] = set()

    def add(table: dict[str, Any], key: str, item: object) -> None:
        # By identity: `item in list` compares whole entities field by field, which grew with
        # the square of the number of cases.
        marker = (id(table), key, id(item))
        if marker not in seen:
            seen.add(marker)
            table[key].append(item)

    for claim in model.claims:
        for case_id in claim.cases:
            add(claims_by["case"], case_id, claim)
        for threat_id in claim.threats:
            add(claims_by["threat"], threat_id, claim)
        for norm_id in claim.norms:
            add(claims_by["norm"], norm_id, claim)
    claims = model.by_id["claim"]
    cases = model.by_id["case"]
    for case in model.cases:
        for claim_id in case.claims:
            add(claims_by["case"], case.id, claims[claim_id])
        for threat_id in case.threats:
            add(cases_by["threat"], threat_id, case)
        for norm_id in case.norms:
            add(cases_by["norm"], norm_id, case)
    for case_id, related in claims_by["case"].items():
        for claim in related:
            add(cases_by["claim"], claim.id, cases[case_id])

    roles: dict[str, dict[str, list[Case]]] = defaultdict(lambda: defaultdict(list))
    for case in model.cases:
        for role, actors in (("initiator", [p.actor for p in case.initiators]),
                             ("receiver", [p.actor for p in case.receivers]),
                             ("party", list(case.parties)),
                             ("attributed by", [a.by for a in case.attributions]),
                             ("responder", [r.by for r in case.responses])):
            for actor_id in dict.fromkeys(actors):
                add(roles[actor_id], role, case)

    citing: dict[str, list[Citing]] = defaultdict(list)
    for claim in model.claims:
        for c in claim.sources:
            citing[c.ref].append(Citing(claim, "checked against", c.note))
        for c in claim.paper_refs:
            citing[c.ref].append(Citing(claim, "paper's reference for", c.note))
    for case in model.cases:
        for s in case.sources:
            if s.ref:
                citing[s.ref].append(Citing(case, "source of", s.note))
        in_law = dict.fromkeys(c.ref for analysis in case.legal for c in analysis.sources)
        for ref in in_law:  # once per case, however many of its norms cite it
            citing[ref].append(Citing(case, "the law in", ""))
    sourced: tuple[Threat | Actor | Instrument, ...] = (*model.threats, *model.actors, *model.instruments)
    for entity in sourced:
        for c in entity.sources:
            citing[c.ref].append(Citing(entity, "source of", c.note))
    for glossary_term in model.glossary:
        for c in glossary_term.sources:
            citing[c.ref].append(Citing(glossary_term, "source of the glossary's", c.note))

    children: dict[str, list[str]] = defaultdict(list)
    nested: tuple[Threat | Instrument, ...] = (*model.threats, *model.instruments)
    for entity in nested:
        if entity.parent:
            children[entity.parent].append(entity.id)
    terms: dict[str, list[str]] = defaultdict(list)
    for paper_term in model.paper_terms:
        for threat_id in paper_term.maps_to:
            if paper_term.term not in terms[threat_id]:
                terms[threat_id].append(paper_term.term)

    # A norm's page lists its cases oldest first, as the timeline does.
    by_date = {norm: sorted(listed, key=lambda c: (c.start, c.id)) for norm, listed in cases_by["norm"].items()}
    return Relations(
        claims_by_case=dict(claims_by["case"]), claims_by_threat=dict(claims_by["threat"]),
        claims_by_norm=dict(claims_by["norm"]), cases_by_claim=dict(cases_by["claim"]),
        cases_by_threat=dict(cases_by["threat"]), cases_by_norm=by_date,
        cases_by_actor={k: dict(v) for k, v in roles.items()}, citing=dict(citing),
        children=dict(children), terms_by_threat=dict(terms),
        reference_labels=_distinct_labels(model.references, citations.references.in_text["apa"]),
        citations=citations,
    )


def _distinct_labels(references: tuple[Reference, ...], apa_in_text: dict[str, str]) -> dict[str, str]:
    """Author–year labels with the year suffix APA gives in the reference list (so "MITRE 2024b" here is
    "2024b" there too); where two labels are still equal, add a, b, … in the order of their ids."""
    labels = {}
    for r in references:
        suffix = re.search(r"\b\d{4}([a-z])\)$", apa_in_text.get(r.id, ""))
        labels[r.id] = reference_label(r) + (suffix.group(1) if suffix else "")
    groups: dict[str, list[str]] = defaultdict(list)
    for ref_id in sorted(labels):
        groups[labels[ref_id]].append(ref_id)
    for label, ids in groups.items():
        if len(ids) > 1:
            for letter, ref_id in zip("abcdefghijklmnopqrstuvwxyz", ids, strict=False):
                labels[ref_id] = label + letter
    return labels
