"""Read one YAML data file into plain Python values, remembering the line of every value.

PyYAML's defaults guess types the way YAML 1.1 does (``NO`` becomes ``False``,
``2015-05-01`` a date) and silently keep the last of two equal keys. Here plain
scalars follow the YAML 1.2 core schema (only true/false, null, integers and floats
are not strings), duplicate keys, anchors, aliases and custom tags are refused, and
nesting and size are bounded, so a hostile file cannot blow up memory or time.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.cyaml import CParser  # type: ignore[attr-defined]  # libyaml, not in the stubs

from .problems import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
# Bidirectional controls can make text display differently from what it is ("Trojan Source").
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters no value may hold, whether typed or written as a YAML escape ("\u202E", "\0", "\e",
# "\r"): by Unicode category, controls other than the line feed (a "\r" splits a RIS record; a
# tab or escape hides in a title), format characters (bidirectional controls, zero-width
# characters, tags: text that displays other than it is), line and paragraph separators
# (JavaScript, RIS and CSV readers break lines at them), surrogates, private-use and unassigned
# code points (U+FFFF broke a page's front matter); and the letters and marks that draw nothing.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0\ufffc"
                       + "".join(map(chr, range(0xFE00, 0xFE10))) + "".join(map(chr, range(0xE0100, 0xE01F0))))
# Text made only of these needs no closer look (nearly all of it: ASCII and common typography).
_PLAIN = re.compile("[\n\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e]*")


def forbidden_character(text: str) -> str | None:
    """The first character of ``text`` that no value may hold, if any."""
    if _PLAIN.fullmatch(text):
        return None
    for char in text:
        if char == "\n":
            continue
        if unicodedata.category(char) in _FORBIDDEN_CATEGORIES or char in _INVISIBLE:
            return char
    return None

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


# YAML 1.2 core schema: which plain scalars are not text, tried in this order.
_CORE_SCALARS = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")),
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$")),
    ("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$")),
]
_NOT_TEXT_STARTS = frozenset("tTfF-+.0123456789~nN")
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"

_SCALAR_TAGS: dict[str, Callable[[str], Any]] = {
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
    lines: dict[Path_, int] = {}
    # libyaml (CParser) scans and parses, many times faster than PyYAML's pure-Python
    # scanner; values are built straight from its events, so every one is vetted on the way.
    parser = CParser(text)
    try:
        data = _document(parser, lines, file)
    except yaml.MarkedYAMLError as error:
        raise LoadError(_syntax_problem(error, file, text)) from None
    except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
        position = getattr(error, "position", 0) or 0
        raise LoadError(Problem(file, text.count("\n", 0, position) + 1, "yaml-syntax",
                                f"character not allowed in YAML: {getattr(error, 'reason', error)}",
                                "delete the invisible or control character")) from None
    finally:
        parser.dispose()
    return Document(file, data, lines)


def read_file(path: Path, display: str) -> bytes:
    """A regular file's bytes, at most one past the size limit (so ``load_text`` reports it).

    A symbolic link is refused, not followed: one pointing at /dev/zero would exhaust memory, one
    pointing at a file outside the repository would publish it.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if path.is_symlink():
            raise LoadError(not_a_file(display, "a symbolic link")) from None
        raise LoadError(Problem(display, 1, "unreadable", f"cannot read the file: {error.strerror}",
                                "check that it exists and is readable")) from None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise LoadError(not_a_file(display, "not a regular file"))
        return stream.read(MAX_BYTES + 1)


def not_a_file(display: str, what: str) -> Problem:
    return Problem(display, 1, "not-a-file", f"{what}, not a file of data",
                   "put the data itself here: links and special files are not read")


def load_file(path: Path, display: str) -> Document:
    return load_text(read_file(path, display), display)


def with_lines_on_demand(file: str, data: Any, raw: bytes) -> Document:
    """A document whose values were read before (from the cache, or by another process): its lines
    are found again from ``raw`` only if a problem needs one, which is rare and cheap."""
    return Document(file, data, _LinesOnDemand(raw, file))


