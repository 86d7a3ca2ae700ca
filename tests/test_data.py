"""The repository's own data: clean, complete, and wired to its schemas."""

from __future__ import annotations

import json
import re

import pytest

from companion.pipeline import check_data, folders, single_files
from support import ROOT

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def checked():
    return check_data(DATA)


def test_check_is_clean(checked):
    assert [p.text() for p in checked.problems] == []


def test_every_claim_of_the_paper_is_there_once(checked):
    ids = [claim.id for claim in checked.model.claims]
    assert len(ids) == len(set(ids))
    # The fact check numbers 28 factual claims (C14 and C15 as two).
    assert set(ids) == {f"c{n}" for n in range(1, 29)}


def test_every_claim_has_a_verdict_and_sources(checked):
    for claim in checked.model.claims:
        assert claim.verdict in {"supported", "needs-nuance", "wrong"}
        assert claim.sources, claim.id
        if claim.verdict != "supported":
            assert claim.correction, claim.id


def test_the_papers_nineteen_references_are_there_with_what_it_printed(checked):
    printed = [r for r in checked.model.references if r.printed]
    assert len(printed) == 19
    for reference in printed:
        assert reference.verification.note


def test_the_paper_has_its_six_sections_in_order(checked):
    assert [(s.number, s.id) for s in checked.model.sections] == [
        (1, "abstract"), (2, "introduction"), (3, "evolution"), (4, "challenges"), (5, "tool-for-security"),
        (6, "conclusion")]


def _data_files():
    for name, schema in single_files().items():
        yield DATA / name, schema
    for folder, (schema, _) in folders().items():
        for path in sorted((DATA / folder).glob("[!_]*.yaml")):
            yield path, schema


@pytest.mark.parametrize(("path", "schema"), list(_data_files()), ids=lambda v: getattr(v, "name", v))
def test_each_data_file_names_its_schema_for_editors(path, schema):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name} must start with '# yaml-language-server: $schema=…'"
    assert (path.parent / match.group(1)).resolve() == (DATA / "schema" / schema).resolve()


@pytest.mark.parametrize("schema", sorted((DATA / "schema").glob("*.json")), ids=lambda p: p.name)
def test_schemas_are_valid_json_schema_2020_12(schema):
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(json.loads(schema.read_text(encoding="utf-8")))
