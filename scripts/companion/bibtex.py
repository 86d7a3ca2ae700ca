"""BibTeX from CSL-JSON items, written by bibtexparser, that compiles with biblatex/biber and natbib/bibtex.

Text fields are LaTeX-escaped (and non-ASCII characters turned into LaTeX commands, so
pdflatex with classic BibTeX copes); words starting with a capital are braced so styles
that change case keep proper nouns; ``url`` and ``doi`` are left exactly as they are.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import UnicodeToLatexEncoder

from .csltext import split_nocase

# BibTeX counts every brace, escaped or not, to find where a field ends: "\}" would end it and
# let the rest of a title write fields or records of its own. Braces are written as commands.
_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
            "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\textless{}",
            ">": r"\textgreater{}"}
_ENCODER = UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="replace")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_TYPES = {"article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
          "book": "book", "chapter": "incollection", "report": "techreport"}


def latex(text: str) -> str:
    escaped = "".join(_SPECIAL.get(char, char) for char in text)
    return str(_ENCODER.unicode_to_latex(escaped))


def verbatim(address: str) -> str:
    """A URL or DOI for a field that LaTeX reads verbatim: exactly as it is, except that anything that
    could end the field or reach TeX (braces, backslashes, spaces, quotes, control characters) is
    percent-encoded. The schema already refuses those; this keeps the .bib safe whatever it is given."""
    return quote(address, safe="/:?#[]@!$&'()*+,;=%~-._")


def title_case_protected(text: str) -> str:
    """Brace each word that starts with a capital (after the first), so no style lowercases it."""
    words = latex(text).split(" ")
    return " ".join(word if i == 0 or not word[:1].isupper() else "{" + word + "}" for i, word in enumerate(words))


def names(people: list[dict[str, Any]]) -> str:
    parts = []
    for person in people:
        if "literal" in person:
            parts.append("{" + latex(person["literal"]) + "}")  # an organisation: never split into first/last
        else:
            given, suffix = person.get("given", ""), person.get("suffix", "")
            parts.append(_name_part(person["family"]) + (", " + _name_part(suffix) if suffix else "")
                         + (", " + _name_part(given) if given else ""))
    return " and ".join(parts)


def _name_part(text: str) -> str:
    """A part of a person's name; braced where BibTeX would split it (at ' and ' or a comma)."""
    escaped = latex(text)
    return "{" + escaped + "}" if re.search(r"\sand\s|,", text, re.I) else escaped


def _date_fields(prefix: str, parts: list[int]) -> list[Field]:
    iso = "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
    if prefix == "url":
        return [Field("urldate", iso)]
    fields = [Field("date", iso), Field("year", str(parts[0]))]
    if len(parts) > 1:
        fields.append(Field("month", _MONTHS[parts[1] - 1]))
    return fields


def entry(item: dict[str, Any], key: str | None = None) -> Entry:
    """One BibTeX entry for one CSL-JSON item."""
    kind = _TYPES.get(item["type"], "misc")
    fields: list[Field] = []
    if item.get("author"):
        fields.append(Field("author", names(item["author"])))
    if item.get("editor"):
        fields.append(Field("editor", names(item["editor"])))
    fields.append(Field("title", "".join("{" + latex(text) + "}" if protected else title_case_protected(text)
                                         for text, protected in split_nocase(item["title"]))))
    container = item.get("container-title", "")
    if container:
        name = {"article": "journal", "incollection": "booktitle"}.get(kind, "howpublished")
        fields.append(Field(name, latex(container)))
    if kind == "techreport":
        # BibTeX requires an institution for a report: the publisher, or else the author organisation.
        institution = latex(item["publisher"]) if item.get("publisher") else names(item.get("author", []))
        fields.append(Field("institution", institution))
        if item.get("genre"):
            fields.append(Field("type", latex(item["genre"])))
    elif item.get("publisher"):
        fields.append(Field("publisher", latex(item["publisher"])))
    for csl_name, bib_name in (("publisher-place", "address"), ("volume", "volume"), ("issue", "number"),
                               ("edition", "edition"), ("ISBN", "isbn")):
        if item.get(csl_name):
            fields.append(Field(bib_name, latex(str(item[csl_name]))))
    if item.get("page"):
        fields.append(Field("pages", latex(str(item["page"]).replace("–", "-")).replace("-", "--")))
    if item.get("number") and kind != "article":
        fields.append(Field("number", latex(str(item["number"]))))
    notes = [item[k] for k in ("genre", "collection-title", "collection-number", "section") if item.get(k)
             and not (k == "genre" and kind == "techreport")]
    if item.get("version"):
        notes.append(f"Version {item['version']}")
    if notes:
        fields.append(Field("note", latex(", ".join(notes))))
    fields += _date_fields("", item["issued"]["date-parts"][0])
    if item.get("DOI"):
        fields.append(Field("doi", verbatim(item["DOI"])))
    if item.get("URL"):
        fields.append(Field("url", verbatim(item["URL"])))
    if item.get("accessed"):
        fields += _date_fields("url", item["accessed"]["date-parts"][0])
    return Entry(kind, key or item["id"], fields)


def bibtex(items: list[dict[str, Any]]) -> str:
    library = Library()
    for item in items:
        library.add(entry(item))
    return str(write_string(library))