class _LinesOnDemand(Mapping[Any, Any]):
    def __init__(self, raw: bytes, file: str):
        self._raw, self._file = raw, file
        self._lines: Mapping[Path_, int] | None = None

    def _dict(self) -> Mapping[Path_, int]:
        if self._lines is None:
            self._lines = load_text(self._raw, self._file).lines
        return self._lines

    def __getitem__(self, path: Path_) -> int:
        return self._dict()[path]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    problem = error.problem or "is not valid YAML"
    offending = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\t" in problem or "\t" in offending[: (mark.column + 1) if mark else 0]:
        return Problem(file, line, "tab", "a tab character where YAML needs spaces", "indent with spaces, not tabs")
    hint = "check indentation and that text containing ': ' or starting with a quote is quoted"
    return Problem(file, line, "yaml-syntax", f"not valid YAML: {problem}", hint)


def _line(event: yaml.Event | None) -> int:
    """The 1-based line an event starts on."""
    mark = event.start_mark if event is not None else None
    return mark.line + 1 if mark is not None else 1


def _next(parser: CParser) -> yaml.Event:
    event: yaml.Event | None = parser.get_event()
    if event is None:
        raise yaml.YAMLError("the file ended in the middle of a value")
    return event


def _document(parser: CParser, lines: dict[Path_, int], file: str) -> Any:
    """The one document in the stream, as plain values; ``lines`` gets the line of each."""
    parser.get_event()  # stream start
    if parser.check_event(yaml.StreamEndEvent):
        return None
    parser.get_event()  # document start
    lines[()] = _line(parser.peek_event())
    data = _value(parser, (), lines, file, 1)
    parser.get_event()  # document end
    if not parser.check_event(yaml.StreamEndEvent):
        raise LoadError(Problem(file, _line(parser.peek_event()), "yaml-syntax",
                                "not valid YAML: a second document starts here ('---')",
                                "a data file holds one document: remove the '---' line and what follows "
                                "or move it to its own file"))
    return data


def _value(parser: CParser, path: Path_, lines: dict[Path_, int], file: str, depth: int) -> Any:
    event = _vetted(_next(parser), file)
    line = _line(event)
    if depth > MAX_DEPTH:
        raise LoadError(Problem(file, line, "too-deep", f"values are nested more than {MAX_DEPTH} levels deep",
                                "flatten the structure"))
    if isinstance(event, yaml.ScalarEvent):
        tag = _scalar_tag(event)
        make = _SCALAR_TAGS.get(tag)
        if make is None:
            raise _tag_problem(tag, line, file)
        value = event.value
        if event.style == ">":
            # In a folded block a blank line in the file becomes one newline in the value;
            # make paragraphs look the same as in a literal block: a blank line between them.
            value = value.replace("\n", "\n\n")
        _vet_text(value, line, file)
        try:
            return make(value)
        except ValueError:  # '!!int "abc"', or an integer of thousands of digits
            kind = tag.rsplit(":", 1)[-1]
            raise LoadError(Problem(file, line, "bad-value", f"'{value[:40]}' cannot be read as {kind}",
                                    "write a plain number, or text in quotes (and no '!!' tag)")) from None
    if isinstance(event, yaml.SequenceStartEvent):
        if event.tag not in (None, "!", _SEQ):
            raise _tag_problem(event.tag, line, file)
        items: list[Any] = []
        while not parser.check_event(yaml.SequenceEndEvent):
            index = len(items)
            lines[(*path, index)] = _line(parser.peek_event())
            items.append(_value(parser, (*path, index), lines, file, depth + 1))
        parser.get_event()
        return items
    if isinstance(event, yaml.MappingStartEvent):
        if event.tag not in (None, "!", _MAP):
            raise _tag_problem(event.tag, line, file)
        result: dict[str, Any] = {}
        while not parser.check_event(yaml.MappingEndEvent):
            key = _vetted(parser.peek_event(), file)
            key_line = _line(key)
            if not isinstance(key, yaml.ScalarEvent) or _scalar_tag(key) != _STR:
                shown = key.value if isinstance(key, yaml.ScalarEvent) else "[…]" if isinstance(
                    key, yaml.SequenceStartEvent) else "{…}"
                raise LoadError(Problem(file, key_line, "bad-key", f"key {shown!r} is not plain text",
                                        "field names are words like 'title'"))
            parser.get_event()
            _vet_text(key.value, key_line, file)
            if key.value in result:
                raise LoadError(Problem(file, key_line, "duplicate-key",
                                        f"key '{key.value}' appears twice in the same mapping (first on line "
                                        f"{lines[(*path, key.value)]})", "keep one of them"))
            lines[(*path, key.value)] = key_line
            result[key.value] = _value(parser, (*path, key.value), lines, file, depth + 1)
        parser.get_event()
        return result
    raise LoadError(Problem(file, line, "yaml-syntax", "unexpected YAML node"))


