"""Data downloads built on every build: cases.json (+ its schema) and cases.csv, and their page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import schema, urls
from ..dates import earliest, is_day
from ..model import Case, Model, Party
from . import labels as lb
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
    value: Callable[[Case, Model, str], str]  # (case, model, the site's address) -> the cell


def _ids(values: Iterable[str]) -> str:
    # Ids never contain ';' (the schema allows only a-z, 0-9 and '-'), so it is a safe separator.
    return ";".join(values)


def _names(model: Model, kind: str, ids: Iterable[str]) -> str:
    """Names for people, in the order of the ids beside them; '; ' keeps them apart (a name may hold a comma)."""
    table = model.by_id[kind]
    return "; ".join(lb.label(table[i]) for i in ids)


def _parties(model: Model, parties: Iterable[Party]) -> str:
    return "; ".join(f"{lb.label(model.by_id['actor'][p.actor])} ({p.category.replace('-', ' ')})" for p in parties)


def first_attribution(case: Case) -> str:
    """The first attribution's date, as precise as the data allows ('' if none)."""
    return earliest([a.date for a in case.attributions])


def days_to_first_attribution(case: Case) -> str:
    """Days from the start to the first attribution, as EuRepoC's "attribution speed" counts them;
    only when both are exact days (a month or a year would make the count look more precise than it is)."""
    first = first_attribution(case)
    if case.kind != "incident" or not (is_day(case.start) and is_day(first)):
        return ""  # a sanctions decision or an agreement "starts" when it is made, not when an attack began
    return str((dt.date.fromisoformat(first) - dt.date.fromisoformat(case.start)).days)


CSV_COLUMNS = [
    Column("id", "the case's id", lambda c, m, u: c.id),
    Column("url", "the case's page on this site", lambda c, m, u: u.rstrip("/") + urls.public_url(c)),
    Column("kind", "incident, agreement, legal-instrument or diplomatic-practice", lambda c, m, u: c.kind),
    Column("title", "title", lambda c, m, u: c.title),
    Column("summary", "what happened, in our words (paragraphs joined by spaces)",
           lambda c, m, u: " ".join(c.summary.split())),
    Column("start", "start date: YYYY, YYYY-MM or YYYY-MM-DD", lambda c, m, u: c.start),
    Column("end", "end date in the same form; empty for a single day or when unknown", lambda c, m, u: c.end),
    Column("initiators", "actor:category pairs, separated by ';'",
           lambda c, m, u: _ids(f"{p.actor}:{p.category}" for p in c.initiators)),
    Column("initiator_names", "the initiators' names and categories, separated by '; '",
           lambda c, m, u: _parties(m, c.initiators)),
    Column("receivers", "actor:category pairs, separated by ';'",
           lambda c, m, u: _ids(f"{p.actor}:{p.category}" for p in c.receivers)),
    Column("receiver_names", "the receivers' names and categories, separated by '; '",
           lambda c, m, u: _parties(m, c.receivers)),
    Column("parties", "actor ids of the parties to an agreement, separated by ';'", lambda c, m, u: _ids(c.parties)),
    Column("party_names", "the parties' names, separated by '; '", lambda c, m, u: _names(m, "actor", c.parties)),
    Column("countries", "ISO 3166-1 codes of everyone involved, separated by ';'",
           lambda c, m, u: _ids(case_countries(c, m))),
    Column("threats", "threat ids, separated by ';'", lambda c, m, u: _ids(c.threats)),
    Column("threat_names", "the threats' names, separated by '; '", lambda c, m, u: _names(m, "threat", c.threats)),
    Column("paper_label", "the paper's own label for the case, if it gives one", lambda c, m, u: c.paper_label),
    Column("norms", "ids of the norms at stake, separated by ';'", lambda c, m, u: _ids(c.norms)),
    Column("norm_names", "the norms' names, separated by '; '", lambda c, m, u: _names(m, "norm", c.norms)),
    Column("claims", "ids of the paper's claims about the case, separated by ';'", lambda c, m, u: _ids(c.claims)),
    Column("attack_group", "MITRE ATT&CK group ids, if known, separated by ';'",
           lambda c, m, u: _ids(c.attack_groups)),
    Column("attack_initial_access", "MITRE ATT&CK technique ids of the initial access, where a source states them",
           lambda c, m, u: _ids(c.attack_techniques.get("initial_access", ()))),
    Column("attack_impact", "MITRE ATT&CK technique ids of the impact, where a source states them",
           lambda c, m, u: _ids(c.attack_techniques.get("impact", ()))),
    Column("eurepoc", "the incident's name in EuRepoC, where we read it",
           lambda c, m, u: c.external_ids.get("eurepoc", "")),
    Column("cfr", "the entry's title in the CFR Cyber Operations Tracker, where we read it",
           lambda c, m, u: c.external_ids.get("cfr", "")),
    Column("external_ids_note", "why eurepoc or cfr is blank: there is no entry (not an incident), or what was "
           "looked for and not found",
           lambda c, m, u: " ".join(filter(None, (c.external_ids.get("none"), c.external_ids.get("not_found"))))),
    Column("attribution_status", "settled or contested, where coded (see the case schema)",
           lambda c, m, u: c.attribution_status),
    Column("first_attribution", "date of the first public attribution, if any", lambda c, m, u: first_attribution(c)),
    Column("days_to_first_attribution", "days from the start to the first attribution, when both are exact days",
           lambda c, m, u: days_to_first_attribution(c)),
    Column("sources", "number of sources", lambda c, m, u: str(len(c.sources))),
    Column("primary_sources", "number of primary sources", lambda c, m, u: str(sum(s.primary for s in c.sources))),
    Column("source_urls", "addresses of the written-out sources, separated by spaces",
           lambda c, m, u: " ".join(s.url for s in c.sources if s.url)),
    Column("created", "date the case was added", lambda c, m, u: c.created),
    Column("modified", "date the case was last changed", lambda c, m, u: c.modified),
    Column("review_status", "draft, checked or disputed (see the About page)", lambda c, m, u: c.review.state),
    Column("second_reading", "date of the last reading by a second reader, if any",
           lambda c, m, u: c.review.last_second_reading),
]


