"""RIS (for EndNote, Zotero, Mendeley and others) from CSL-JSON items, written by rispy."""

from __future__ import annotations

import re
from typing import Any

import rispy

from .csltext import plain_title
from .exportmap import work_type

# rispy's tags and its names for them (the table in exportmap.py chooses tags; MAPPING gives the names),
# with ED (editor), which its default table lacks.
MAPPING = {**rispy.TAG_KEY_MAPPING, "ED": "editor"}
LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "ED"]
_SERIES_IN_T2 = {"RPRT", "BOOK", "STAT"}
_NO_PUBLISHER = {"JOUR", "MGZN", "NEWS"}  # a periodical's publisher: no reader has a field for it


def _name(person: dict[str, Any]) -> str:
    """"Family, Given, Suffix" for a person; an organisation's name without commas, which every RIS
    reader would take as the break between a family and a given name."""
    if "literal" in person:
        return " ".join(person["literal"].replace(",", " ").split())
    return ", ".join(filter(None, [person.get("family"), person.get("given"), person.get("suffix")]))


def _date(parts: list[int]) -> str:
    """RIS dates are YYYY/MM/DD/ with empty parts allowed."""
    padded = [str(parts[0])] + [f"{p:02d}" for p in parts[1:]]
    return "/".join(padded + [""] * (3 - len(padded))) + "/"


# RIS is one tag and value per line: a line break of any kind inside a value (\r, \n, \x85,
# U+2028, U+2029, \v, \f) would end the value and could start a record of someone else's making.
_LINE_BREAKS = re.compile(r"\s+")


def _one_line(value: object) -> object:
    if isinstance(value, str):
        return _LINE_BREAKS.sub(" ", value).strip()
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    return value


def record(item: dict[str, Any]) -> dict[str, Any]:
    """One rispy record for one CSL-JSON item, every value on one line."""
    return {key: _one_line(value) for key, value in _record(item).items()}


def _record(item: dict[str, Any]) -> dict[str, Any]:
    kind = work_type(item)
    entry: dict[str, Any] = {"type_of_reference": kind.ris, "title": plain_title(item["title"]), "id": item["id"]}
    if item.get("author"):
        entry["authors"] = [_name(p) for p in item["author"]]
    if item.get("editor"):
        entry[MAPPING[kind.editor_ris]] = [_name(p) for p in item["editor"]]
    # T2 is the container; a report's or book's series, and a treaty's series, also go in T2, which
    # Zotero reads as series title (report, book) or code (statute), and citation-js as collection title.
    in_series = kind.ris in _SERIES_IN_T2
    container = item.get("container-title") or (item.get("collection-title") if in_series else "")
    if container:
        entry["secondary_title"] = container
    if item.get("collection-title") and not in_series:
        entry["tertiary_title"] = item["collection-title"]
    if item.get("publisher") and kind.ris not in _NO_PUBLISHER:
        entry["publisher"] = item["publisher"]
    for csl_name, ris_name in (("publisher-place", "place_published"),
                               ("volume", "volume"), ("issue", "number"), ("edition", "edition"),
                               ("ISBN", "issn"), ("DOI", "doi"), ("genre", "type_of_work"), ("language", "language")):
        if item.get(csl_name):
            entry[ris_name] = str(item[csl_name])
    number = item.get("number") or (item.get("collection-number") if kind.ris == "STAT" else "")
    if number:  # RIS has one SN for an ISBN and a report's number: the number, which identifies the report
        entry[MAPPING[kind.number_ris]] = str(number)
    if item.get("URL"):
        entry["urls"] = [item["URL"]]
    if item.get("page"):
        first, _, last = str(item["page"]).replace("–", "-").partition("-")
        entry["start_page"] = first
        if last:
            entry["end_page"] = last
    parts = item["issued"]["date-parts"][0]
    entry["year"] = str(parts[0])
    entry["date"] = _date(parts)
    if item.get("accessed"):
        entry["access_date"] = _date(item["accessed"]["date-parts"][0])
    if item.get("version"):
        entry["notes"] = [f"Version {item['version']}"]
    return entry


class _Writer(rispy.RisWriter):  # type: ignore[misc]  # rispy has no type information
    """rispy's writer without its "1." line before each record, which RIS readers do not expect."""

    def set_header(self, count: int) -> str:
        return ""


def ris(items: list[dict[str, Any]]) -> str:
    return str(rispy.dumps([record(item) for item in items], implementation=_Writer, mapping=MAPPING,
                           list_tags=LIST_TAGS))
