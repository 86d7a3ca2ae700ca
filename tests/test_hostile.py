"""A pull request that edits only data/ cannot make the site do anything but show text.

Two halves. Text that is merely odd (tags, entity-encoded tags, Markdown and attribute-list
tricks, Jinja) is allowed in every free-text field and must come out inert in every output:
the whole fixture is poisoned that way and built with MkDocs. Characters that hide or break
things (controls, bidirectional and zero-width characters, line separators, whether typed or
written as YAML escapes) are refused by `check`, each at its file and line.
The same hostile site is opened in Chromium by tests/browser/test_hostile_browser.py.
"""

from __future__ import annotations

import csv
import io
import json
import re

import bibtexparser
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup

from companion import csp, schema
from companion.loader import load_file
from companion.pipeline import check_file, folders, single_files
from support import VALID, free_text_fields, schema_of, set_at, text_values

DATA_FILES = sorted(p.relative_to(VALID).as_posix() for p in VALID.rglob("*.yaml"))
SCHEMAS = sorted({*single_files().values(), *(schema_name for schema_name, _ in folders().values())})


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_the_fixture_fills_every_free_text_field_so_the_payloads_reach_it(schema_name):
    """Otherwise a field added to a schema would escape the hostile build unnoticed."""
    fields = free_text_fields(schema.validator(schema_name).schema)
    present = set()
    for relative in DATA_FILES:
        if schema_of(relative) == schema_name:
            present |= {shape for shape, _, _ in text_values(load_file(VALID / relative, relative).data)}
    assert fields, schema_name
    assert sorted(fields - present) == [], f"give the fixture a value for these fields of {schema_name}"


# --- odd text is shown as text ------------------------------------------------------------------------

@pytest.mark.slow
def test_no_element_or_attribute_from_data_can_run_code(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for html_file in pages:
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        where = html_file.relative_to(hostile_site)
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), f"{where}: <{element.name} {attribute}>"
                text = " ".join(value) if isinstance(value, list) else str(value)
                if attribute in ("href", "src", "action", "formaction", "data", "xlink:href"):
                    assert not text.strip().lower().startswith(("javascript:", "data:")), f"{where}: {text}"
                    assert "evil.example" not in text, f"{where}: <{element.name} {attribute}={text}>"
                # Material shows a title as HTML (innerHTML) in its tooltips: it must hold no markup.
                if attribute == "title":
                    assert "<" not in text, f"{where}: <{element.name} title={text!r}>"
        assert not soup.find_all(["iframe", "object", "embed", "svg"], attrs={"onload": True}), where
        for img in soup.find_all("img"):
            assert img.get("src") != "x", where
        for script in soup.find_all("script"):
            kind = script.get("type", "")
            if kind in ("application/json", "application/ld+json"):
                assert "<" not in script.text, where  # data only inside JSON, escaped
            else:
                assert "__pwned" not in script.text and "evil.example" not in script.text, \
                    f"{where}: data inside a script: {script.text[:80]}"


