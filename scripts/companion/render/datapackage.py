"""The cases as a Frictionless Data Package (downloads/datapackage.json): long tables joined by keys.

cases.csv (the spreadsheet download, one row per case) is the package's `cases` table, so the two
cannot drift apart; attributions, responses and sources have a row each, keyed by the case's id
and their place in the case's list; claims have a row each. Table Schemas give every column's
type and meaning, and foreign keys tie the tables together, so `frictionless validate` (and any
tool that reads Data Packages: pandas via frictionless, R's frictionless, Open Data Editor)
checks the joins. Spec: https://datapackage.org/
"""

from __future__ import annotations

import json
from typing import Any

from .. import urls
from ..citation import Site
from ..model import Model
from .exports import CASES_CSV, CSV_COLUMNS, csv_table, sorted_cases

DATAPACKAGE = "downloads/datapackage.json"
TABLES = {name: f"downloads/data/{name}.csv" for name in ("attributions", "responses", "sources", "claims")}

_DATE = {"pattern": r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"}  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as known
_INTEGERS = {"sources", "primary_sources", "days_to_first_attribution", "number", "source"}
_DATES = {"start", "end", "created", "modified", "first_attribution", "second_reading", "date"}


def _field(name: str, description: str, required: bool = False) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "description": description,
                             "type": "integer" if name in _INTEGERS else "boolean" if name == "primary" else "string"}
    constraints: dict[str, Any] = dict(_DATE) if name in _DATES else {}
    if required:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    if field["type"] == "boolean":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    return field


_ATTRIBUTIONS = [("case_id", "the case's id", True), ("number", "the attribution's place in the case's list", True),
                 ("date", "when it was made", True), ("by", "actor id of who attributed it", True),
                 ("by_name", "their name", True),
                 ("by_type", "kind of attributing actor: state, organisation, group or person", True),
                 ("to", "actor ids it was attributed to, separated by ';'", False),
                 ("basis", "political, legal, technical, …: on what footing it was made", True),
                 ("note", "what was said, in our words", False),
                 ("source", "number of its source in the case's sources table", True)]
_RESPONSES = [("case_id", "the case's id", True), ("number", "the response's place in the case's list", True),
              ("date", "when", True), ("type", "political, legal, diplomatic or technical", True),
              ("by", "actor id of who responded", True), ("by_name", "their name", True),
              ("description", "what was done, in our words", True),
              ("subtype", "statement, demarche, summoning, expulsion, recall, sanctions, indictment, … (where coded)",
               False),
              ("act", "the legal act, if one was adopted", False),
              ("source", "number of its source in the case's sources table", True)]
_SOURCES = [("case_id", "the case's id", True), ("number", "the source's number on the case's page", True),
            ("primary", "a primary source (an official statement, legal act, court document, first-hand report)",
             True),
            ("reference", "id of the entry on the References page, for a source listed there", False),
            ("title", "title of a source written out in the case", False), ("publisher", "who published it", False),
            ("date", "when it was published", False), ("url", "its address", False),
            ("verified", "whether its details were checked against the original ('' if not recorded)", False),
            ("note", "what it supports", False)]
_CLAIMS = [("id", "the claim's id", True), ("section", "id of the paper's section it is in", True),
           ("url", "the claim on this site", True), ("text", "the claim in our words", True),
           ("printed", "what the paper printed, word for word", True),
           ("verdict", "supported, needs-nuance or wrong (see the About page)", True),
           ("verdict_since", "the day the verdict was given", True),
           ("review_state", "draft, checked or disputed", True), ("explanation", "why, in our words", True),
           ("cases", "ids of the cases it concerns, separated by ';'", False)]


def tables(model: Model, site_url: str) -> dict[str, str]:
    """The package's long tables, by path."""
    actors = model.by_id["actor"]
    attributions, responses, sources = [], [], []
    for case in sorted_cases(model):
        for n, a in enumerate(case.attributions, 1):
            attributions.append([case.id, str(n), a.date, a.by, actors[a.by].name, actors[a.by].kind, ";".join(a.to),
                                 a.basis, " ".join(a.note.split()), str(a.source)])
        for n, r in enumerate(case.responses, 1):
            responses.append([case.id, str(n), r.date, r.type, r.by, actors[r.by].name, " ".join(r.description.split()),
                              r.subtype, r.act, str(r.source)])
        for n, s in enumerate(case.sources, 1):
            verified = "" if s.verification is None else str(s.verification.status == "verified").lower()
            sources.append([case.id, str(n), str(s.primary).lower(), s.ref, s.title, s.publisher, s.date, s.url,
                            verified, " ".join(s.note.split())])
    claims = [[c.id, c.section, site_url.rstrip("/") + urls.public_url(c), c.text, " ".join(c.printed.split()),
               c.verdict, c.review.history[-1].date, c.review.state, " ".join(c.explanation.split()),
               ";".join(case.id for case in model.cases if c.id in case.claims)]
              for c in model.claims]
    tables_rows = {"attributions": (_ATTRIBUTIONS, attributions), "responses": (_RESPONSES, responses),
                   "sources": (_SOURCES, sources), "claims": (_CLAIMS, claims)}
    return {TABLES[name]: csv_table([column for column, _, _ in columns], rows)
            for name, (columns, rows) in tables_rows.items()}


def _resource(name: str, path: str, title: str, fields: list[dict[str, Any]], key: list[str],
              foreign: list[tuple[list[str], str, list[str]]]) -> dict[str, Any]:
    return {
        "name": name, "path": path, "title": title, "profile": "tabular-data-resource", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": fields, "primaryKey": key,
                   "foreignKeys": [{"fields": own, "reference": {"resource": other, "fields": theirs}}
                                   for own, other, theirs in foreign]},
    }


def package(model: Model, site: Site) -> str:
    """datapackage.json: the tables' descriptions, types and keys (paths relative to it)."""
    relative = {name: path.removeprefix("downloads/") for name, path in TABLES.items()}
    case_fields = [_field(c.name, c.meaning, c.name in {"id", "url", "kind", "title", "start"}) for c in CSV_COLUMNS]
    by_case = (["case_id"], "cases", ["id"])
    by_source = (["case_id", "source"], "sources", ["case_id", "number"])
    resources = [
        _resource("cases", CASES_CSV.removeprefix("downloads/"), "Cases", case_fields, ["id"], []),
        _resource("attributions", relative["attributions"], "Attributions",
                  [_field(*f) for f in _ATTRIBUTIONS], ["case_id", "number"], [by_case, by_source]),
        _resource("responses", relative["responses"], "Responses",
                  [_field(*f) for f in _RESPONSES], ["case_id", "number"], [by_case, by_source]),
        _resource("sources", relative["sources"], "Sources of the cases",
                  [_field(*f) for f in _SOURCES], ["case_id", "number"], [by_case]),
        _resource("claims", relative["claims"], "The paper's claims and their verdicts",
                  [_field(*f) for f in _CLAIMS], ["id"], []),
    ]
    document = {
        "name": "digital-diplomacy-checked",
        "title": f"{site.name}: cases and claims",
        "description": "Cases where cyber operations met diplomacy, with their attributions, responses and "
                       f"sources, and the checked claims of {model.paper.authors[0].family} "
                       f"({model.paper.issued[:4]}), “{model.paper.title}”.",
        "version": site.version,
        "homepage": site.url,
        "licenses": [{"name": site.license.replace(" ", "-"), "path": site.license_url, "title": site.license}]
        if site.license_url else [],
        "sources": [{"title": model.paper.title, "path": model.paper.url}],
        "resources": resources,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

