"""The loader keeps lines, reads YAML 1.2 core types, and refuses what could mislead or blow up."""

from __future__ import annotations

import pytest

from companion.loader import MAX_BYTES, LoadError, load_text


def problem_of(raw: bytes):
    with pytest.raises(LoadError) as caught:
        load_text(raw, "data/x.yaml")
    return caught.value.problem


def test_values_keep_their_lines():
    document = load_text(b"title: A\nitems:\n  - one\n  - two: 2\n", "data/x.yaml")
    assert document.data == {"title": "A", "items": ["one", {"two": 2}]}
    assert document.line(("title",)) == 1
    assert document.line(("items", 1)) == 4
    assert document.line(("items", 1, "two")) == 4
    # A path that does not exist falls back to its nearest parent.
    assert document.line(("items", 1, "missing")) == 4


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("NO", "NO"),  # Norway, not false (YAML 1.1 would say False)
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("2015-05-01", "2015-05-01"),  # a string, not a date object
        ("2015-05", "2015-05"),
        ("true", True),
        ("false", False),
        ("12", 12),
        ("1e3", 1000.0),  # a number: the schema rejects it where text is meant
        ("null", None),
        ("'1e3'", "1e3"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(source, expected):
    value = load_text(f"v: {source}\n".encode(), "data/x.yaml").data["v"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("raw", "code", "line"),
    [
        (b"a: 1\nb: 2\na: 3\n", "duplicate-key", 3),
        (b"a:\n  b: 1\n  b: 2\n", "duplicate-key", 3),
        (b"a: &x 1\nb: *x\n", "yaml-alias", 1),
        (b"a: 1\nb:\n\t- 1\n", "tab", 3),
        (b"\xef\xbb\xbfa: 1\n", "byte-order-mark", 1),
        (b"a: 1\nb: caf\xe9\n", "not-utf8", 2),
        (b"", "empty-file", 1),
        (b"# just a comment\n\n", "empty-file", 1),
        (b"a: 1\nb: [1, 2\n", "yaml-syntax", 3),
        (b"a: 1\n---\nb: 2\n", "yaml-syntax", 2),
        (b"a: !!python/object:os.system x\n", "yaml-tag", 1),
        (b"a: !custom x\n", "yaml-tag", 1),
        (b"? [1, 2]\n: x\n", "bad-key", 1),
        (b"a: 1\n12: x\n", "bad-key", 2),  # a number, not a field name
        (b"a: 1\n&k b: x\n", "yaml-alias", 2),  # an anchor on a key
        (b"a:\n  b: !!binary aGk=\n", "yaml-tag", 2),
        (b"a: !!set {x}\n", "yaml-tag", 1),
        (b"a: 1\nb: x\xe2\x80\xaey\n", "bidi-control", 2),  # U+202E right-to-left override
        (b"a: " + b"[" * 60 + b"]" * 60 + b"\n", "too-deep", 1),
    ],
)
def test_bad_input_names_code_and_line(raw, code, line):
    problem = problem_of(raw)
    assert (problem.code, problem.line, problem.file) == (code, line, "data/x.yaml")
    assert problem.hint, "every problem says how to fix it"


def test_alias_bomb_is_refused_without_expanding():
    bomb = b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    assert problem_of(bomb).code == "yaml-alias"


def test_file_over_the_size_limit_is_refused_before_parsing():
    problem = problem_of(b"a: '" + b"x" * MAX_BYTES + b"'\n")
    assert problem.code == "too-large"


def test_paragraphs_look_the_same_in_folded_and_literal_blocks():
    folded = load_text(b"t: >-\n  One\n  line.\n\n  Two.\n", "data/x.yaml").data["t"]
    literal = load_text(b"t: |-\n  One line.\n\n  Two.\n", "data/x.yaml").data["t"]
    assert folded == literal == "One line.\n\nTwo."


@pytest.mark.parametrize("control", ["\u202a", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u061c"])
def test_a_direction_control_is_refused_even_in_a_comment(control):
    """Trojan Source: a direction control makes text display other than it is, a comment included."""
    problem = problem_of(f"a: 1\n# note {control} here\n".encode())
    assert (problem.code, problem.line) == ("bidi-control", 2)
