"""The registry of kinds: a kind added in one place goes through every stage.

A toy kind ("gadget", with its own file, schema, page and index) is registered for these
tests only; check, the model, the cross-checks, links, citations and the renderer all pick it
up without any other change. And what readers see of the built-in kinds' enums matches the
schemas, so a value the schema allows can never meet a label table that lacks it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from companion import kinds, schema, urls
from companion.build import render_all
from companion.kinds import Kind
from companion.loader import Document
from companion.model import Origin
from companion.pipeline import check_data
from companion.render import labels
from support import FIXTURE_SITE, FIXTURE_TODAY, VALID


@dataclass(frozen=True)
class Gadget:
    id: str
    name: str
    threat: str
    origin: Origin


def gadgets_from(document: Document) -> tuple[Gadget, ...]:
    return tuple(Gadget(g["id"], g["name"], g["threat"], Origin(document, ("gadgets", i)))
                 for i, g in enumerate(document.data["gadgets"]))


def gadget_uses(gadget: Gadget) -> Iterator[tuple]:
    yield "threat", gadget.threat, gadget.origin, ("threat",)


def gadget_page(gadget: Gadget, ctx) -> str:
    model = ctx.model
    return f"# {gadget.name}\n\nA tool for [{labels.label(model.by_id['threat'][gadget.threat])}]" \
           f"({urls.href(urls.page_of(gadget)[0], model.by_id['threat'][gadget.threat])}).\n"


def gadgets_index(ctx) -> str:
    return "# Gadgets\n\n" + "\n".join(f"- [{g.name}]({urls.href('gadgets/index.md', g)})"
                                       for g in ctx.model.of("gadget")) + "\n"


GADGET_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Gadgets (data/gadgets.yaml)",
    "type": "object", "additionalProperties": False, "required": ["gadgets"],
    "properties": {"gadgets": {"type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["id", "name", "threat"],
        "properties": {"id": {"$ref": "common.schema.json#/$defs/slug"},
                       "name": {"$ref": "common.schema.json#/$defs/line"},
                       "threat": {"$ref": "common.schema.json#/$defs/slug"}}}}},
}


def check(data: Path):
    """`check` with the test's schemas: the package's and the gadget's."""
    return check_data(data, FIXTURE_TODAY, schemas=data.parent / "schemas")