def sorted_cases(model: Model) -> list[Case]:
    return sorted(model.cases, key=lambda c: c.id)


def cases_json(model: Model) -> str:
    """The case files' data as they are, one object per case and per line, sorted by id.

    A line per case keeps diffs readable, and it is written by the json module's C encoder
    (indented output is written in Python, ten times slower at thousands of cases)."""
    lines = (json.dumps(c.origin.document.data, ensure_ascii=False) for c in sorted_cases(model))
    return "[\n" + ",\n".join(lines) + "\n]\n"


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(…) can send data away).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+")


def spreadsheet_cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading apostrophe before anything that would
    start a formula (OWASP's advice on CSV injection); other cells are left exactly as they are."""
    if _NUMBER.fullmatch(value):
        return value  # a number is read as a number, never as a formula
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


# Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark; without one it garbles
# every en dash and accent. Python (utf-8-sig), pandas, R and Frictionless read past it.
BOM = "\ufeff"


def csv_table(header: list[str], rows: Iterable[list[str]]) -> str:
    """A CSV table as the downloads write it: a header row, RFC 4180's line ends (as spreadsheets write
    them), and every cell that would start a formula made text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def cases_csv(model: Model, site_url: str) -> str:
    return BOM + csv_table([column.name for column in CSV_COLUMNS],
                           ([column.value(case, model, site_url) for column in CSV_COLUMNS]
                            for case in sorted_cases(model)))


def cases_schema() -> str:
    return json.dumps(schema.bundled("case.schema.json"), ensure_ascii=False, indent=2) + "\n"


def downloads_page(model: Model) -> str:
    from .corrections import FEED
    from .datapackage import DATAPACKAGE
    from .stix import STIX
    from .webannotations import ANNOTATIONS

    columns = "\n".join(f"| `{c.name}` | {mk.inline(c.meaning)} |" for c in CSV_COLUMNS)
    return join(
        mk.front_matter(description="Download the cases as JSON (with its JSON Schema) or CSV."),
        "# Downloads",
        f"The {count(len(model.cases), 'case')} on this site, regenerated from the data on every build.",
        f"- [cases.json]({CASES_JSON}): every case as in its data file, sorted by id. "
        f"Its shape is described by [cases.schema.json]({CASES_SCHEMA}) "
        "(JSON Schema 2020-12), which also lists what each field means.\n"
        f"- [cases.csv]({CASES_CSV}): one row per case, for spreadsheets: names beside ids, the summary, "
        "and each case's address. UTF-8 with a byte-order mark (so that Excel reads it as UTF-8), "
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
        "Lists of ids are joined with `;` (ids never contain one), names with `; `; source addresses are joined "
        "with spaces.",
        "| Column | Meaning |\n|---|---|\n" + columns,
        "## For the field's tools",
        f"- [datapackage.json]({DATAPACKAGE}): the cases as a Frictionless Data Package. Its tables are "
        "`cases` (cases.csv above), `attributions`, `responses` and `sources` (a row each, keyed by the "
        "case's id and their place in the case's list) and `claims`; each has a Table Schema with every "
        "column's type and meaning. Foreign keys join each attribution, response and source to its case, "
        "and each attribution and response to its source. `frictionless validate datapackage.json` checks "
        "it, joins included.\n"
        f"- [cases.stix.json]({STIX}): the incidents as a STIX 2.1 bundle, the exchange format of MITRE ATT&CK "
        "and threat-intelligence platforms. Each incident is a campaign; threat groups are intrusion sets "
        "(with their ATT&CK ids, where ATT&CK has one); states, organisations and people are identities, and "
        "threat actors where an incident is attributed to them. Each attribution that names whom it blames "
        "is an `attributed-to` relationship to each of them, carrying who made it, when and on what basis; "
        "the case's sources are its external references.",
        "## How the coding lines up with EuRepoC and CFR",
        "The two incident datasets most used in research on state cyber operations are the European "
        "Repository of Cyber Incidents (EuRepoC) and the Council on Foreign Relations' Cyber Operations "
        "Tracker (CFR). Where our fields meet theirs:",
        "| This site | EuRepoC | CFR Cyber Operations Tracker |\n|---|---|---|\n" + "\n".join(
            f"| {mine} | {eurepoc} | {cfr} |" for mine, eurepoc, cfr in CROSSWALK),
        "The threats' own fits to CFR's and EuRepoC's types (exact, broader, narrower, related) are on each "
        "threat's page. We record a case's EuRepoC or CFR entry (`external_ids`) only where we read it. Where "
        "one is blank, `external_ids_note` says why: there is no entry (the case is not an incident), or what "
        "was looked for and not found, which does not mean that there is none.",
    )


# Our field, EuRepoC's, CFR's (from the datasets' published codebooks and tables; "—" where one has none).
CROSSWALK = [
    ("`id`, `title`, `summary`", "incident name, description", "Title, Description"),
    ("`start`, `end` (as precise as known)", "start and end date (often the year only)", "Date"),
    ("`initiators` (actor and category)", "initiator: name, country, category", "Affiliation, Suspected State Sponsor"),
    ("`receivers` (actor and category, e.g. `diplomatic-mission`)",
     "receiver: country, category and subcategory (e.g. “State institutions / political system”, "
     "“Other (e.g., embassies)”)",
     "Suspected Victims, Target Category"),
    ("`threats`", "incident type (disruption, data theft, hijacking, …)", "Type of Incident"),
    ("attributions: date, by (and the attributing actor's kind), to, basis",
     "attribution: date, basis, type, attributing actor and country", "Suspected State Sponsor (no detail)"),
    ("`first_attribution`, `days_to_first_attribution`", "attribution speed (dashboard)", "—"),
    ("`attribution_status` (settled or contested)", "attribution settled or contested", "—"),
    ("responses: date, type, `subtype` (démarche, summoning, expulsion, sanctions, indictment, …), by, act",
     "political and legal responses: date, actor, type, subtype", "Victim Government Reaction"),
    ("`attack_initial_access`, `attack_impact` (MITRE ATT&CK technique ids)",
     "MITRE ATT&CK initial access and impact techniques", "—"),
    ("`attack_group` (MITRE ATT&CK group ids)", "—", "—"),
    ("`eurepoc`, `cfr` (the entries, where we read them)", "—", "—"),
    ("`sources`, `source_urls`", "source URLs", "Sources"),
    ("`created`, `modified`, `review_status`", "`added_to_DB`, `updated_at`", "quarterly log of new and edited "
     "entries"),
]


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


def exports(model: Model, site_url: str) -> dict[str, str]:
    return {CASES_JSON: cases_json(model), CASES_CSV: cases_csv(model, site_url), CASES_SCHEMA: cases_schema()}
