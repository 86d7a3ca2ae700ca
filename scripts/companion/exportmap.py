"""One table: how each kind of work (a CSL type) is written in RIS and in BibTeX/biblatex.

The choices follow what the readers students use do with each type and tag (Zotero's RIS and
BibTeX importers, pandoc's and biber's BibLaTeX readers, citation-js), so that a work imported
into a reference manager comes out as the same kind of work with the same fields. What a reader
still cannot carry is listed, with the reason, in tests/test_roundtrip.py.

RIS (as Zotero reads it):
- ``GEN`` would become a journal article and ``LEGAL`` a court case, so neither is used:
  documents such as press releases and UN reports are ``RPRT`` (a report, with ``SN`` as its
  number and ``M3`` as its kind; ``GOVDOC`` would do for Zotero, but citation-js keeps only its
  year); treaties and legislation are ``STAT`` (a statute: ``T2`` the code or treaty series,
  ``VL`` its volume, ``SP`` the page, ``M1`` the number).
- Editors are ``ED`` (``A2`` is dropped on web pages and means series editor on books and
  reports); on books ``A3``, which Zotero and citation-js both read as editor.
- Organisations are written without commas: RIS cannot mark a name as an organisation, and every
  reader splits "X, Y" into family name X and given name Y.

BibTeX (biblatex's entry types, which Zotero, pandoc and biber read; classic BibTeX compiles the
file too, printing biblatex-only types as ``@misc``):
- web pages and blog posts are ``@online`` with the website in ``journal`` (Zotero's website
  title, pandoc's container) and the publisher in ``organization``;
- newspaper and magazine articles are ``@article`` with ``entrysubtype`` newspaper or magazine;
- reports and documents are ``@techreport`` with their kind in ``type`` (press release, fact
  sheet): classic BibTeX knows the type too, and biblatex's ``@report`` would require a ``type``;
  a report's ``institution`` is its publisher, or its author organisation when it names none
  (both kinds of BibTeX require one);
- a book with editors and no author is a ``@collection``;
- treaties and legislation are ``@legislation`` with the series or journal in ``journal``;
- a journal's article number is ``eid``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WorkType:
    ris: str  # the RIS TY
    bibtex: str  # the BibTeX/biblatex entry type
    subtype: str = ""  # biblatex's entrysubtype
    container_bib: str = "journal"  # the BibTeX field for CSL's container-title
    editor_ris: str = "ED"
    number_ris: str = "SN"  # the RIS tag for CSL's number (report, document, article or treaty number)
    number_bib: str = "number"


_REPORT = WorkType("RPRT", "techreport", container_bib="series")
_DOCUMENT = _REPORT  # RPRT, not GOVDOC: Zotero reads both as a report, citation-js reads GOVDOC's year only
_STATUTE = WorkType("STAT", "legislation", number_ris="M1")
_ONLINE = WorkType("ELEC", "online")

TYPES: dict[str, WorkType] = {
    "article-journal": WorkType("JOUR", "article", number_ris="C7", number_bib="eid"),
    "article-magazine": WorkType("MGZN", "article", subtype="magazine", number_bib="eid"),
    "article-newspaper": WorkType("NEWS", "article", subtype="newspaper", number_bib="eid"),
    "book": WorkType("BOOK", "book", container_bib="series", editor_ris="A3", number_ris="M1"),
    "chapter": WorkType("CHAP", "incollection", container_bib="booktitle"),
    "entry-encyclopedia": WorkType("ENCYC", "inreference", container_bib="booktitle", editor_ris="A2"),
    "report": _REPORT,
    "document": _DOCUMENT,
    "treaty": _STATUTE,
    "legislation": _STATUTE,
    "webpage": _ONLINE,
    "post": _ONLINE,
    "post-weblog": WorkType("BLOG", "online"),
    "speech": WorkType("SLIDE", "misc", container_bib="howpublished"),
}


def work_type(item: dict[str, object]) -> WorkType:
    return TYPES[str(item["type"])]


def bibtex_type(item: dict[str, object]) -> str:
    """The entry type; an edited book (editors, no author) is a collection."""
    kind = work_type(item)
    if kind.bibtex == "book" and item.get("editor") and not item.get("author"):
        return "collection"
    return kind.bibtex
