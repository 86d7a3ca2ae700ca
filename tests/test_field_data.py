"""Downloads that the field's tools read: a Frictionless Data Package (validated with `frictionless`,
foreign keys included) and a STIX 2.1 bundle (validated with the OASIS `stix2-validator`), both in step
with the spreadsheet download and the data."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from frictionless import validate
from stix2validator import ValidationOptions, validate_file

pytestmark = pytest.mark.slow  # reads the built site


def test_the_data_package_is_valid_with_its_keys(site, model):
    report = validate(site / "downloads" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((site / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert names == ["cases", "attributions", "responses", "sources", "claims"]
    rows = {r["name"]: list(csv.DictReader(io.StringIO(
        (site / "downloads" / r["path"]).read_bytes().decode("utf-8-sig"), newline=""))) for r in package["resources"]}
    assert len(rows["cases"]) == len(model.cases)
    assert len(rows["attributions"]) == sum(len(c.attributions) for c in model.cases)
    assert len(rows["responses"]) == sum(len(c.responses) for c in model.cases)
    assert len(rows["sources"]) == sum(len(c.sources) for c in model.cases)
    assert [r["id"] for r in rows["claims"]] == [c.id for c in model.claims]
    # The spreadsheet download is the package's cases table: its columns are the ones the package describes.
    cases = package["resources"][0]
    assert cases["path"] == "cases.csv"
    assert [f["name"] for f in cases["schema"]["fields"]] == list(rows["cases"][0])


def test_a_broken_join_fails_validation(site, tmp_path):
    """The keys are checked: a response citing a source its case does not have is refused."""
    copy = tmp_path / "downloads"
    shutil.copytree(site / "downloads", copy)
    table = copy / "data" / "responses.csv"
    lines = table.read_bytes().decode("utf-8").split("\r\n")
    header = lines[0].split(",")
    first = next(csv.reader([lines[1]]))
    first[header.index("source")] = "999"
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(first)
    table.write_bytes("\r\n".join([lines[0], out.getvalue(), *lines[2:]]).encode("utf-8"))
    report = validate(copy / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def _stix(site: Path) -> dict:
    return json.loads((site / "downloads" / "cases.stix.json").read_text(encoding="utf-8"))


def test_the_stix_bundle_is_valid_stix_2_1(site):
    result = validate_file(str(site / "downloads" / "cases.stix.json"), ValidationOptions(version="2.1"))
    assert result.is_valid, [e.message for r in result.object_results for e in r.errors]
    # Only one kind of advice is left: the references to web pages carry no hash of the page (302).
    codes = {code for r in result.object_results for w in r.warnings for code in re.findall(r"\{(\d+)\}", str(w))}
    assert codes <= {"302"}, codes


def test_the_stix_bundle_says_what_the_data_says(site, model):
    objects = _stix(site)["objects"]
    by_id = {o["id"]: o for o in objects}
    incidents = [c for c in model.cases if c.kind == "incident"]
    campaigns = {ext["case_id"]: o for o in objects if o["type"] == "campaign"
                 for ext in o["extensions"].values()}
    assert sorted(campaigns) == sorted(c.id for c in incidents)
    actors = model.by_id["actor"]
    attributed = [o for o in objects if o.get("relationship_type") == "attributed-to"]
    assert len(attributed) == sum(len(a.to) for c in incidents for a in c.attributions)
    for case in incidents:
        campaign = campaigns[case.id]
        assert campaign["name"] == case.title and campaign["first_seen"].startswith(case.start)
        mine = [r for r in attributed if r["source_ref"] == campaign["id"]]
        for relationship in mine:
            coding = next(iter(relationship["extensions"].values()))
            attribution = case.attributions[coding["number"] - 1]
            assert (coding["date"], coding["basis"]) == (attribution.date, attribution.basis)
            assert by_id[coding["attributed_by_ref"]]["name"] == actors[attribution.by].name
            target = by_id[relationship["target_ref"]]
            assert target["type"] in {"intrusion-set", "threat-actor"}
            accused = next(iter(target["extensions"].values()))["actor_id"]
            assert accused in attribution.to
            if actors[accused].attack_id:
                assert {"source_name": "mitre-attack", "external_id": actors[accused].attack_id,
                        "url": f"https://attack.mitre.org/groups/{actors[accused].attack_id}/"} \
                    in target["external_references"]


def test_the_downloads_page_explains_every_column_of_the_spreadsheet(site):
    header = (site / "downloads" / "cases.csv").read_bytes().decode("utf-8-sig").split("\r\n")[0].split(",")
    page = BeautifulSoup((site / "downloads" / "index.html").read_text(encoding="utf-8"), "html.parser")
    table = next(t for t in page.select("table") if t.find("code", string="id"))
    explained = [row.find("code").get_text() for row in table.select("tbody tr")]
    assert explained == header
