"""Check documents against the JSON Schemas in data/schema/, one problem per error, with lines.

The schemas are the single description of each file kind's shape: editors use the same
files (through the ``# yaml-language-server: $schema=…`` line) to validate while typing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.exceptions import best_match, relevance

from .loader import Document
from .newcase import PLACEHOLDER
from .problems import Problem, suggest

# The schemas are code, not data: they live in the package (data/schema links here, for editors),
# so that a pull request that changes only data/ cannot change what `check` accepts.
SCHEMA_DIR = Path(str(resources.files("companion") / "schemas"))

_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "empty"}


@cache
def _schemas(schema_dir: Path) -> dict[str, Any]:
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in schema_dir.glob("*.schema.json")}
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    return schemas


@cache
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern as ECMA-262 (and so every editor) reads it: '$' is the end of the text.

    In Python's re, '$' also matches before a final newline, so "x-2015\\n" would pass '^[a-z0-9-]+$'."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


def _pattern(checker: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if isinstance(instance, str) and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _whole_number(checker: Any, instance: Any) -> bool:
    """JSON Schema counts 1.0 as an integer; here it is a number with a decimal point, which a section
    number or a source's number must not be (it made a link to '#source-4.0')."""
    return isinstance(instance, int) and not isinstance(instance, bool)


_Validator = validators.extend(
    Draft202012Validator, {"pattern": _pattern},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number))
_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("http-url", raises=ValueError)  # type: ignore[untyped-decorator]  # jsonschema is untyped
def plain_web_address(address: object) -> bool:
    """No address that shows one site and opens another: no user name before the host
    (https://www.cisa.gov@evil.example/ opens evil.example), and no host name whose letters
    mix scripts or are all look-alikes of Latin ones (www.сisa.gov with a Cyrillic 'с')."""
    if not isinstance(address, str):
        return True
    try:
        parts = urlsplit(address)
    except ValueError as error:
        raise ValueError(f"the address cannot be read ({error})") from None
    if "@" in parts.netloc:
        raise ValueError("the address has a user name before '@', so it opens the site after the '@'")
    host = parts.hostname or ""
    odd = next((char for char in host if not (char.isalnum() or char in "-.")), None)
    if odd:
        raise ValueError(f"the host name holds '{odd}' (U+{ord(odd):04X}), which is not a letter, digit, hyphen "
                         "or dot: it can pass for a '/' or a '.'")
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                raise ValueError(f"the host name part '{label}' is not valid") from None
        scripts = {_script(char) for char in label if char.isalpha()}
        if len(scripts) > 1:
            raise ValueError(f"the host name mixes {' and '.join(sorted(scripts))} letters in '{label}', "
                             "as look-alike addresses do")
        unusual = next((char for char in label if _script(char) == "LATIN" and not char.isascii()
                        and not unicodedata.normalize("NFKD", char)[0].isascii()), None)
        if unusual:
            raise ValueError(f"the host name part '{label}' has '{unusual}' ({unicodedata.name(unusual)}), "
                             "a Latin letter that passes for a plain one")
        if scripts and scripts != {"LATIN"} and all(char in _LOOKS_LATIN for char in label if char.isalpha()):
            raise ValueError(f"the host name part '{label}' is written in {scripts.pop()} letters "
                             "that look like Latin ones")
    return True


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


# Letters of other scripts that are drawn like Latin letters (Unicode's confusables, the common ones).
_LOOKS_LATIN = frozenset("аеорсхуіјѕԁһӏԛԝкѵԍӑӓӧӱүҽ" "αικνορτυχϲϳ" "օսհոցզ")


@cache
def validator(schema_name: str, schema_dir: Path = SCHEMA_DIR) -> Any:
    schemas = _schemas(schema_dir)
    # Following a $ref costs a registry lookup on every value, most of the check's time at
    # thousands of cases; the schemas are not recursive, so the references are copied in once.
    return _Validator(_inline(schemas[schema_name], schema_name, schemas), format_checker=_FORMATS)


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
    """Every problem of shape in ``document``, each at the line of the value it is about.

    Values still reading 'FILL IN' (from the case template) are reported first, all of them, and
    the schema's complaints about those same values are left out: one message per thing to do.
    """
    problems = list(_placeholders(document))
    errors = [error for error in validator(schema_name, schema_dir).iter_errors(document.data)
              if not (isinstance(error.instance, str) and PLACEHOLDER.search(error.instance))]
    # A format check says what is wrong more precisely than the pattern (kept for editors) beside it.
    explained = {tuple(error.absolute_path) for error in errors if error.validator == "format"}
    for error in errors:
        if error.validator != "pattern" or tuple(error.absolute_path) not in explained:
            problems.extend(_problems(error, document))
    return list(dict.fromkeys(problems))  # two errors can name the same missing field


