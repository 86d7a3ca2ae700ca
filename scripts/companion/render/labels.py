"""Short human labels for entities, dates and codes (pure)."""

from __future__ import annotations

import datetime as dt

from ..model import Actor, Case, Claim, GlossaryTerm, Instrument, Reference, Section, Threat

VERDICTS = {"supported": "Supported", "needs-nuance": "Needs nuance", "wrong": "Wrong"}
STATUS = {"verified": "Verified", "unverified": "Unverified"}
REFERENCE_TYPES = {
    "article-journal": "Journal article", "article-magazine": "Magazine article", "article-newspaper": "News article",
    "book": "Book", "chapter": "Book chapter", "entry-encyclopedia": "Encyclopedia entry", "legislation": "Legal act",
    "post": "Online post", "post-weblog": "Blog post", "report": "Report", "treaty": "Treaty", "webpage": "Web page",
    "speech": "Speech", "document": "Document",
}
SCHEMES = {"cfr": "CFR Cyber Operations Tracker", "eurepoc": "EuRepoC", "attack": "MITRE ATT&CK", "disarm": "DISARM"}
CASE_KINDS = {"incident": "Incident", "agreement": "Agreement", "legal-instrument": "Legal instrument",
              "diplomatic-practice": "Diplomatic practice"}
ACTOR_KINDS = {"state": "States", "organisation": "Organisations", "group": "Threat groups", "person": "People"}
NORM_KINDS = {"treaty": "Treaty", "protocol": "Protocol", "article": "Article", "manual": "Manual", "rule": "Rule",
              "resolution": "Resolution", "report": "Report", "political-commitment": "Political commitment",
              "sanctions-framework": "Sanctions framework", "legal-act": "Legal act"}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def human_date(value: str) -> str:
    """'2015' -> '2015'; '2015-05' -> 'May 2015'; '2015-05-01' -> '1 May 2015'."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def date_range(start: str, end: str) -> str:
    return human_date(start) if not end or end == start else f"{human_date(start)} – {human_date(end)}"


def year(value: str) -> int:
    return dt.date.fromisoformat(value[:4] + "-01-01").year


def person(name: dict) -> str:
    """'Given Family' or the organisation's name."""
    if "literal" in name:
        return name["literal"]
    return " ".join(filter(None, [name.get("given", ""), name["family"]])) + (
        f", {name['suffix']}" if name.get("suffix") else "")


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


def section_label(section: Section) -> str:
    return f"{section.number}. {section.title}"


def label(entity: object) -> str:
    if isinstance(entity, Section):
        return section_label(entity)
    if isinstance(entity, Claim):
        return f"{entity.id}: {entity.text}"
    if isinstance(entity, (Threat, Actor)):
        return entity.name
    if isinstance(entity, Case):
        return entity.title
    if isinstance(entity, Instrument):
        return entity.short or entity.title
    if isinstance(entity, Reference):
        return reference_label(entity)
    if isinstance(entity, GlossaryTerm):
        return entity.term
    raise TypeError(type(entity).__name__)
