"""Every MITRE ATT&CK and DISARM id in the data exists, under the name the data gives it.

The ids and names are kept in tests/reference/framework-ids.yaml, read from each framework's own
published files and recorded with the release they come from. An id that is mistyped, that a
framework has dropped or renumbered, or a label that drifts from the framework's name, fails here.
"""

from __future__ import annotations

import re

import pytest
import yaml

from companion.model import Model
from companion.pipeline import check_data
from support import ROOT

KNOWN_IDS = ROOT / "tests" / "reference" / "framework-ids.yaml"
ID_PATTERNS = {("attack", "techniques"): r"T[0-9]{4}(\.[0-9]{3})?", ("attack", "groups"): r"G[0-9]{4}",
               ("disarm", "techniques"): r"T[0-9]{4}(\.[0-9]{3})?"}


@pytest.fixture(scope="module")
def known() -> dict:
    return yaml.safe_load(KNOWN_IDS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def model() -> Model:
    checked = check_data(ROOT / "data")
    assert checked.ok, [p.text() for p in checked.problems]
    return checked.model


def unknown_or_misnamed(model: Model, known: dict) -> list[str]:
    """What the data says about ATT&CK and DISARM that the list of known ids does not bear out."""
    wrong = []
    for threat in model.threats:
        for mapping in threat.mappings:
            if mapping.scheme not in ("attack", "disarm"):
                continue
            where = f"data/threats.yaml, {threat.id}, {mapping.scheme} {mapping.code or '(no code)'}"
            names = known[mapping.scheme]["techniques"]
            if mapping.code not in names:
                wrong.append(f"{where}: not a known {mapping.scheme} technique id")
            elif mapping.label != names[mapping.code]:
                wrong.append(f"{where}: label {mapping.label!r}, but the framework calls it "
                             f"{names[mapping.code]!r}")
    groups = known["attack"]["groups"]
    for actor in model.actors:
        if actor.attack_id and actor.attack_id not in groups:
            wrong.append(f"data/actors.yaml, {actor.id}: {actor.attack_id} is not a known ATT&CK group id")
        elif actor.attack_id and groups[actor.attack_id] not in (actor.name, *actor.aliases):
            wrong.append(f"data/actors.yaml, {actor.id}: ATT&CK's name {groups[actor.attack_id]!r} is neither "
                         "its name nor one of its aliases")
    techniques = known["attack"]["techniques"]
    for case in model.cases:
        wrong += [f"data/cases/{case.id}.yaml: {group} is not a known ATT&CK group id"
                  for group in case.attack_groups if group not in groups]
        wrong += [f"data/cases/{case.id}.yaml: {technique} ({stage}) is not a known ATT&CK technique id"
                  for stage, ids in case.attack_techniques.items() for technique in ids if technique not in techniques]
    return wrong


def test_every_attack_and_disarm_id_in_the_data_is_known_under_its_name(model, known):
    assert unknown_or_misnamed(model, known) == []


def test_the_data_uses_framework_ids_at_all(model):
    # So that the test above cannot pass by finding nothing to check.
    codes = {m.code for t in model.threats for m in t.mappings if m.scheme in ("attack", "disarm")}
    assert {"T1566", "T1598", "T1485", "T1561", "T1657", "T0085.004"} <= codes
    assert {a.attack_id for a in model.actors if a.attack_id}
    assert "G0016" in next(c for c in model.cases if c.id == "dnc-hack-2016").attack_groups


def test_a_wrong_id_or_name_is_reported(model, known):
    # The check itself must fail on a mistyped id and on a name that differs from the framework's.
    dropped = {**known, "attack": {**known["attack"], "techniques": {
        **{k: v for k, v in known["attack"]["techniques"].items() if k != "T1598"}, "T1566": "Phishing (old)"}}}
    messages = unknown_or_misnamed(model, dropped)
    assert any("T1598: not a known attack technique id" in m for m in messages)
    assert any("T1566: label 'Phishing'" in m for m in messages)


def test_every_attack_or_disarm_mapping_has_an_id(model):
    assert [(t.id, m.label) for t in model.threats for m in t.mappings
            if m.scheme in ("attack", "disarm") and not m.code] == []


def test_the_list_records_its_releases_and_holds_only_ids_and_names(known):
    assert set(known) == {"attack", "disarm"}
    for framework, entry in known.items():
        assert entry["release"].strip() and entry["source"].strip(), framework
        lists = {key: value for key, value in entry.items() if key not in ("release", "source")}
        assert lists, framework
        for kind, names in lists.items():
            pattern = ID_PATTERNS[(framework, kind)]
            for code, name in names.items():
                assert re.fullmatch(pattern, code), (framework, kind, code)
                assert isinstance(name, str) and name.strip() == name and name, (framework, code)