def _vetted(event: yaml.Event | None, file: str) -> yaml.Event:
    """``event``, unless it is an alias or carries an anchor: a few aliases can expand to billions of values."""
    if event is None:
        raise yaml.YAMLError("the file ended in the middle of a value")
    line = _line(event)
    if isinstance(event, yaml.AliasEvent):
        raise LoadError(Problem(file, line, "yaml-alias", "anchors and aliases (&name, *name) are not allowed",
                                "write the value out in full"))
    anchor = getattr(event, "anchor", None)
    if anchor:
        raise LoadError(Problem(file, line, "yaml-alias", f"anchor '&{anchor}' is not allowed",
                                "remove it and write values out in full"))
    return event


# The HTML that pandoc's citation processor reads as formatting in CSL data (italics, bold, super- and
# subscript, small capitals, no decoration). Text is shown as typed everywhere else, so in a title such a
# tag would print as formatting in one place (a cite box) and as typed in another (the page, the BibTeX):
# it is refused. <span class="nocase">, the one CSL markup the data may use, is allowed.
_FORMATTING_TAG = re.compile(
    r"<\s*/?\s*(?:i|b|sup|sub|sc)\s*>|<\s*span\s+(?:style|class\s*=\s*[\"']?nodecor)", re.IGNORECASE)


def _vet_text(value: str, line: int, file: str) -> None:
    """Refuse a value holding a control or invisible character, typed or made by an escape, or a formatting
    tag that the citation processor would obey."""
    tag = _FORMATTING_TAG.search(value)
    if tag:
        raise LoadError(Problem(file, line, "formatting-tag",
                                f"a value holds {tag.group()!r}, which citations would print as formatting",
                                "write the text without HTML tags; to keep a word's capitals in citations, "
                                "use <span class=\"nocase\">word</span>"))
    char = forbidden_character(value)
    if char is not None:
        name = unicodedata.name(char, "CONTROL OR UNASSIGNED CHARACTER")
        raise LoadError(Problem(file, line, "invisible-character",
                                f"a value holds U+{ord(char):04X} {name}, an invisible or control character",
                                "delete it, typed or written as an escape in quotes (such as \\u200b or \\r); "
                                "only a real line break may break a value"))


def _scalar_tag(event: yaml.ScalarEvent) -> str:
    """The type of a scalar: its explicit tag, or by the core schema if it is plain (unquoted)."""
    if event.tag not in (None, "!"):
        return event.tag
    if event.implicit[0]:
        value = event.value
        if not value or value[0] in _NOT_TEXT_STARTS:
            for tag, pattern in _CORE_SCALARS:
                if pattern.match(value):
                    return tag
    return _STR


def _tag_problem(tag: str, line: int, file: str) -> LoadError:
    return LoadError(Problem(file, line, "yaml-tag", f"tag '{tag}' is not allowed",
                             "remove the tag: the word starting with '!'"))