def _placeholders(document: Document) -> Iterator[Problem]:
    if not PLACEHOLDER.search(repr(document.data)):  # one pass in C; walk only files that have one
        return
    for path, value in _leaves(document.data, ()):
        if isinstance(value, str) and PLACEHOLDER.search(value):
            yield Problem(document.file, document.line(path), "placeholder",
                          f"{_describe(path) or 'a value'} still says {value!r}",
                          "replace it with the real value, or delete the line if the field is optional")


def _leaves(value: object, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], object]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaves(child, (*path, index))
    else:
        yield path, value


class _Error(NamedTuple):
    """What every handler needs: the error, where it is (for people and in lines), the schema's words."""

    error: ValidationError
    document: Document
    path: tuple[str | int, ...]
    where: str  # 'sources[2].url'
    line: int
    described: str  # the failing schema's description, the best hint there is

    def problem(self, code: str, message: str, hint: str = "", path: tuple[Any, ...] | None = None) -> Problem:
        line = self.line if path is None else self.document.line(path)
        return Problem(self.document.file, line, code, message, hint)


def _problems(error: ValidationError, document: Document, described: str = "") -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    described = schema.get("description", "") or described
    context = _Error(error, document, path, _describe(path), document.line(path), described)
    handler = _HANDLERS.get(str(error.validator), _other)
    yield from handler(context)


def _unknown_fields(e: _Error) -> Iterator[Problem]:
    allowed = sorted(e.error.schema.get("properties", {}))
    for key in sorted(set(e.error.instance) - set(allowed)):
        yield e.problem("unknown-field", f"unknown field '{key}'{_in(e.where)}",
                        suggest(key, allowed, "allowed fields: " + ", ".join(allowed)), (*e.path, key))


def _missing_fields(e: _Error) -> Iterator[Problem]:
    for field in e.error.validator_value:
        if field not in e.error.instance:
            owner = e.error.parent.schema if e.error.parent is not None else e.error.schema  # a oneOf's branch
            yield e.problem("missing-field", f"required field '{field}' is missing{_in(e.where)}",
                            _field_hint(e.error.schema, field) if field in e.error.schema.get("properties", {})
                            else _field_hint(owner, field))


def _wrong_type(e: _Error) -> Iterator[Problem]:
    wanted = e.error.validator_value
    expected = wanted if isinstance(wanted, str) else wanted[0]
    instance = e.error.instance
    if instance is None:
        hint = "write a value after the colon, or delete the line if the field is optional"
    elif expected == "string" and isinstance(instance, (bool, int, float)):
        hint = "put it in quotes: YAML reads it as " + ("true/false" if isinstance(instance, bool) else "a number")
    else:
        hint = e.described
    wanted_kind = _TYPE_NAMES.get(expected, expected)
    yield e.problem("wrong-type", f"{e.where or 'the file'} should be {wanted_kind}, not {_value_kind(instance)}", hint)


def _not_allowed(e: _Error) -> Iterator[Problem]:
    options = [str(v) for v in (e.error.validator_value if e.error.validator == "enum" else [e.error.validator_value])]
    yield e.problem("not-allowed", f"{e.where} is {e.error.instance!r}; it must be one of: {', '.join(options)}",
                    suggest(str(e.error.instance), options, ""))


def _bad_format(e: _Error) -> Iterator[Problem]:
    reason = f": {e.error.cause}" if e.error.validator == "format" and e.error.cause else " is not in the right form"
    hint = e.described or f"it must match {e.error.validator_value}"
    instance = e.error.instance
    if e.error.validator == "pattern" and isinstance(instance, str) and instance != instance.lower() \
            and ecma_pattern(e.error.validator_value).search(instance.lower()):
        hint = f"ids are lower case: write '{instance.lower()}'"
    yield e.problem("bad-format", f"{e.where} {instance!r}{reason}", hint)


