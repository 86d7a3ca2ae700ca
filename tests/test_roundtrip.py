"""Every export read back by independent, real readers and compared field by field with its CSL-JSON source.

The readers are not ours: pandoc's BibLaTeX reader and biber (BibTeX), citation-js and rispy (RIS),
citation-js (CSL-JSON). A field a format can carry must come back unchanged. What a reader cannot
carry is listed below with the reason; a listed loss that stops happening fails too, so the list
stays true. The mapping they check is scripts/companion/exportmap.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pypandoc
import pytest
import rispy

from companion import bibtex, ris
from companion.build import citable, page_dates
from companion.citation import PAPER_KEY, csl_item, item_id, without_access_date
from companion.csltext import plain_title
from support import FIXTURE_SITE, ROOT

REFERENCE = ROOT / "tests" / "reference"
FIELDS = ("type", "author", "editor", "title", "container-title", "collection-title", "collection-number", "issued",
          "volume", "issue", "page", "number", "DOI", "URL", "publisher", "publisher-place", "genre", "ISBN",
          "edition", "language", "version")

# (reader, CSL type, field) -> why the reader does not give the field back. "*" is every type.
ORGANISATION_COMMAS = ("RIS cannot mark a name as an organisation and every reader splits 'X, Y' into family "
                       "and given name, so organisations are written without their commas")
LOSSES: dict[tuple[str, str, str], str] = {
    # pandoc's BibLaTeX reader
    ("pandoc", "article-journal", "number"): "pandoc's BibLaTeX reader ignores eid, biblatex's article number",
    ("pandoc", "article-journal", "publisher"): "@article has no publisher field (nor has a Zotero journal article)",
    ("pandoc", "report", "collection-number"): "@techreport has one number, the report's own: a series number "
                                               "goes into note",
    ("pandoc", "treaty", "collection-number"): "@legislation has one number, the treaty's own: a series number "
                                               "goes into note",
    # citation-js's RIS reader (its table: @citation-js/plugin-ris lib/spec/new.json)
    ("citation-js RIS", "article-journal", "publisher"): "a journal's publisher is not written: no RIS reader "
                                                         "has a field for it",
    ("citation-js RIS", "article-newspaper", "author"): "citation-js reads NEWS's AU as 'reporter', not author",
    ("citation-js RIS", "article-newspaper", "issued"): "citation-js reads only PY (the year) as NEWS's date",
    ("citation-js RIS", "*", "editor"): "citation-js reads no ED tag (Zotero reads ED as editor on every type)",
    ("citation-js RIS", "webpage", "container-title"): "citation-js reads ELEC's T2 as collection title; Zotero "
                                                       "reads it as the website's title",
    ("citation-js RIS", "webpage", "number"): "RIS has no number for a web page (SN is read as an ISBN)",
    ("citation-js RIS", "webpage", "version"): "RIS has no version tag: it is written as a note (N1)",
    ("citation-js RIS", "legislation", "author"): "citation-js reads no AU on STAT records (Zotero does)",
    ("citation-js RIS", "treaty", "author"): "citation-js reads no AU on STAT records (Zotero does)",
    ("citation-js RIS", "legislation", "volume"): "citation-js reads no VL on STAT records (Zotero: code number)",
    ("citation-js RIS", "treaty", "volume"): "citation-js reads no VL on STAT records (Zotero: code number)",
    ("citation-js RIS", "treaty", "publisher-place"): "a statute has no place in citation-js or Zotero",
    ("citation-js RIS", "treaty", "collection-title"): "a treaty's series is STAT's T2, its code: citation-js "
                                                       "reads it as container title",
    ("citation-js RIS", "treaty", "collection-number"): "STAT has one number tag (M1), for the treaty's own",
    ("citation-js RIS", "report", "collection-number"): "RIS has no series number for a report",
    ("citation-js RIS", "*", "author"): ORGANISATION_COMMAS,
}
# (reader, CSL type) -> the type it reads back, where the format has no type of its own for the work
TYPES_READ: dict[tuple[str, str], str] = {
    ("pandoc", "document"): "report",  # @techreport with its kind in `type`: BibTeX has no generic document
    ("pandoc", "treaty"): "legislation",  # biblatex has no treaty type
    ("pandoc", "post-weblog"): "webpage",  # biblatex has no blog post type; @online
    ("citation-js RIS", "document"): "report",  # RPRT: RIS's GEN would be a journal article in Zotero
    ("citation-js RIS", "treaty"): "legislation",  # STAT: RIS's LEGAL would be a court case in Zotero
}
# What Zotero makes of each RIS type we write (Zotero's RIS.js importTypeMap and exportTypeMap), and what
# each kind of work must become there.
ZOTERO_RIS_TYPES = {"JOUR": "journalArticle", "MGZN": "magazineArticle", "NEWS": "newspaperArticle", "BOOK": "book",
                    "CHAP": "bookSection", "ENCYC": "encyclopediaArticle", "RPRT": "report", "GOVDOC": "report",
                    "STAT": "statute", "ELEC": "webpage", "BLOG": "blogPost", "GEN": "journalArticle",
                    "LEGAL": "case", "SLIDE": "presentation"}
ZOTERO_WANTS = {"article-journal": "journalArticle", "article-magazine": "magazineArticle",
                "article-newspaper": "newspaperArticle", "book": "book", "chapter": "bookSection",
                "entry-encyclopedia": "encyclopediaArticle", "report": "report", "document": "report",
                "treaty": "statute", "legislation": "statute", "webpage": "webpage", "post-weblog": "blogPost"}


@pytest.fixture(scope="module")
def sources(model) -> list[dict[str, Any]]:
    """The items the downloads and cite boxes are made from: the paper, a page, a claim and every reference,
    without the access date (the browser adds it)."""
    changed = page_dates(model, {}, FIXTURE_SITE.released)
    every = {item_id(e): csl_item(e, FIXTURE_SITE, changed) for e in citable(model, FIXTURE_SITE.name)}
    chosen = [PAPER_KEY, "claim-c21", "page-cases-bundestag-hack-2015", *(r.id for r in model.references)]
    return [without_access_date(every[i]) for i in chosen]


def _family(name: dict[str, str]) -> str:
    # "de Stefano" written as one family name comes back as CSL's non-dropping particle "de" and the
    # family name "Stefano": printed the same ("de Stefano, Carlo"). A dropping particle would print
    # "Stefano, Carlo de", so it stays a difference.
    return " ".join(filter(None, [name.get("non-dropping-particle", ""), name["family"]]))


def _names(names: list[dict[str, str]] | None) -> list[tuple[str, ...]]:
    # A one-word name with no given name is the same whether read as an organisation or a family name.
    return [("organisation", n.get("literal") or n["family"]) if "literal" in n or not n.get("given")
            else ("person", _family(n), n["given"], n.get("suffix", "")) for n in names or []]


def _value(item: dict[str, Any], field: str) -> object:
    value = item.get(field)
    if value is None or value == "":
        return None
    if field in ("author", "editor"):
        return _names(value)
    if field == "title":
        return plain_title(value)
    if field == "issued":
        return value.get("date-parts")
    if field == "page":
        return str(value).replace("–", "-")
    if field == "language":
        return str(value).split("-")[0]
    return str(value)


def compare(reader: str, sources: list[dict[str, Any]], read: list[dict[str, Any]]) -> list[str]:
    """Every difference that is not a listed loss, and every listed loss that did not happen."""
    assert len(read) == len(sources), f"{reader} read {len(read)} of {len(sources)} records"
    problems, seen = [], set()
    for source, back in zip(sources, read, strict=True):
        kind = source["type"]
        expected_type = TYPES_READ.get((reader, kind), kind)
        if back.get("type") != expected_type:
            problems.append(f"{source['id']}: type {back.get('type')!r}, expected {expected_type!r}")
        for field in FIELDS[1:]:
            ours, theirs = _value(source, field), _value(back, field)
            if ours is None:
                continue
            loss = next((key for key in ((reader, kind, field), (reader, "*", field)) if key in LOSSES), None)
            if loss and ours != theirs:
                seen.add(loss)
            elif not loss and ours != theirs:
                problems.append(f"{source['id']} ({kind}) {field}: wrote {ours!r}, {reader} read {theirs!r}")
    stale = [key for key in LOSSES if key[0] == reader and key not in seen]
    return problems + [f"listed loss {key} no longer happens: remove it from LOSSES" for key in stale]


def _node(format_name: str, text: str) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node, "Node.js is needed for citation-js: install nodejs"
    assert (REFERENCE / "node_modules" / "@citation-js" / "plugin-ris").exists(), \
        "citation-js is missing: run `npm ci --prefix tests/reference` (the README's test command does)"
    done = subprocess.run([node, str(REFERENCE / "parse.js"), format_name], input=text, text=True,
                          capture_output=True, check=True, timeout=120)
    return list(json.loads(done.stdout))


def test_pandoc_reads_the_bibtex_back(sources):
    done = subprocess.run([pypandoc.get_pandoc_path(), "-f", "biblatex", "-t", "csljson"],
                          input=bibtex.bibtex(sources), text=True, capture_output=True, check=True, timeout=120)
    problems = compare("pandoc", sources, json.loads(done.stdout))
    assert not problems, "\n".join(problems)


def test_citation_js_reads_the_ris_back(sources):
    problems = compare("citation-js RIS", sources, _node("ris", ris.ris(sources)))
    assert not problems, "\n".join(problems)


def test_citation_js_reads_the_csl_json_back(sources):
    read = _node("csl-json", json.dumps(sources, ensure_ascii=False))
    problems = compare("citation-js CSL-JSON", sources, read)
    assert not problems, "\n".join(problems)
    assert [item.get("section") for item in read] == [item.get("section") for item in sources]  # claim pinpoints


def test_rispy_reads_ris_that_zotero_files_under_the_right_type(sources):
    records = rispy.loads(ris.ris(sources), mapping=ris.MAPPING, list_tags=ris.LIST_TAGS)
    assert [r["id"] for r in records] == [s["id"] for s in sources]
    for source, record in zip(sources, records, strict=True):
        kind = source["type"]
        assert ZOTERO_RIS_TYPES[record["type_of_reference"]] == ZOTERO_WANTS.get(kind, "webpage"), source["id"]
        assert record["title"] == plain_title(source["title"])
        written = record.get("authors", [])
        for person, name in zip(source.get("author", []), written, strict=True):
            if "literal" in person:  # Zotero would split "X, Y" into a person
                assert "," not in name and name == " ".join(person["literal"].replace(",", " ").split())
            else:
                assert name.split(", ")[:2] == [person["family"], person["given"]]
        editors = record.get("editor") or record.get("tertiary_authors") or record.get("secondary_authors") or []
        assert len(editors) == len(source.get("editor", [])), source["id"]
        if kind in ("report", "document") and source.get("number"):
            assert record["issn"] == source["number"]  # SN: Zotero's report number
        if source.get("genre"):
            assert record["type_of_work"] == source["genre"]  # M3: Zotero's report type
        parts = source["issued"]["date-parts"][0]
        assert record["date"].split("/")[:len(parts)] == [str(parts[0]), *(f"{p:02d}" for p in parts[1:])]
        assert source.get("DOI") == record.get("doi")
        assert [source.get("URL")] == record.get("urls", [None])


def test_biber_reads_every_entry_and_its_data_model_objects_only_to_what_is_listed(sources, tmp_path):
    biber = shutil.which("biber")
    assert biber, "biber is needed: install biber (Debian package biber)"
    (tmp_path / "refs.bib").write_text(bibtex.bibtex(sources), encoding="utf-8")
    done = subprocess.run([biber, "--tool", "--validate-datamodel", "--output-format=bibtex",
                           "--output-file=out.bib", "refs.bib"], cwd=tmp_path, text=True, capture_output=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    warnings = {re.sub(r"Entry '[^']+' \([^)]*\): ", "", line.split(" - ", 1)[1])
                for line in done.stdout.splitlines() if line.startswith(("WARN", "ERROR"))}
    # year and month are written beside date for classic BibTeX; biber takes them from date, which agrees.
    warnings = {w for w in warnings if not re.fullmatch(r"Overwriting field '(month|year)' with \w+ value "
                                                        r"from field 'date' for entry '[^']+'", w)}
    assert warnings <= BIBLATEX_DATA_MODEL_LIMITS, "\n".join(sorted(warnings - BIBLATEX_DATA_MODEL_LIMITS))
    out = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert sorted(re.findall(r"^@\w+\{([^,]+),", out, re.M)) == sorted(s["id"] for s in sources)


# Fields biblatex's standard data model has no place for, kept because the readers students use read them.
BIBLATEX_DATA_MODEL_LIMITS = {
    # The website's name: biblatex's @online has none; Zotero and pandoc read `journal` as it.
    "Datamodel: Invalid field 'journaltitle' for entrytype 'online'",
    "Datamodel: Invalid field 'location' for entrytype 'online'",
    "Datamodel: Invalid field 'number' for entrytype 'online'",  # an ATT&CK page's id
    # biblatex has no legislation or treaty type (@legislation is one of its "unsupported" types,
    # printed as @misc); pandoc reads it as legislation, Zotero as a bill.
    *(f"Datamodel: Invalid field '{field}' for entrytype 'legislation'"
      for field in ("author", "title", "journaltitle", "location", "note", "number", "pages", "series", "volume")),
    "Datamodel: Invalid value of field 'volume' must be datatype 'integer' - ignoring field",  # "L 129I" of the OJ
    "Datamodel: Invalid field 'editor' for entrytype 'report'",  # a report with an editor (mcdc2019)
    "Datamodel: Invalid field 'series' for entrytype 'report'",  # a working-paper or NIST series
    "Datamodel: Missing mandatory field 'editor'",  # an encyclopaedia entry whose editor is not known (ray2024)
}
