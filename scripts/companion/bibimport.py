"""`import-bib`: BibTeX entries (as Zotero or a journal exports them) into data/references.yaml.

New entries are appended as they are parsed; nothing else in the file changes. An entry
whose key, DOI or title is already in the bibliography is refused with the place it
clashes with, and nothing is written unless every entry can be imported.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import Entry
from pylatexenc.latex2text import LatexNodes2Text

_TYPES = {"article": "article-journal", "book": "book", "incollection": "chapter", "inbook": "chapter",
          "techreport": "report", "report": "report", "online": "webpage", "electronic": "webpage",
          "www": "webpage", "misc": "webpage", "legislation": "legislation", "inreference": "entry-encyclopedia",
          "collection": "book"}
_ARTICLE_SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}  # biblatex's entrysubtype
_LANGUAGE_CODES = {"german": "de", "ngerman": "de", "french": "fr", "spanish": "es", "dutch": "nl", "russian": "ru"}
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"], 1)}
_KEY = re.compile(r"^[a-z][a-z0-9]*[0-9]{4}[a-z]?$")
_TEXT = LatexNodes2Text(math_mode="verbatim")


class BibImportError(Exception):
    """An entry that cannot be imported, with the reason and how to fix it."""


@dataclass(frozen=True)
class Imported:
    key: str
    original_key: str
    entry: dict[str, Any]


def text(value: str) -> str:
    """LaTeX to plain Unicode text, protective braces removed."""
    return " ".join(_TEXT.latex_to_text(value).split())


# A braced group of lower-case letters in a title: protected from title case ("{vs}"), which CSL-JSON
# marks as nocase. Braced capitals need no mark: CSL never lower-cases a title.
_LOWER_GROUP = re.compile(r"\{([a-z][a-z.]*)\}")


def title_text(value: str) -> str:
    """A BibTeX title as a CSL-JSON title."""
    marked = _LOWER_GROUP.sub(lambda m: f"\x00{m.group(1)}\x01", value)
    return text(marked).replace("\x00", '<span class="nocase">').replace("\x01", "</span>")


def split_names(value: str) -> list[str]:
    """Split on ' and ' outside braces ({Office on Drugs and Crime} is one name)."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value):
        token = match.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            names.append(value[start:match.start()])
            start = match.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _one_group(value: str) -> bool:
    """'{Council of Europe}' is one brace group; '{\\"O}zekin, M.' is not."""
    if not value.startswith("{"):
        return False
    depth = 0
    for index, char in enumerate(value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index == len(value) - 1
    return False


def _top_level_commas(value: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(value[start:index].strip())
            start = index + 1
    return [*parts, value[start:].strip()]


def people(value: str) -> list[dict[str, Any]]:
    result = []
    for stripped in split_names(value):
        parts = _top_level_commas(stripped)
        if _one_group(stripped):  # an organisation, braced so that it is not split into names
            result.append({"literal": text(stripped[1:-1])})
        elif len(parts) == 3:  # von Last, Jr, First
            result.append({"family": text(parts[0]), "given": text(parts[2]), "suffix": text(parts[1])})
        elif len(parts) == 2:
            family, given = parts
            result.append({"family": text(family), **({"given": text(given)} if given else {})})
        else:
            parts = text(stripped).rsplit(" ", 1)
            result.append({"family": parts[-1], **({"given": parts[0]} if len(parts) == 2 else {})})
    return result


def issued(fields: dict[str, str]) -> str:
    if "date" in fields:
        return fields["date"].strip()[:10]
    year = fields.get("year", "").strip()
    if not re.fullmatch(r"\d{4}", year):
        raise BibImportError("it has no year or date: add 'year = {YYYY}'")
    month = fields.get("month", "").strip().lower()[:3]
    number = _MONTHS.get(month) or (int(month) if month.isdigit() else 0)
    return f"{year}-{number:02d}" if number else year


def record(entry: Entry) -> dict[str, Any]:
    kind = _TYPES.get(entry.entry_type.lower())
    if kind is None:
        raise BibImportError(f"entry type @{entry.entry_type} is not supported; use one of "
                           + ", ".join(f"@{t}" for t in sorted(_TYPES)))
    fields: dict[str, str] = {k.lower(): str(v.value) for k, v in entry.fields_dict.items()}
    if kind == "article-journal":
        kind = _ARTICLE_SUBTYPES.get(fields.get("entrysubtype", "").strip().lower(), kind)
    if "title" not in fields:
        raise BibImportError("it has no title")
    out: dict[str, Any] = {"type": kind}
    if "author" in fields:
        out["author"] = people(fields["author"])
    if "editor" in fields:
        out["editor"] = people(fields["editor"])
    if not out.get("author") and not out.get("editor"):
        raise BibImportError("it has no author or editor: add 'author = {Family, Given}' or '{Organisation}'")
    out["title"] = title_text(fields["title"])
    container = (fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle")
                 or fields.get("howpublished"))
    if container and not container.strip().startswith("\\url"):
        out["container-title"] = text(container)
    if fields.get("series"):
        out["collection-title"] = text(fields["series"])
    organisation = fields.get("institution") or fields.get("organization")
    if organisation and not fields.get("publisher"):
        name = text(organisation)
        if {"literal": name} not in out.get("author", []):  # only repeats the author organisation
            out["publisher"] = name
    if fields.get("type"):
        out["genre"] = text(fields["type"])
    for bib, csl in (("publisher", "publisher"), ("location", "publisher-place"), ("address", "publisher-place"),
                     ("volume", "volume"), ("edition", "edition"), ("isbn", "ISBN")):
        if fields.get(bib) and csl not in out:
            out[csl] = text(fields[bib])
    if fields.get("number"):
        out["issue" if kind.startswith("article") else "number"] = text(fields["number"])
    if fields.get("eid"):  # biblatex's article number
        out["number"] = text(fields["eid"])
    if fields.get("pages"):
        out["page"] = re.sub(r"-+", "–", text(fields["pages"]))
    language = _LANGUAGE_CODES.get(fields.get("langid", "").strip().lower())
    if language:
        out["language"] = language
    out["issued"] = issued(fields)
    if fields.get("doi"):
        out["DOI"] = re.sub(r"^https?://(dx\.)?doi\.org/", "", fields["doi"].strip())
    if fields.get("url"):
        out["URL"] = fields["url"].strip()
    return out


def make_key(original: str, entry: dict[str, Any], taken: set[str]) -> str:
    """Keep a key that follows the scheme (surname + year); otherwise make one."""
    if _KEY.match(original) and original not in taken:
        return original
    first = (entry.get("author") or entry.get("editor") or [{}])[0]
    name = first.get("family") or first.get("literal", "").split(" ")[0]
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base: str = (re.sub(r"[^a-z]", "", ascii_name) or "anon") + str(entry["issued"])[:4]
    if base not in taken:
        return base
    for letter in "bcdefghijklmnopqrstuvwxyz":
        if base + letter not in taken:
            return base + letter
    raise BibImportError(f"no free key for '{base}'")


def _norm(title: str) -> str:
    return re.sub(r"\W+", " ", title).strip().casefold()


def import_entries(bib_text: str, existing: list[dict[str, Any]], today: dt.date, source_name: str) -> list[Imported]:
    """The entries of ``bib_text`` as new references. Raises BibImportError naming every refused entry."""
    library = parse_string(bib_text)
    problems = [f"line {(block.start_line or 0) + 1}: could not be read as BibTeX ({type(block).__name__})"
                for block in library.failed_blocks]
    taken = {r["id"] for r in existing}
    dois = {r["record"].get("DOI", "").lower(): r["id"] for r in existing if r["record"].get("DOI")}
    titles = {_norm(r["record"]["title"]): r["id"] for r in existing}
    imported: list[Imported] = []
    for entry in library.entries:
        where = f"line {(entry.start_line or 0) + 1} (@{entry.entry_type}{{{entry.key}}})"
        try:
            csl = record(entry)
        except BibImportError as error:
            problems.append(f"{where}: {error}")
            continue
        clash = (entry.key if entry.key in taken and _KEY.match(entry.key) else None) \
            or dois.get(csl.get("DOI", "").lower() or "\0") or titles.get(_norm(csl["title"]))
        if clash:
            problems.append(f"{where}: already in data/references.yaml as '{clash}'; "
                            "edit that entry instead of importing it again")
            continue
        key = make_key(entry.key, csl, taken)
        taken.add(key)
        if csl.get("DOI"):
            dois[csl["DOI"].lower()] = key
        titles[_norm(csl["title"])] = key
        note = (f"Imported from {source_name} on {today.isoformat()}; not yet checked against the source: "
                "check every field, then mark it verified.")
        imported.append(Imported(key, entry.key, {"id": key, "record": csl,
                                                   "verification": {"status": "unverified", "note": note}}))
    if problems:
        raise BibImportError("\n".join(problems))
    return imported


def append_to_file(path: Path, imported: list[Imported]) -> str:
    """The references file with the new entries added at its end (the rest unchanged)."""
    current = path.read_text(encoding="utf-8")
    block = yaml.safe_dump([i.entry for i in imported], sort_keys=False, allow_unicode=True, width=100)
    return current.rstrip("\n") + "\n" + block
