"""The release metadata: CITATION.cff is valid (by the format's own schema) and names the current version."""

from __future__ import annotations

import json
import tomllib

import yaml

from support import ROOT

# The Citation File Format 1.2.0 schema as cffconvert 2.0.0 ships it (its "$id" is
# https://citation-file-format.github.io/1.2.0/schema.json). cffconvert itself pins an old jsonschema.
CFF_SCHEMA = ROOT / "tests" / "reference" / "cff-1.2.0.schema.json"


def test_citation_cff_is_valid():
    from jsonschema import Draft7Validator

    from companion.loader import load_file

    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    # YAML 1.2 core types, so dates stay text, as the schema's note to implementers asks.
    citation = load_file(ROOT / "CITATION.cff", "CITATION.cff").data
    checker = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    assert [error.message for error in checker.iter_errors(citation)] == []
    broken = {**citation, "authors": [{"given-names": 1}]}
    assert list(checker.iter_errors(broken))  # the schema does catch a mistake


def test_citation_cff_names_the_current_release():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{version}] — {cff['date-released']}" in changelog


def test_every_dependency_is_pinned_in_the_constraints_within_its_range():
    """pyproject.toml says what is compatible; constraints.txt says what was tested: they must agree."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, pinned = line.partition("==")
            pins[canonicalize_name(name)] = pinned
    for text in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name == "setuptools":
            continue  # comes with the virtual environment
        assert name in pins, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} vs {requirement}"


# Zenodo's deposit metadata, as the JSON Schema of the zenodraft project (github.com/zenodraft/
# metadata-schema-zenodo, schema.json) lists it: the upload types, and the relations a related identifier may have.
ZENODO_UPLOAD_TYPES = {"dataset", "image", "lesson", "other", "physicalobject", "poster", "presentation", "publication",
                       "software", "video"}
ZENODO_RELATIONS = {"cites", "compiles", "continues", "describes", "documents", "hasPart", "isAlternateIdentifier",
                    "isCitedBy", "isCompiledBy", "isContinuedBy", "isDerivedFrom", "isDescribedBy", "isDocumentedBy",
                    "isIdenticalTo", "isNewVersionOf", "isObsoletedBy", "isPartOf", "isPreviousVersionOf",
                    "isPublishedIn", "isReferencedBy", "isRequiredBy", "isReviewedBy", "isSourceOf",
                    "isSupplementedBy", "isSupplementTo", "obsoletes", "references", "requires", "reviews"}


def test_zenodo_metadata_says_what_citation_cff_and_the_paper_say():
    """.zenodo.json describes a GitHub release for Zenodo (which gives it a DOI): nothing in it may be made up,
    so each fact is the one CITATION.cff or data/paper.yaml holds."""
    from companion.loader import load_file

    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    cff = load_file(ROOT / "CITATION.cff", "CITATION.cff").data
    paper = load_file(ROOT / "data" / "paper.yaml", "data/paper.yaml").data
    assert {"title", "upload_type", "description", "creators", "access_right", "license"} <= set(zenodo)
    assert zenodo["upload_type"] in ZENODO_UPLOAD_TYPES and zenodo["upload_type"] == cff["type"] == "dataset"
    assert zenodo["access_right"] == "open"
    assert zenodo["title"] == cff["title"]
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in cff["authors"]]
    assert zenodo["license"] == cff["license"]
    assert zenodo["keywords"] == cff["keywords"]
    assert " ".join(zenodo["description"].split()).startswith(" ".join(cff["abstract"].split()))
    [paper_link] = zenodo["related_identifiers"]
    assert paper_link["identifier"] == paper["URL"].strip() == cff["references"][0]["url"]
    assert paper_link["relation"] in ZENODO_RELATIONS and paper_link["relation"] == "isSupplementTo"
    assert paper_link["scheme"] == "url"
    assert "doi" not in zenodo and "version" not in zenodo  # Zenodo gives the DOI and takes the version from the tag
