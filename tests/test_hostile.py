"""Hostile text in every free-text field comes out of a real build as text: nothing from data can run.

Every free-text value of the fixture data gets a payload of HTML, event handlers, script and
data URLs and Markdown tricks; the site is built with MkDocs and each page's HTML is parsed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from companion.loader import load_file
from support import ROOT, VALID, project_without_data

PAYLOAD = ('<script>alert("x")</script><img src=x onerror=alert(1)><iframe src="https://evil.example">'
           '[click](javascript:alert(1))![p](https://evil.example/p.png)<a href="javascript:alert(1)">a</a>'
           '{: onclick="alert(1)" }**b**`c`&lt;i&gt;<https://evil.example><svg onload=alert(1)>')
SHORT_PAYLOAD = "<img src=x onerror=alert(1)>*b* <svg onload=alert(1)>"
FREE_TEXT = {"title", "summary", "text", "explanation", "correction", "why", "note", "definition", "name",
             "description", "printed", "label", "term", "comment", "publisher", "byline", "container-title",
             "act", "genre", "quote", "given", "family", "literal", "affiliation", "aliases", "keywords",
             "differences", "paper_label"}


def poison(value, key: str = ""):
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(v, key) for v in value]
    if isinstance(value, str) and key in ("term", "also", "paper_label"):
        return f"{value[:20]} {SHORT_PAYLOAD}"  # glossary terms: short, no brackets
    if isinstance(value, str) and key in FREE_TEXT:
        return f"{value[:20]} {PAYLOAD}"  # within the 300 characters of the shortest text fields
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = project_without_data(tmp_path_factory.mktemp("hostile"))
    for path in VALID.rglob("*.yaml"):
        rel = path.relative_to(VALID)
        data = poison(load_file(path, str(rel)).data)
        target = project / "data" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    # Nav entries name the real paper's sections; the fixture has others.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").unlink()
    (project / "mkdocs.yml").write_text(config[: config.index("\nnav:")] + "\n", encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "companion", "check", "--data", str(project / "data")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout  # hostile text is allowed: it must be made inert, not refused
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


def test_no_element_or_attribute_from_data_can_run_code(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
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
        assert not soup.find_all(["iframe", "object", "embed"]), where
        for img in soup.find_all("img"):
            assert img.get("src") != "x", where
        for script in soup.find_all("script"):
            # Scripts come from the theme and from us; data may only appear inside JSON, escaped.
            kind = script.get("type", "")
            if kind in ("application/json", "application/ld+json"):
                assert "<" not in script.text, where
            else:
                assert "alert(" not in script.text and "evil.example" not in script.text, \
                    f"{where}: data inside a script: {script.text[:80]}"


def test_the_hostile_text_is_shown_as_text(hostile_site):
    page = BeautifulSoup((hostile_site / "cases" / "example-case-2020" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    text = page.select_one("article").get_text()
    assert '<script>alert("x")</script>' in text
    assert "[click](javascript:alert(1))" in text
    assert "{: onclick=" in text
