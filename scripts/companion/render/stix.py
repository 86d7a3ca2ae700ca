"""The incidents as a STIX 2.1 bundle (downloads/cases.stix.json), the form ATT&CK and threat-intelligence
platforms exchange: each incident a campaign; threat groups as intrusion sets; states, organisations and
people as identities (the receivers, and who attributed what) and, where an incident is attributed to
them, as threat actors; an `attributed-to` relationship per attribution, carrying its basis, date and
attributing party; `targets` relationships to the receivers; external references to ATT&CK and to each
case's sources. Ids are UUIDv5 from the site's ids, so a rebuild gives the same bundle.
Spec: https://docs.oasis-open.org/cti/stix/v2.1/stix-v2.1.html
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import quote

from ..citation import Site, absolute_url
from ..dates import first_day, is_day
from ..model import Actor, Case, Model

STIX = "downloads/cases.stix.json"
# The namespace of this project's STIX ids (a fixed random UUID: ids must not collide with others').
_NAMESPACE = uuid.UUID("5d0c6f5e-7a4e-4c1e-9a43-4a1b2f3c7d21")


def _id(kind: str, key: str) -> str:
    """A stable id. STIX asks for version-4 UUIDs for these objects: the name-based UUID's bits, marked
    as version 4, are as unique and stay the same from build to build."""
    return f"{kind}--{uuid.UUID(bytes=uuid.uuid5(_NAMESPACE, f'{kind}/{key}').bytes, version=4)}"


# What STIX has no property for (the precision of a date, the basis of an attribution, who made it) goes
# in a property extension (STIX 2.1, 7.3), defined once in the bundle.
_EXTENSION = _id("extension-definition", "case-coding")
_EXTENSION_TEXT = (
    "Properties of Digital Diplomacy, Checked. On campaigns: case_id; start and end, the dates as precisely "
    "as they are known (YYYY, YYYY-MM or YYYY-MM-DD; first_seen and last_seen give the first day they can "
    "mean). On attributed-to relationships: attributed_by_ref, the identity that made the attribution; basis "
    "(political: a government statement; legal: a court or sanctions act; technical: security researchers "
    "or agencies; media: press reporting; self: the actor admits it); date, as precisely as known; "
    "number, the attribution's place in the case's list (as in the "
    "Data Package's attributions table); source, "
    "the number of the supporting source on the case's page. On targets relationships: receiver_categories, "
    "the capacities in which the receiver was hit (government, parliament, foreign-ministry, …). "
    "On actors: actor_id, the id of the actor's page.")


def _extended(**properties: Any) -> dict[str, Any]:
    return {"extensions": {_EXTENSION: {"extension_type": "property-extension", **properties}}}


def _time(value: str) -> str:
    """A data date as a STIX timestamp: the first day it can mean (the precision goes in x_ddc_ properties)."""
    day = first_day(value)
    assert day is not None  # check refuses impossible dates
    return f"{day.isoformat()}T00:00:00.000Z"


_IDENTITY_CLASS = {"state": "organization", "organisation": "organization", "person": "individual"}
_ACTOR_TYPE = {"state": "nation-state", "organisation": "unknown", "person": "unknown"}


def _uri(address: str) -> str:
    """STIX asks for URIs: an address with letters beyond ASCII (an Arabic or Cyrillic path) is percent-encoded."""
    return quote(address, safe=":/?#[]@!$&'()*+,;=%~")


def _attack_reference(attack_id: str) -> dict[str, str]:
    return {"source_name": "mitre-attack", "external_id": attack_id,
            "url": f"https://attack.mitre.org/groups/{attack_id}/"}


def _source_references(case: Case, model: Model, site: Site) -> list[dict[str, str]]:
    refs = [{"source_name": "Digital Diplomacy, Checked", "url": absolute_url(site, case), "external_id": case.id}]
    for n, source in enumerate(case.sources, 1):
        if source.ref:
            reference = model.by_id["reference"][source.ref]
            url = reference.record.get("URL", "") or absolute_url(site, reference)
            refs.append({"source_name": f"source {n}", "description": reference.record["title"], "url": _uri(url)})
        elif source.url:
            refs.append({"source_name": f"source {n}", "description": f"{source.title}, {source.publisher}",
                         "url": _uri(source.url)})
    return refs


def bundle(model: Model, site: Site) -> str:
    actors = model.by_id["actor"]
    incidents = [c for c in sorted(model.cases, key=lambda c: c.id) if c.kind == "incident"]
    author = {"type": "identity", "spec_version": "2.1", "id": _id("identity", "site"), "name": site.name,
              "identity_class": "organization", "created": f"{site.released}T00:00:00.000Z",
              "modified": f"{site.released}T00:00:00.000Z"}
    extension = {"type": "extension-definition", "spec_version": "2.1", "id": _EXTENSION,
                 "created_by_ref": author["id"], "created": author["created"], "modified": author["modified"],
                 "name": "Digital Diplomacy, Checked: case coding", "schema": _EXTENSION_TEXT, "version": "1.0.0",
                 "description": "How the site codes its cases beyond STIX's own properties: dates as precise "
                                "as known, the basis and author of each attribution, the receivers' categories.",
                 "extension_types": ["property-extension"]}
    objects: dict[str, dict[str, Any]] = {author["id"]: author, _EXTENSION: extension}

    def common(created: str, modified: str) -> dict[str, Any]:
        return {"spec_version": "2.1", "created_by_ref": author["id"], "created": f"{created}T00:00:00.000Z",
                "modified": f"{modified}T00:00:00.000Z"}

    def actor_object(actor: Actor, as_threat_actor: bool, case: Case) -> str:
        """The actor's STIX object (made once, on first use); returns its id."""
        if actor.kind == "group":
            kind, props = "intrusion-set", {"name": actor.name, "aliases": list(actor.aliases) or None}
        elif as_threat_actor:
            kind, props = "threat-actor", {"name": actor.name, "threat_actor_types": [_ACTOR_TYPE[actor.kind]]}
        else:
            kind, props = "identity", {"name": actor.name, "identity_class": _IDENTITY_CLASS[actor.kind]}
        object_id = _id(kind, actor.id)
        if object_id not in objects:
            obj = {"type": kind, "id": object_id, **common(case.created, case.created),
                   **{k: v for k, v in props.items() if v}, "description": " ".join(actor.description.split()) or None,
                   "external_references": [_attack_reference(actor.attack_id)] if actor.attack_id else None,
                   **_extended(actor_id=actor.id)}
            objects[object_id] = {k: v for k, v in obj.items() if v is not None}
        return object_id

    relationships: list[dict[str, Any]] = []
    for case in incidents:
        campaign_id = _id("campaign", case.id)
        campaign = {"type": "campaign", "id": campaign_id, **common(case.created, case.modified), "name": case.title,
                    "description": " ".join(case.summary.split()), "first_seen": _time(case.start),
                    "last_seen": _time(case.end) if case.end and is_day(case.end) else None,
                    "external_references": _source_references(case, model, site),
                    **_extended(case_id=case.id, start=case.start, **({"end": case.end} if case.end else {}))}
        objects[campaign_id] = {k: v for k, v in campaign.items() if v is not None}
        categories: dict[str, list[str]] = {}
        for party in case.receivers:  # one actor may be a receiver in several capacities
            categories.setdefault(party.actor, []).append(party.category)
        for receiver, its_categories in categories.items():
            target = actor_object(actors[receiver], False, case)
            relationships.append({"type": "relationship", "id": _id("relationship", f"{case.id}/targets/{receiver}"),
                                  **common(case.created, case.modified), "relationship_type": "targets",
                                  "source_ref": campaign_id, "target_ref": target,
                                  **_extended(receiver_categories=its_categories)})
        for n, attribution in enumerate(case.attributions, 1):
            by = actor_object(actors[attribution.by], False, case)
            for accused in attribution.to:
                target = actor_object(actors[accused], True, case)
                relationships.append({
                    "type": "relationship", "id": _id("relationship", f"{case.id}/attribution/{n}/{accused}"),
                    **common(case.created, case.modified), "relationship_type": "attributed-to",
                    "source_ref": campaign_id, "target_ref": target, "start_time": _time(attribution.date),
                    "description": f"Attributed by {actors[attribution.by].name} ({attribution.basis} basis)"
                                   + (f": {' '.join(attribution.note.split())}" if attribution.note else "."),
                    **_extended(attributed_by_ref=by, basis=attribution.basis, date=attribution.date,
                                number=n, source=attribution.source),
                })
    document = {"type": "bundle", "id": _id("bundle", "cases"),
                "objects": [*objects.values(), *relationships]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
