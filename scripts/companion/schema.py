"""Check documents against the JSON Schemas in data/schema/, one problem per error, with lines.

The schemas are the single description of each file kind's shape: editors use the same
files (through the ``# yaml-language-server: $schema=…`` line) to validate while typing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .loader import Document
from .newcase import PLACEHOLDER
from .problems import Problem, suggest

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"

_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "empty"}


@cache
def _schemas(schema_dir: Path) -> dict[str, Any]:
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in schema_dir.glob("*.schema.json")}
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    return schemas


@cache
def validator(schema_name: str, schema_dir: Path = SCHEMA_DIR) -> Draft202012Validator:
    schemas = _schemas(schema_dir)
    # Following a $ref costs a registry lookup on every value, most of the check's time at
    # thousands of cases; the schemas are not recursive, so the references are copied in once.
    return Draft202012Validator(_inline(schemas[schema_name], schema_name, schemas))


_ANNOTATIONS = {"description", "title", "examples", "default", "$comment"}


def _inline(schema: Any, name: str, schemas: dict[str, Any], depth: int = 0) -> Any:
    """``schema`` with every ``$ref`` replaced by the schema it points to."""
    if depth > 20:
        raise ValueError(f"{name}: $ref nesting too deep (is a definition recursive?)")
    if isinstance(schema, list):
        return [_inline(item, name, schemas, depth) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" not in schema:
        return {key: _inline(value, name, schemas, depth) for key, value in schema.items()}
    target_file, _, pointer = schema["$ref"].partition("#")
    target_file = target_file or name
    target: Any = schemas[target_file]
    for part in pointer.strip("/").split("/") if pointer.strip("/") else ():
        target = target[part]
    resolved = _inline(target, target_file, schemas, depth + 1)
    siblings = {key: _inline(value, name, schemas, depth) for key, value in schema.items() if key != "$ref"}
    if set(siblings) - _ANNOTATIONS & set(resolved):
        return {**siblings, "allOf": [resolved]}
    return {**resolved, **siblings}


def check(document: Document, schema_name: str, schema_dir: Path = SCHEMA_DIR) -> list[Problem]:
    """Every schema error of ``document``, each at the line of the value it is about."""
    checker = validator(schema_name, schema_dir)
    problems: list[Problem] = []
    for error in checker.iter_errors(document.data):
        problems.extend(_problems(error, document))
    return problems


def _problems(error: ValidationError, document: Document) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    where = _describe(path)
    line = document.line(path)
    kind = error.validator
    if isinstance(error.instance, str) and PLACEHOLDER.search(error.instance):
        yield Problem(document.file, line, "placeholder", f"{where or 'a value'} still says {error.instance!r}",
                      "replace it with the real value, or delete the line if the field is optional")
        return
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    described = schema.get("description", "")
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(allowed)):
            yield Problem(document.file, document.line((*path, key)), "unknown-field",
                          f"unknown field '{key}'{' in ' + where if where else ''}",
                          suggest(key, allowed, "allowed fields: " + ", ".join(allowed)))
        return
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield Problem(document.file, line, "missing-field", f"required field '{missing}' is missing{_in(where)}",
                      _field_hint(schema, missing))
        return
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        got = _value_kind(error.instance)
        hint = "put it in quotes" if expected == "string" and got != "a mapping of fields" else described
        yield Problem(document.file, line, "wrong-type",
                      f"{where or 'the file'} should be {_TYPE_NAMES.get(expected, expected)}, not {got}", hint)
        return
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        yield Problem(document.file, line, "not-allowed",
                      f"{where} is {error.instance!r}; it must be one of: {options}",
                      suggest(str(error.instance), [str(v) for v in error.validator_value], ""))
        return
    if kind == "pattern":
        yield Problem(document.file, line, "bad-format", f"{where} {error.instance!r} is not in the right form",
                      described or f"it must match {error.validator_value}")
        return
    if kind in ("maxLength", "minLength", "maxItems", "minItems"):
        size = len(error.instance)
        limit = error.validator_value
        unit = "characters" if "Length" in kind else "items"
        code = "too-long" if kind.startswith("max") else ("empty" if size == 0 else "too-short")
        bound = "at most" if kind.startswith("max") else "at least"
        yield Problem(document.file, line, code, f"{where} has {size} {unit}; it needs {bound} {limit}", described)
        return
    if kind in ("minimum", "maximum"):
        yield Problem(document.file, line, "out-of-range", f"{where} is {error.instance}; {error.message}", described)
        return
    if kind == "uniqueItems":
        yield Problem(document.file, line, "duplicate-item", f"{where} lists the same value twice", "keep one")
        return
    if kind in ("oneOf", "anyOf", "not"):
        yield Problem(document.file, line, "wrong-shape", f"{where or 'the file'} does not have an allowed shape",
                      described or _shape_hint(error))
        return
    yield Problem(document.file, line, "schema", f"{where}: {error.message}", described)


def _in(where: str) -> str:
    return f" in {where}" if where else ""


def _describe(path: tuple) -> str:
    """('claims', 3, 'sources') -> 'claims[4].sources' (1-based, as people count)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _value_kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads it as true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return "text"


def _field_hint(schema: dict, field: str) -> str:
    description = schema.get("properties", {}).get(field, {}).get("description", "")
    return f"add '{field}:'" + (f" — {description}" if description else "")


def _shape_hint(error: ValidationError) -> str:
    details = sorted({e.message for e in error.context or []})
    return "; ".join(details[:3])




def bundled(schema_name: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """A self-contained schema for a JSON array of items of ``schema_name`` (for downloads).

    The shared definitions of common.schema.json are copied in, so the file works alone.
    """
    def load(name: str) -> dict[str, Any]:
        return json.loads((schema_dir / name).read_text(encoding="utf-8"))

    common, item = load("common.schema.json"), load(schema_name)
    text = json.dumps(item).replace('"common.schema.json#/$defs/', '"#/$defs/')
    item = json.loads(text)
    definitions = {**common["$defs"], **item.pop("$defs", {})}
    item.pop("$schema", None)
    definitions["item"] = item
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"A list of: {item.get('title', schema_name)}",
        "type": "array",
        "items": {"$ref": "#/$defs/item"},
        "$defs": dict(sorted(definitions.items())),
    }
