"""Text from data comes out of Markdown exactly as typed, with no markup and nothing that can run."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from companion.render import markup as mk

# The same extensions as mkdocs.yml (those that add syntax).
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]

NASTY = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<iframe src='https://evil.example'></iframe>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/pixel.png)",
    "<https://evil.example>",
    "**bold** _em_ `code` ~~del~~",
    "text {: onclick='alert(1)' } more",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "> not a quote",
    ": not a definition",
    "=== not a setext",
    "a | b | c",
    "&lt;script&gt; stays literal",
    "[^1] footnote and *[HTML]: abbr",
    "C# and F#",
    "ends with a backslash \\",
    "Ünïcödé — “quotes” ‘single’ – dashes",
]


def rendered(markdown_text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(markdown_text, extensions=EXTENSIONS), "html.parser")


@pytest.mark.parametrize("text", NASTY)
def test_inline_text_is_shown_as_typed_and_inert(text):
    soup = rendered("Before " + mk.inline(text))
    elements = [el.name for el in soup.find_all(True)]
    assert elements == ["p"], f"markup leaked from {text!r}: {soup}"
    assert soup.p.get_text() == "Before " + " ".join(text.split())


@pytest.mark.parametrize("text", NASTY)
def test_text_at_the_start_of_a_block_opens_no_block(text):
    soup = rendered(mk.paragraphs(text))
    assert [el.name for el in soup.find_all(True)] == ["p"]
    assert soup.p.get_text() == " ".join(text.split())


@pytest.mark.parametrize("text", NASTY)
def test_text_in_headings_and_table_cells_stays_inert(text):
    soup = rendered(mk.heading(2, text, anchor="x") + "\n\n" + mk.table(["H"], [[mk.inline(text)]]))
    assert soup.h2.get_text() == " ".join(text.split())
    assert soup.h2["id"] == "x"
    assert soup.td.get_text() == " ".join(text.split())
    assert not soup.find_all(["script", "img", "iframe", "a", "strong", "em", "code"])


def test_paragraphs_are_split_on_blank_lines():
    soup = rendered(mk.paragraphs("One\nline.\n\n  \nTwo."))
    assert [p.get_text() for p in soup.find_all("p")] == ["One line.", "Two."]


def test_external_link_keeps_its_address():
    soup = rendered(mk.external("Treaty [text]", "https://example.org/a_b?x=1&y=(2)"))
    assert soup.a["href"] == "https://example.org/a_b?x=1&y=%282%29"
    assert soup.a.get_text() == "Treaty [text]"


def test_front_matter_cannot_break_out_of_its_value():
    text = 'a "quoted" value\ntitle: injected <b>'
    block = mk.front_matter(description=text)
    import yaml

    assert yaml.safe_load(block.strip("-\n")) == {"description": 'a &quot;quoted&quot; value title: injected &lt;b&gt;'}


def test_formatter_html_keeps_its_tags_but_its_text_cannot_become_markdown():
    entry = '<em>Title [x](javascript:alert(1)) *b*</em> <a href="https://doi.org/10.1/x_y">https://doi.org/10.1/x_y</a>'
    soup = rendered(f'<div markdown>\n\n<p class="citation">{mk.inert_html(entry)}</p>\n\n</div>')
    assert [a["href"] for a in soup.find_all("a")] == ["https://doi.org/10.1/x_y"]
    assert soup.em.get_text() == "Title [x](javascript:alert(1)) *b*"
    assert not soup.find("strong")


def test_front_matter_holds_any_text_exactly():
    """MkDocs drops front matter it cannot parse and shows it as the page's text (U+FFFF did that)."""
    import yaml

    odd = 'a\uffff b "c" \\ d\u0085e \U0001f600 </title><script>'
    block = mk.front_matter(title=odd)
    parsed = yaml.safe_load(block.strip("-\n"))
    assert parsed["title"] == mk.attribute(odd)


def test_only_web_addresses_become_links():
    import pytest

    from companion.problems import BuildError

    assert mk.external("x", "https://example.org/a b") == "[x](<https://example.org/a%20b>)"
    for address in ("javascript:alert(1)", "data:text/html,x", "JAVASCRIPT:x", "//evil.example/", "https://"):
        with pytest.raises(BuildError):
            mk.url(address)


@pytest.mark.parametrize("char", sorted(mk._ACTIVE))
def test_each_active_character_alone_is_shown_as_itself(char):
    """Each character Markdown or HTML could act on, on its own (not only '<' together with '>')."""
    text = f"a {char} b {char}{char}c"
    html = markdown.markdown(mk.inline(text), extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.get_text() == text
    assert [tag.name for tag in soup.find_all(True)] == ["p"]


@pytest.mark.parametrize("definition", ['<img src=x onerror="window.__pwned=1">', "&lt;img src=x&gt; R&D",
                                        "plain words"])
def test_a_tooltip_holds_no_markup_once_the_browser_has_read_it(definition):
    """Material shows an abbreviation's title with innerHTML, after the browser has decoded the attribute:
    the decoded title must be escaped text, which innerHTML then shows as exactly the definition."""
    import html

    page = markdown.markdown(f"APT here.\n\n*[APT]: {mk.tooltip(definition)}\n", extensions=EXTENSIONS)
    title = BeautifulSoup(page, "html.parser").abbr["title"]  # as the browser decodes it
    assert "<" not in title
    assert html.unescape(title) == definition  # what innerHTML shows


def test_json_for_a_script_cannot_end_it_or_start_markup():
    import json

    data = {"name": "</script><script>window.__pwned=1</script>", "amp": "&lt;b&gt;"}
    text = mk.json_for_script(data)
    assert not set(text) & set("<>&")
    assert json.loads(text) == data