@pytest.mark.slow
def test_the_hostile_text_is_shown_as_text(hostile_site):
    page = BeautifulSoup((hostile_site / "cases" / "example-case-2020" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    text = page.select_one("article").get_text()
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert '&lt;img src=x onerror="window.__pwned=1"&gt;' in text  # an entity in data is shown, not decoded
    assert "[a](javascript:window.__pwned=1)" in text
    assert '{: onclick="window.__pwned=1" }' in text
    assert "{{ config.site_name }}{% raw %}" in text  # no template engine reads page text


@pytest.mark.slow
def test_every_page_carries_a_policy_that_runs_only_the_sites_own_scripts(hostile_site):
    for html_file in sorted(hostile_site.rglob("*.html")):
        html = html_file.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, html_file
        directives = dict(d.strip().split(" ", 1) for d in metas[0]["content"].split(";"))
        scripts = directives["script-src"].split()
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert (directives["default-src"], directives["object-src"], directives["base-uri"]) == \
               ("'self'", "'none'", "'self'")
        # Exactly the page's own inline scripts are allowed, and the policy comes before any script.
        assert scripts == ["'self'", "'wasm-unsafe-eval'", *csp.inline_script_hashes(html)], html_file
        assert html.index("Content-Security-Policy") < html.index("<script"), html_file


@pytest.mark.slow
def test_every_download_parses_to_one_record_per_entry(hostile_site):
    """Line breaks, quotes or formulas in data must not add, split or merge records in any download."""
    data = {relative: load_file(VALID / relative, relative).data for relative in DATA_FILES}
    cases = [relative for relative in DATA_FILES if relative.startswith("cases/")]
    references = len(data["references.yaml"]["references"]) + 1  # and the paper itself
    downloads = hostile_site / "downloads"
    assert len(json.loads((downloads / "cases.json").read_text(encoding="utf-8"))) == len(cases)
    rows = list(csv.DictReader(io.StringIO((downloads / "cases.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == len(cases)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert len(json.loads((downloads / "references.json").read_text(encoding="utf-8"))) == references
    assert len(rispy.loads((downloads / "references.ris").read_text(encoding="utf-8"))) == references
    library = bibtexparser.parse_string((downloads / "references.bib").read_text(encoding="utf-8"))
    assert (len(library.entries), library.failed_blocks) == (references, [])


# --- hiding and breaking characters are refused at their line ---------------------------------------------

# YAML source of a value (as it would stand after 'key: ') -> the code `check` must give.
REFUSED = {
    r'"a\u202Eb"': "invisible-character",   # right-to-left override, as an escape
    r'"a\u2066b"': "invisible-character",   # bidirectional isolate
    r'"a\u200Bb"': "invisible-character",   # zero-width space
    r'"a\u2028b"': "invisible-character",   # line separator
    r'"a\x85b"': "invisible-character",     # next line (C1)
    r'"a\x9bb"': "invisible-character",     # control sequence introducer (C1)
    r'"a\0b"': "invisible-character",       # NUL
    r'"a\eb"': "invisible-character",       # escape
    r'"a\rb"': "invisible-character",       # carriage return: would split a RIS record
    r'"a\tb"': "invisible-character",       # tab
    "a\u202eb": "bidi-control",             # typed, not escaped
    r'"a\U000E0041b"': "invisible-character",  # a tag character
    r'"a\uFE0Fb"': "invisible-character",   # a variation selector
    r'"a\u3164b"': "invisible-character",   # Hangul filler: a letter that draws nothing
    r'"a\uFFFFb"': "invisible-character",   # a noncharacter (it broke a page's front matter)
}
MARKER = "POISONED-VALUE-MARKER"


def _with_marker(data, exact: tuple):
    import copy

    data = copy.deepcopy(data)
    set_at(data, exact, MARKER)
    return data


@pytest.mark.parametrize("payload", list(REFUSED), ids=[p.strip('"') for p in REFUSED])
@pytest.mark.parametrize("relative", DATA_FILES)
def test_a_hiding_character_in_any_free_text_field_is_refused_at_its_line(relative, payload):
    display = f"data/{relative}"
    data = load_file(VALID / relative, relative).data
    fields = free_text_fields(schema.validator(schema_of(relative)).schema)
    tried = 0
    for shape, exact, _ in text_values(data):
        if shape not in fields:
            continue
        text = yaml.safe_dump(_with_marker(data, exact), allow_unicode=True, sort_keys=False, width=10_000)
        line = next(number for number, content in enumerate(text.splitlines(), 1) if MARKER in content)
        result = check_file(display, schema_of(relative), text.replace(MARKER, payload).encode("utf-8"))
        found = [(p.file, p.line, p.code) for p in result.problems]
        assert found == [(display, line, REFUSED[payload])], f"{'.'.join(map(str, exact))}: {found}"
        tried += 1
    assert tried > 0


# --- schema patterns ---------------------------------------------------------------------------------------

def _patterns(node) -> list[str]:
    if isinstance(node, dict):
        return ([node["pattern"]] if isinstance(node.get("pattern"), str) else []) + \
            [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


ALL_PATTERNS = sorted({p for name in [*SCHEMAS, "common.schema.json"]
                       for p in _patterns(json.loads((schema.SCHEMA_DIR / name).read_text(encoding="utf-8")))})
EXAMPLES = ["a", "ab", "x-2015", "c18", "smith2020", "2015-05-01", "2015", "https://example.org/a",
            "10.1080/23311886.2017.1297175", "G0007", "DE", "T1566", "T0085.004", "A term"]


@pytest.mark.parametrize("pattern", ALL_PATTERNS)
def test_no_schema_pattern_lets_a_trailing_newline_through(pattern):
    """Python's '$' matches before a final newline; the check reads '$' as JSON Schema (ECMA-262) does."""
    matching = [value for value in EXAMPLES if schema.ecma_pattern(pattern).search(value)]
    assert matching, f"give EXAMPLES a value that {pattern} accepts"
    for value in matching:
        assert not schema.ecma_pattern(pattern).search(value + "\n"), (pattern, value)
        assert re.search(pattern, value)  # and the translation accepts what the pattern means to accept
