"""Data downloads built on every build: cases.json (+ its schema) and cases.csv, and their page."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import schema, urls
from ..model import Case, Model
from . import markup as mk
from .blocks import count, join
from .citebox import Citations
from .explore import case_countries

DOWNLOADS = "downloads.md"
CASES_JSON = "downloads/cases.json"
CASES_SCHEMA = "downloads/cases.schema.json"
CASES_CSV = "downloads/cases.csv"


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    value: Callable[[Case, Model], str]


def _ids(values: Iterable[str]) -> str:
    # Ids never contain ';' (the schema allows only a-z, 0-9 and '-'), so it is a safe separator.
    return ";".join(values)


CSV_COLUMNS = [
    Column("id", "the case's id; its page is /cases/<id>/", lambda c, m: c.id),
    Column("url", "the case's address on this site (path)", lambda c, m: urls.public_url(c)),
    Column("kind", "incident, agreement, legal-instrument or diplomatic-practice", lambda c, m: c.kind),
    Column("title", "title", lambda c, m: c.title),
    Column("start", "start date: YYYY, YYYY-MM or YYYY-MM-DD", lambda c, m: c.start),
    Column("end", "end date in the same form; empty for a single day or when unknown", lambda c, m: c.end),
    Column("initiators", "actor:category pairs, separated by ';'",
           lambda c, m: _ids(f"{p.actor}:{p.category}" for p in c.initiators)),
    Column("receivers", "actor:category pairs, separated by ';'",
           lambda c, m: _ids(f"{p.actor}:{p.category}" for p in c.receivers)),
    Column("parties", "actor ids of the parties to an agreement, separated by ';'", lambda c, m: _ids(c.parties)),
    Column("countries", "ISO 3166-1 codes of everyone involved, separated by ';'",
           lambda c, m: _ids(case_countries(c, m))),
    Column("threats", "threat ids, separated by ';'", lambda c, m: _ids(c.threats)),
    Column("paper_label", "the paper's own label for the case, if it gives one", lambda c, m: c.paper_label),
    Column("norms", "ids of the norms at stake, separated by ';'", lambda c, m: _ids(c.norms)),
    Column("claims", "ids of the paper's claims about the case, separated by ';'", lambda c, m: _ids(c.claims)),
    Column("attack_group", "MITRE ATT&CK group ids, if known, separated by ';'", lambda c, m: _ids(c.attack_groups)),
    Column("sources", "number of sources", lambda c, m: str(len(c.sources))),
    Column("primary_sources", "number of primary sources", lambda c, m: str(sum(s.primary for s in c.sources))),
    Column("source_urls", "addresses of the written-out sources, separated by spaces",
           lambda c, m: " ".join(s.url for s in c.sources if s.url)),
    Column("created", "date the case was added", lambda c, m: c.created),
    Column("modified", "date the case was last changed", lambda c, m: c.modified),
    Column("review_status", "draft, checked or disputed (see the About page)", lambda c, m: c.review.state),
    Column("second_reading", "date of the last reading by a second reader, if any",
           lambda c, m: max((k.date for k in c.review.checks if k.reader == "second-reader"), default="")),
]


def _sorted_cases(model: Model) -> list[Case]:
    return sorted(model.cases, key=lambda c: c.id)


def cases_json(model: Model) -> str:
    """The case files' data as they are, one object per case and per line, sorted by id.

    A line per case keeps diffs readable, and it is written by the json module's C encoder
    (indented output is written in Python, ten times slower at thousands of cases)."""
    lines = (json.dumps(c.origin.document.data, ensure_ascii=False) for c in _sorted_cases(model))
    return "[\n" + ",\n".join(lines) + "\n]\n"


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(…) can send data away).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading apostrophe before anything that would
    start a formula (OWASP's advice on CSV injection); other cells are left exactly as they are."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def cases_csv(model: Model) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.name for column in CSV_COLUMNS])
    for case in _sorted_cases(model):
        writer.writerow([spreadsheet_cell(column.value(case, model)) for column in CSV_COLUMNS])
    return out.getvalue()


def cases_schema() -> str:
    return json.dumps(schema.bundled("case.schema.json"), ensure_ascii=False, indent=2) + "\n"


def downloads_page(model: Model) -> str:
    from .corrections import FEED
    from .webannotations import ANNOTATIONS

    columns = "\n".join(f"| `{c.name}` | {mk.inline(c.meaning)} |" for c in CSV_COLUMNS)
    return join(
        mk.front_matter(description="Download the cases as JSON (with its JSON Schema) or CSV."),
        "# Downloads",
        f"The {count(len(model.cases), 'case')} on this site, regenerated from the data on every build.",
        f"- [cases.json]({CASES_JSON}): every case as in its data file, sorted by id. "
        f"Its shape is described by [cases.schema.json]({CASES_SCHEMA}) "
        "(JSON Schema 2020-12), which also lists what each field means.\n"
        f"- [cases.csv]({CASES_CSV}): one row per case, for spreadsheets. UTF-8, "
        "comma-separated, with a header row.\n"
        f"- The paper and its references, corrected: [references.bib]({REFERENCES_BIB}) "
        f"(BibTeX, for biblatex or natbib), [references.ris]({REFERENCES_RIS}) "
        f"(RIS, for EndNote, Zotero or Mendeley) and [references.json]({REFERENCES_JSON}) "
        "(CSL-JSON).\n"
        f"- [annotations.jsonld]({ANNOTATIONS}): the {count(len(model.claims), 'claim')} checked, as W3C Web "
        "Annotations on the paper itself (JSON-LD). Each is anchored to the words the paper printed, and holds "
        "the verdict, our explanation and a link to the claim here, for annotation tools that read the W3C model.\n"
        f"- [feed.xml]({FEED}): corrections, changed verdicts and new cases as an Atom feed, newest first.",
        "## How the reference files are written",
        "Each kind of work is written as the type that reference managers file it under, so that it comes back "
        "as the same kind of work with the same details:\n\n"
        "- **BibTeX** uses biblatex's entry types, which Zotero, pandoc and biber read: web pages and blog posts "
        "are `@online` (the website in `journal`), newspaper and magazine articles `@article` with an "
        "`entrysubtype`, reports, press releases and other documents `@techreport` with their kind in `type`, "
        "treaties and legislation `@legislation`, a journal's article number `eid`. Classic BibTeX (natbib) "
        "compiles the file too, but prints biblatex's own types as plain entries.\n"
        "- **RIS** uses the types Zotero imports correctly: `RPRT` for reports and documents (with the number "
        "in `SN` and the kind in `M3`), `STAT` for treaties and legislation, `NEWS`, `BLOG`, `ELEC`; editors are "
        "`ED`. RIS cannot mark a name as an organisation, so organisations are written without commas (a comma "
        "would split them into a family and a given name).\n"
        "- **CSL-JSON** is the record itself, as the site's citations are made from it.\n\n"
        "None of them holds an access date: add the day you read a source when you cite it.",
        "## The CSV columns",
        "Lists of ids are joined with `;` (ids never contain one); source addresses are joined with spaces.",
        "| Column | Meaning |\n|---|---|\n" + columns,
    )


REFERENCES_BIB = "downloads/references.bib"
REFERENCES_RIS = "downloads/references.ris"
REFERENCES_JSON = "downloads/references.json"


def bibliography_exports(model: Model, citations: Citations) -> dict[str, str]:
    """The paper and every reference as BibTeX, RIS and CSL-JSON, from the same CSL items as the cite boxes."""
    from .. import bibtex, ris
    from ..citation import PAPER_KEY, without_access_date

    items = [citations.items[PAPER_KEY], *(citations.items[r.id] for r in model.references)]
    items = [without_access_date(item) for item in items]
    return {REFERENCES_BIB: bibtex.bibtex(items), REFERENCES_RIS: ris.ris(items),
            REFERENCES_JSON: json.dumps(items, ensure_ascii=False, indent=2) + "\n"}


def exports(model: Model) -> dict[str, str]:
    return {CASES_JSON: cases_json(model), CASES_CSV: cases_csv(model), CASES_SCHEMA: cases_schema()}
