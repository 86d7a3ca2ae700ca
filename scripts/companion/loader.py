"""Read one YAML data file into plain Python values, remembering the line of every value.

PyYAML's defaults guess types the way YAML 1.1 does (``NO`` becomes ``False``,
``2015-05-01`` a date) and silently keep the last of two equal keys. Here plain
scalars follow the YAML 1.2 core schema (only true/false, null, integers and floats
are not strings), duplicate keys, anchors, aliases and custom tags are refused, and
nesting and size are bounded, so a hostile file cannot blow up memory or time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.composer import Composer
from yaml.cyaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .problems import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
# Bidirectional controls can make text display differently from what it is ("Trojan Source").
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A data file's content and the 1-based line where each value (by its path) starts."""

    file: str
    data: Any
    lines: Mapping[Path_, int]

    def line(self, path: Path_ = ()) -> int:
        """The line of the value at ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


class LoadError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.text())
        self.problem = problem


_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]


class _CoreLoader(Composer, CParser, Resolver):
    """Composes nodes only (never constructs Python objects); YAML 1.2 core resolution.

    libyaml (CParser) scans and parses, which is many times faster than PyYAML's pure-Python
    scanner; composing stays in Python (Composer comes first) so every node can be vetted.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {}

    def __init__(self, stream: str, file: str):
        CParser.__init__(self, stream)
        Composer.__init__(self)
        Resolver.__init__(self)
        self._file = file
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise LoadError(Problem(self._file, event.start_mark.line + 1, "yaml-alias",
                                    "anchors and aliases (&name, *name) are not allowed",
                                    "write the value out in full"))
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise LoadError(Problem(self._file, event.start_mark.line + 1, "yaml-alias",
                                    f"anchor '&{event.anchor}' is not allowed",
                                    "remove it and write values out in full"))
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise LoadError(Problem(self._file, event.start_mark.line + 1, "too-deep",
                                    f"values are nested more than {MAX_DEPTH} levels deep",
                                    "flatten the structure"))
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


for _tag, _pattern, _first in _CORE_RESOLVERS:
    _CoreLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": lambda v: v,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:null": lambda v: None,
}


def load_text(raw: bytes, file: str) -> Document:
    """Parse one file's bytes. Raises LoadError naming the file and line of the first problem."""
    if len(raw) > MAX_BYTES:
        raise LoadError(Problem(file, 1, "too-large", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                                "split it or shorten it"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise LoadError(Problem(file, 1, "byte-order-mark", "file starts with a byte-order mark",
                                "save it as UTF-8 without BOM"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise LoadError(Problem(file, line, "not-utf8", f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                                "save the file as UTF-8")) from None
    bidi = BIDI_CONTROLS.search(text)
    if bidi:
        raise LoadError(Problem(file, text.count("\n", 0, bidi.start()) + 1, "bidi-control",
                                f"invisible direction control U+{ord(bidi.group()):04X}",
                                "delete it; it can make text look different from what it is"))
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise LoadError(Problem(file, 1, "empty-file", "file has no data", "fill it in from the template or delete it"))
    loader = _CoreLoader(text, file)
    try:
        node = loader.get_single_node()
    except LoadError:
        raise
    except yaml.MarkedYAMLError as error:
        raise LoadError(_syntax_problem(error, file, text)) from None
    except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
        position = getattr(error, "position", 0) or 0
        raise LoadError(Problem(file, text.count("\n", 0, position) + 1, "yaml-syntax",
                                f"character not allowed in YAML: {getattr(error, 'reason', error)}",
                                "delete the invisible or control character")) from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {(): node.start_mark.line + 1}
    return Document(file, _construct(node, (), lines, file), lines)


def read_file(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise LoadError(Problem(display, 1, "unreadable", f"cannot read the file: {error.strerror}",
                                "check that it exists and is readable")) from None


def load_file(path: Path, display: str) -> Document:
    return load_text(read_file(path, display), display)


def to_json(document: Document) -> dict[str, Any]:
    """The document as JSON values (for the cache); ``from_json`` turns it back."""
    return {"data": document.data, "lines": [[list(path), line] for path, line in document.lines.items()]}


def from_json(file: str, stored: dict[str, Any]) -> Document:
    return Document(file, stored["data"], _StoredLines(stored["lines"]))


class _StoredLines(Mapping):
    """Lines read back from the cache: made into a dict only when a problem needs a line number."""

    def __init__(self, pairs: list):
        self._pairs = pairs
        self._lines: dict[Path_, int] | None = None

    def _dict(self) -> dict[Path_, int]:
        if self._lines is None:
            self._lines = {tuple(path): line for path, line in self._pairs}
        return self._lines

    def __getitem__(self, path: Path_) -> int:
        return self._dict()[path]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._pairs)


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    problem = error.problem or "is not valid YAML"
    offending = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\t" in problem or "\t" in offending[: (mark.column + 1) if mark else 0]:
        return Problem(file, line, "tab", "a tab character where YAML needs spaces", "indent with spaces, not tabs")
    hint = "check indentation and that text containing ': ' or starting with a quote is quoted"
    return Problem(file, line, "yaml-syntax", f"not valid YAML: {problem}", hint)


def _construct(node: Node, path: Path_, lines: dict[Path_, int], file: str) -> Any:
    if isinstance(node, ScalarNode):
        make = _SCALAR_TAGS.get(node.tag)
        if make is None:
            raise LoadError(Problem(file, node.start_mark.line + 1, "yaml-tag", f"tag '{node.tag}' is not allowed",
                                    "remove the tag: the word starting with '!'"))
        value = node.value
        if node.style == ">":
            # In a folded block a blank line in the file becomes one newline in the value;
            # make paragraphs look the same as in a literal block: a blank line between them.
            value = value.replace("\n", "\n\n")
        return make(value)
    if isinstance(node, SequenceNode):
        _check_tag(node, "tag:yaml.org,2002:seq", file)
        items = []
        for index, child in enumerate(node.value):
            lines[(*path, index)] = child.start_mark.line + 1
            items.append(_construct(child, (*path, index), lines, file))
        return items
    if isinstance(node, MappingNode):
        _check_tag(node, "tag:yaml.org,2002:map", file)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise LoadError(Problem(file, line, "bad-key", f"key {key_node.value!r} is not plain text",
                                        "field names are words like 'title'"))
            key = key_node.value
            if key in result:
                raise LoadError(Problem(file, line, "duplicate-key",
                                        f"key '{key}' appears twice in the same mapping (first on line "
                                        f"{lines[(*path, key)]})", "keep one of them"))
            lines[(*path, key)] = line
            result[key] = _construct(value_node, (*path, key), lines, file)
        return result
    raise LoadError(Problem(file, node.start_mark.line + 1, "yaml-syntax", "unexpected YAML node"))


def _check_tag(node: Node, expected: str, file: str) -> None:
    if node.tag != expected:
        raise LoadError(Problem(file, node.start_mark.line + 1, "yaml-tag", f"tag '{node.tag}' is not allowed",
                                "remove the tag: the word starting with '!'"))
