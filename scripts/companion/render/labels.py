"""Short human labels for entities, dates and codes (pure)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..kinds import kind_of
from ..kinds.reference import reference_label
from ..kinds.section import section_label

__all__ = ["label", "reference_label", "section_label"]

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


def person(name: dict[str, Any]) -> str:
    """'Given Family' or the organisation's name."""
    if "literal" in name:
        return str(name["literal"])
    return " ".join(filter(None, [name.get("given", ""), name["family"]])) + (
        f", {name['suffix']}" if name.get("suffix") else "")


def label(entity: object) -> str:
    """What a reader calls an entity, in links and lists (its kind says: kinds/)."""
    return kind_of(entity).label(entity)
