"""RIS (for EndNote, Zotero, Mendeley and others) from CSL-JSON items, written by rispy."""

from __future__ import annotations

import re
from typing import Any

import rispy

from .csltext import plain_title

_TYPES = {"article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK",
          "chapter": "CHAP", "entry-encyclopedia": "ENCYC", "report": "RPRT", "treaty": "LEGAL",
          "legislation": "STAT", "webpage": "ELEC", "post": "ELEC", "post-weblog": "BLOG", "speech": "SOUND",
          "document": "GEN"}


def _name(person: dict[str, Any]) -> str:
    return person.get("literal") or ", ".join(
        filter(None, [person.get("family"), person.get("given"), person.get("suffix")]))


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
    entry = {"type_of_reference": _TYPES.get(item["type"], "GEN"), "title": plain_title(item["title"]),
             "id": item["id"]}
    if item.get("author"):
        entry["authors"] = [_name(p) for p in item["author"]]
    if item.get("editor"):
        entry["secondary_authors"] = [_name(p) for p in item["editor"]]
    for csl_name, ris_name in (("container-title", "secondary_title"), ("publisher", "publisher"),
                               ("publisher-place", "place_published"), ("volume", "volume"), ("issue", "number"),
                               ("edition", "edition"), ("ISBN", "issn"), ("DOI", "doi")):
        if item.get(csl_name):
            entry[ris_name] = str(item[csl_name])
    if item.get("URL"):
        entry["urls"] = [item["URL"]]
    if item.get("page"):
        first, _, last = str(item["page"]).partition("-")
        entry["start_page"] = first
        if last:
            entry["end_page"] = last
    parts = item["issued"]["date-parts"][0]
    entry["year"] = str(parts[0])
    entry["date"] = _date(parts)
    if item.get("accessed"):
        entry["access_date"] = _date(item["accessed"]["date-parts"][0])
    notes = [str(item[k]) for k in ("genre", "section", "number") if item.get(k)]
    if item.get("version"):
        notes.append(f"Version {item['version']}")
    if notes:
        entry["notes"] = [", ".join(notes)]
    return entry


class _Writer(rispy.RisWriter):  # type: ignore[misc]  # rispy has no type information
    """rispy's writer without its "1." line before each record, which RIS readers do not expect."""

    def set_header(self, count: int) -> str:
        return ""


def ris(items: list[dict[str, Any]]) -> str:
    return str(rispy.dumps([record(item) for item in items], implementation=_Writer))