def _size(e: _Error) -> Iterator[Problem]:
    kind = str(e.error.validator)
    size, limit = len(e.error.instance), e.error.validator_value
    unit = "characters" if "Length" in kind else "items"
    code = "too-long" if kind.startswith("max") else ("empty" if size == 0 else "too-short")
    bound = "at most" if kind.startswith("max") else "at least"
    yield e.problem(code, f"{e.where} has {size} {unit}; it needs {bound} {limit}", e.described)


def _range(e: _Error) -> Iterator[Problem]:
    bound = "at least" if e.error.validator == "minimum" else "at most"
    yield e.problem("out-of-range", f"{e.where} is {e.error.instance}; it must be {bound} {e.error.validator_value}",
                    e.described)


def _duplicate_item(e: _Error) -> Iterator[Problem]:
    yield e.problem("duplicate-item", f"{e.where} lists the same value twice", "keep one")


def _one_of(e: _Error) -> Iterator[Problem]:
    """The problems of the allowed shape the value comes closest to (jsonschema's best_match, told
    to prefer the shape with the fewest fields in conflict, then the fewest errors)."""
    best = best_match([e.error], key=_closest_shape)
    if best is None or best is e.error or best.parent is not e.error:
        yield e.problem("wrong-shape", f"{e.where or 'the file'} does not have an allowed shape", e.described)
        return
    branch = best.relative_schema_path[0]
    for error in e.error.context or ():
        if error.relative_schema_path[0] == branch:
            yield from _problems(error, e.document, e.described)


def _closest_shape(error: ValidationError) -> tuple[Any, ...]:
    parent = error.parent
    if parent is None or not error.relative_schema_path:
        return (0, 0, relevance(error))
    branch = [x for x in parent.context or () if x.relative_schema_path[0] == error.relative_schema_path[0]]
    return (sum(x.validator == "not" for x in branch), len(branch), relevance(error))


def _conflict(e: _Error) -> Iterator[Problem]:
    present = [field for field in _required_fields(e.error.validator_value) if field in e.error.instance]
    if present:
        fields = " and ".join(f"'{f}'" for f in present)
        yield e.problem("wrong-shape", f"{e.where or 'the file'} cannot have {fields} here", e.described)
    else:
        yield e.problem("wrong-shape", f"{e.where or 'the file'} does not have an allowed shape", e.described)


def _required_fields(schema: Any) -> list[str]:
    """The fields a (negated) schema asks for, in order: what a 'not' forbids."""
    if not isinstance(schema, dict):
        return []
    fields = list(schema.get("required", ()))
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, ()):
            fields += [f for f in _required_fields(sub) if f not in fields]
    return fields


def _other(e: _Error) -> Iterator[Problem]:
    yield e.problem("schema", f"{e.where or 'the file'}: {e.error.message}", e.described)


_HANDLERS: dict[str, Callable[[_Error], Iterator[Problem]]] = {
    "additionalProperties": _unknown_fields, "required": _missing_fields, "type": _wrong_type,
    "enum": _not_allowed, "const": _not_allowed, "pattern": _bad_format, "format": _bad_format,
    "maxLength": _size, "minLength": _size, "maxItems": _size, "minItems": _size,
    "minimum": _range, "maximum": _range, "uniqueItems": _duplicate_item,
    "oneOf": _one_of, "anyOf": _one_of, "not": _conflict,
}


def _in(where: str) -> str:
    return f" in {where}" if where else ""


def _describe(path: tuple[Any, ...]) -> str:
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


def _field_hint(schema: dict[str, Any], field: str) -> str:
    description = schema.get("properties", {}).get(field, {}).get("description", "")
    return f"add '{field}:'" + (f" — {description}" if description else "")


def bundled(schema_name: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """A self-contained schema for a JSON array of items of ``schema_name`` (for downloads).

    The shared definitions of common.schema.json are copied in, so the file works alone.
    """
    def load(name: str) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads((schema_dir / name).read_text(encoding="utf-8"))
        return loaded

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