@pytest.fixture
def gadget_data(tmp_path: Path) -> Iterator[Path]:
    """The fixture data plus data/gadgets.yaml and its schema, with the gadget kind registered."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    shutil.copytree(schema.SCHEMA_DIR, tmp_path / "schemas")
    (tmp_path / "schemas" / "gadget.schema.json").write_text(json.dumps(GADGET_SCHEMA), encoding="utf-8")
    (data / "gadgets.yaml").write_text("gadgets:\n  - id: lockpick\n    name: Lock pick\n    threat: espionage\n"
                                       "  - id: spyglass\n    name: Spyglass\n    threat: espionage\n",
                                       encoding="utf-8")
    kinds.register(Kind(
        name="gadget", entity=Gadget, model_field="gadgets", label=lambda g: g.name,
        file="gadgets.yaml", schema="gadget.schema.json", build=gadgets_from,
        page=lambda g: (f"gadgets/{g.id}.md", ""), own_page=True, render_page=gadget_page,
        index="gadgets/index.md", index_title="Gadgets", render_index=gadgets_index,
        citation_title=lambda g: g.name, id_uses=gadget_uses, names=lambda g: (g.name,),
    ))
    schema.validator.cache_clear()
    try:
        yield data
    finally:
        kinds.unregister("gadget")
        schema.validator.cache_clear()


def test_a_new_kind_is_loaded_checked_linked_and_rendered(gadget_data):
    checked = check(gadget_data)
    assert checked.problems == [] and checked.ok
    model = checked.model
    assert [g.id for g in model.of("gadget")] == ["lockpick", "spyglass"]
    lockpick = model.by_id["gadget"]["lockpick"]
    assert urls.page_of(lockpick) == ("gadgets/lockpick.md", "")
    assert urls.public_url(lockpick) == "/gadgets/lockpick/"
    assert labels.label(lockpick) == "Lock pick"
    pages = render_all(model, FIXTURE_SITE, {})
    page = pages["gadgets/lockpick.md"]
    assert "A tool for [Cyber espionage](../threats/espionage.md)." in page
    assert 'citation_title: "Lock pick"' in page and '<div class="cite-box"' in page
    assert 'search_type: "Gadget"' in page  # search results name the new kind with no code written for it
    assert "source: \"data/gadgets.yaml\"" in page  # its edit link
    assert "[Spyglass](spyglass.md)" in pages["gadgets/index.md"]
    assert "source: \"data/gadgets.yaml\"" in pages["gadgets/index.md"]


def test_a_new_kinds_ids_and_shape_are_checked_like_any_other(gadget_data):
    text = (gadget_data / "gadgets.yaml").read_text(encoding="utf-8")
    (gadget_data / "gadgets.yaml").write_text(text.replace("    threat: espionage\n  - id: spyglass",
                                                           "    threat: espionnage\n  - id: lockpick"),
                                              encoding="utf-8")
    found = {(p.file, p.line, p.code, p.hint) for p in check(gadget_data).problems}
    assert ("data/gadgets.yaml", 4, "unknown-threat", "did you mean 'espionage'?") in found
    assert any(code == "duplicate-id" and line == 5 for _, line, code, _ in found)
    (gadget_data / "gadgets.yaml").write_text(text.replace("name: Spyglass", "title: Spyglass"), encoding="utf-8")
    found = {(p.line, p.code) for p in check(gadget_data).problems}
    assert (5, "missing-field") in found and (6, "unknown-field") in found


def test_a_new_kinds_index_page_cannot_be_taken_by_one_of_them(gadget_data):
    text = (gadget_data / "gadgets.yaml").read_text(encoding="utf-8")
    (gadget_data / "gadgets.yaml").write_text(text.replace("id: spyglass", "id: index"), encoding="utf-8")
    problems = check(gadget_data).problems
    assert [(p.line, p.code) for p in problems] == [(5, "reserved-id")]


def test_a_missing_file_of_a_new_kind_is_reported(gadget_data):
    (gadget_data / "gadgets.yaml").unlink()
    problems = check(gadget_data).problems
    assert [(p.file, p.code) for p in problems] == [("data/gadgets.yaml", "missing-file")]


def test_without_the_kind_the_file_is_not_data(gadget_data):
    kinds.unregister("gadget")
    try:
        problems = check(gadget_data).problems
        assert [(p.file, p.code) for p in problems] == [("data/gadgets.yaml", "unexpected-file")]
    finally:
        kinds.register(Kind(name="gadget", entity=Gadget, model_field="gadgets", label=lambda g: g.name))


# --- what readers see of enums comes from the schemas ----------------------------------------------------

def _enum(schema_name: str, *path: str) -> set[str]:
    node = json.loads((schema.SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    for part in path:
        node = node[part]
    return set(node["enum"])


@pytest.mark.parametrize(("table", "schema_name", "path"), [
    (labels.CASE_KINDS, "case.schema.json", ("properties", "kind")),
    (labels.ACTOR_KINDS, "actors.schema.json", ("properties", "actors", "items", "properties", "kind")),
    (labels.NORM_KINDS, "instruments.schema.json", ("properties", "instruments", "items", "properties", "kind")),
    (labels.REFERENCE_TYPES, "references.schema.json", ("$defs", "record", "properties", "type")),
    (labels.STATUS, "common.schema.json", ("$defs", "verification", "properties", "status")),
])
def test_every_value_a_schema_allows_has_a_label_and_no_other(table, schema_name, path):
    assert set(table) == _enum(schema_name, *path)


def test_verdicts_and_schemes_shown_match_the_schemas():
    section = json.loads((schema.SCHEMA_DIR / "section.schema.json").read_text(encoding="utf-8"))
    threats = json.loads((schema.SCHEMA_DIR / "threats.schema.json").read_text(encoding="utf-8"))
    assert set(labels.VERDICTS) == set(_find_enum(section, "verdict"))
    assert set(labels.SCHEMES) == set(_find_enum(threats, "scheme"))


def _find_enum(node, name: str) -> list[str]:
    if isinstance(node, dict):
        if name in node.get("properties", {}) and "enum" in node["properties"][name]:
            return node["properties"][name]["enum"]
        for value in node.values():
            found = _find_enum(value, name)
            if found:
                return found
    if isinstance(node, list):
        for value in node:
            found = _find_enum(value, name)
            if found:
                return found
    return []
