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
from .exportmap import bibtex_type, work_type

# BibTeX counts every brace, escaped or not, to find where a field ends: "\}" would end it and
# let the rest of a title write fields or records of its own. Braces are written as commands.
_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
            "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\textless{}",
            ">": r"\textgreater{}"}
_ENCODER = UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="replace")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def latex(text: str) -> str:
    # Dashes as TeX's ligatures: every reader knows "--" and "---"; pandoc's drops \textendash.
    text = text.replace("\u2014", "---").replace("\u2013", "--")
    escaped = "".join(_SPECIAL.get(char, char) for char in text)
    return str(_ENCODER.unicode_to_latex(escaped))


def verbatim(address: str) -> str:
    """A URL or DOI for a field that LaTeX reads verbatim: exactly as it is, except that anything that
    could end the field or reach TeX (braces, backslashes, spaces, quotes, control characters) is
    percent-encoded. The schema already refuses those; this keeps the .bib safe whatever it is given."""
    return quote(address, safe="/:?#[]@!$&'()*+,;=%~-._")


def title_case_protected(text: str) -> str:
    """Brace each word with a capital that is not just the title's first letter, so no style lowercases it."""
    words = latex(text).split(" ")
    return " ".join("{" + word + "}" if _keeps_capitals(word, first=i == 0) or _lower_after_colon(words, i) else word
                    for i, word in enumerate(words))


def _lower_after_colon(words: list[str], index: int) -> bool:
    """A lower-case word after a colon ("…: a European Approach", an official title): styles that make
    sentence case would capitalise it, so it is braced."""
    return index > 0 and words[index - 1].endswith(":") and words[index][:1].islower()


def _keeps_capitals(word: str, first: bool) -> bool:
    """A word whose capitals a style must not lower: one starting with a capital (but the title's first
    word), or with a capital inside it ("#NotDiplomacy", "IoT", "GhostNet")."""
    letters = re.sub(r"\\[A-Za-z]+|[^A-Za-z]", "", word)  # LaTeX commands are not letters of the word
    return bool(letters) and ((not first and letters[0].isupper()) or any(c.isupper() for c in letters[1:]))


def names(people: list[dict[str, Any]]) -> str:
    parts = []
    for person in people:
        if "literal" in person:
            parts.append("{" + latex(person["literal"]) + "}")  # an organisation: never split into first/last
        else:
            given, suffix = person.get("given", ""), person.get("suffix", "")
            parts.append(_family(person["family"]) + (", " + _name_part(suffix) if suffix else "")
                         + (", " + _name_part(given) if given else ""))
    return " and ".join(parts)


def _family(text: str) -> str:
    """A family name; braced whole when a word of it starts in lower case ("de Stefano", "van den Berg"),
    which BibTeX would otherwise take for a particle and readers move out of the family name."""
    part = _name_part(text)
    return "{" + part + "}" if not part.startswith("{") and re.search(r"(^|\s)[a-z]", text) else part


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
    """One BibTeX entry for one CSL-JSON item, typed and fielded by exportmap's table."""
    kind = work_type(item)
    entry_type = bibtex_type(item)
    fields: list[Field] = []
    if item.get("author"):
        fields.append(Field("author", names(item["author"])))
    if item.get("editor"):
        fields.append(Field("editor", names(item["editor"])))
    fields.append(Field("title", protected_title(item["title"])))
    if kind.subtype:
        fields.append(Field("entrysubtype", kind.subtype))
    series = item.get("collection-title", "")
    container = item.get("container-title", "")
    if container and kind.container_bib == "series":
        series = container  # a report or book "in" something is in a series
    elif container:
        fields.append(Field(kind.container_bib, protected_title(container) if kind.container_bib in _RECASED
                            else latex(container)))
    if series:
        fields.append(Field("series", protected_title(series)))
    if item.get("genre") and entry_type != "misc":
        fields.append(Field("type", latex(item["genre"])))
    if entry_type == "techreport":  # required: the publisher, or else the author organisation
        # names() already braces each organisation; several stay several institutions.
        issuer = _whole(latex(item["publisher"])) if item.get("publisher") else names(item.get("author", []))
        if issuer:
            fields.append(Field("institution", issuer))
    elif item.get("publisher") and entry_type != "article":  # a journal's publisher has no field in @article
        name = "organization" if entry_type == "online" else "publisher"
        fields.append(Field(name, _whole(latex(item["publisher"]))))
    if item.get("publisher-place"):
        fields.append(Field("location", _whole(latex(item["publisher-place"]))))
    for csl_name, bib_name in (("volume", "volume"), ("issue", "number"),
                               ("edition", "edition"), ("ISBN", "isbn"), ("language", "langid"),
                               ("version", "version")):
        if item.get(csl_name):
            fields.append(Field(bib_name, latex(_language_name(item[csl_name]) if csl_name == "language"
                                                else str(item[csl_name]))))
    if item.get("page"):
        fields.append(Field("pages", latex(str(item["page"]).replace("–", "-")).replace("-", "--")))
    if item.get("number"):
        fields.append(Field(kind.number_bib, latex(str(item["number"]))))
    if item.get("collection-number"):  # biblatex has one number: the series number goes with the series
        fields.append(Field("note", latex(f"{series} {item['collection-number']}".strip())))
    fields += _date_fields("", item["issued"]["date-parts"][0])
    if item.get("DOI"):
        fields.append(Field("doi", verbatim(item["DOI"])))
    if item.get("URL"):
        fields.append(Field("url", verbatim(item["URL"])))
    if item.get("accessed"):
        fields += _date_fields("url", item["accessed"]["date-parts"][0])
    return Entry(entry_type, key or item["id"], fields)


def _whole(value: str) -> str:
    """A value for one of biblatex's list fields (publisher, institution, organization, location), which
    split at " and ": braced, so "National Institute of Standards and Technology" stays one name."""
    return "{" + value + "}"  # always: "{\\^I}le … Bogot{\\'a}" starts and ends with braces of its own


# Fields that biblatex styles (and pandoc's reader) may change to sentence case: capitals braced.
_RECASED = {"booktitle", "series", "title"}
# biblatex's langid takes a language's name, not its code.
_LANGUAGES = {"de": "german", "fr": "french", "es": "spanish", "nl": "dutch", "ru": "russian", "en": "english"}


def _language_name(code: str) -> str:
    return _LANGUAGES.get(code.split("-")[0], code)


def protected_title(title: str) -> str:
    """A title with CSL's case-protected runs and every capitalised word braced."""
    return "".join("{" + latex(text) + "}" if protected else title_case_protected(text)
                   for text, protected in split_nocase(title))


def bibtex(items: list[dict[str, Any]]) -> str:
    library = Library()
    for item in items:
        library.add(entry(item))
    return str(write_string(library))
