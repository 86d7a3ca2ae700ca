"""Turn data text into Markdown that shows exactly that text and can do nothing else.

Free text in the data is plain text. Every character Markdown or HTML could act on
(emphasis, links, code, raw HTML, entities, attribute lists, table pipes) becomes a
numeric character reference, which the browser shows as the character itself. Links and
markup on a page come only from the renderer, never from data.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import quote

from ..problems import BuildError

# Characters that start Markdown or HTML constructs in the middle of a line with the
# extensions this site enables (attr_list, abbr, tables, footnotes, admonitions).
_ACTIVE = frozenset("\\`*_{}[]<>&|!#")
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BLOCK_START = re.compile(r"[#>:=~+-]|[*](?:\s|$)|[0-9]+[.)](?:\s|$)")


def _ref(char: str) -> str:
    return f"&#{ord(char)};"


_AS_REFERENCES = str.maketrans({char: _ref(char) for char in _ACTIVE})


def inline(text: str, block_start: bool = True) -> str:
    """One line of inert Markdown showing ``text`` (whitespace collapsed).

    ``block_start=False`` for text that follows a marker on its line (a heading's '# '): there it
    cannot open a block, and an escaped first character would show in the theme's ARIA labels.
    """
    line = _WHITESPACE.sub(" ", text).strip()
    escaped = line.translate(_AS_REFERENCES)
    # Text must not open a block (heading, list, quote, definition, setext line) where it starts a line.
    if block_start and _BLOCK_START.match(escaped):
        escaped = _ref(escaped[0]) + escaped[1:]
    return escaped


_TAG = re.compile(r"(<[^>]*>)")


def inert_html(fragment: str) -> str:
    """HTML from a trusted formatter (the CSL processor), safe to place inside Markdown.

    Its tags stay; in its text, every character Markdown could act on becomes a character
    reference, so a title holding "[x](javascript:…)" cannot turn into a link.
    """
    parts = _TAG.split(fragment)
    return "".join(part if part.startswith("<") else
                   "".join(_ref(c) if c in _ACTIVE and c not in "&<>" else c for c in part)
                   for part in parts)


def paragraphs(text: str) -> str:
    """Blank-line separated paragraphs of inert Markdown."""
    return "\n\n".join(inline(p) for p in _BLANK_LINE.split(text.strip()) if p.strip())


def quoted(text: str) -> str:
    """The paper's words, inline, in typographic quotation marks."""
    return f"“{inline(text)}”"


def url(address: str) -> str:
    """A schema-checked http(s) address, made safe inside a Markdown link destination.

    The schema refuses any other scheme; this refuses it again, so that no javascript: or data:
    address can become a link even if the schema were changed."""
    if not _WEB_ADDRESS.match(address):
        raise BuildError(f"not an http(s) address, so it is not linked: {address[:80]!r}")
    return quote(address, safe="/:?#[]@!$&'*+,;=%~-._")


_WEB_ADDRESS = re.compile(r"https?://[^\s/?#@]+(?:[/?#]|\Z)")


def external(label: str, address: str) -> str:
    return f"[{inline(label)}](<{url(address)}>)"


def attribute(text: str) -> str:
    """Text for an HTML attribute value (in front matter or raw HTML)."""
    return html.escape(_WHITESPACE.sub(" ", text).strip(), quote=True)


def tooltip(text: str) -> str:
    """Text for a Markdown abbreviation's definition, which becomes an element's ``title``.

    Material's ``content.tooltips`` shows a title by assigning it to ``innerHTML``, after the browser
    has already decoded the attribute: a definition holding "<img onerror=…>", or "&lt;img …&gt;",
    would run. Escaped twice (Markdown keeps entities in attributes as they are), the attribute
    decodes to escaped text, which ``innerHTML`` shows as exactly the definition.
    """
    once = html.escape(_WHITESPACE.sub(" ", text).strip(), quote=False)
    return html.escape(once, quote=False)


def json_for_script(data: object) -> str:
    """JSON that cannot end a <script> element or start markup inside it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# What YAML may hold unescaped (its "printable" set); MkDocs drops front matter it cannot parse and
# shows it as page text, so anything else is written as an escape.
_NOT_YAML_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_string(text: str) -> str:
    """A double-quoted YAML string holding exactly ``text``, whatever characters it has."""
    quoted = json.dumps(text, ensure_ascii=False)  # JSON strings are YAML: nothing can change the structure
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def front_matter(*, hide: tuple[str, ...] = (), jsonld: dict[str, Any] | None = None, **fields: str) -> str:
    """YAML front matter; JSON strings are valid YAML, so nothing in them can change its structure.

    Values are HTML-escaped, because Material writes them into attributes as they are.
    ``hide`` names parts of Material's layout to leave out (e.g. 'toc' for a wide table);
    ``jsonld`` becomes the page's JSON-LD script (see overrides/main.html).
    """
    lines = [f"{key}: {yaml_string(attribute(value))}" for key, value in fields.items()]
    if hide:
        lines.append(f"hide: {json.dumps(list(hide))}")
    if jsonld:
        lines.append(f"jsonld: {yaml_string(json_for_script(jsonld))}")
    body = "\n".join(lines)
    return f"---\n{body}\n---\n"


def with_front_matter(markdown: str, jsonld: dict[str, Any] | None = None, **fields: str) -> str:
    """Add fields to a page's front matter (or give it one)."""
    block = front_matter(jsonld=jsonld, **fields)  # type: ignore[arg-type]  # no field is called 'hide'
    if markdown.startswith("---\n"):
        return block.removesuffix("---\n") + markdown.removeprefix("---\n")
    return block + "\n" + markdown


def heading(level: int, text: str, anchor: str = "", classes: str = "", search_weight: int = 0) -> str:
    """A Markdown heading; ``search_weight`` ranks its words higher in the search index (Pagefind)."""
    attrs = " ".join(filter(None, [f"#{anchor}" if anchor else "", *(f".{c}" for c in classes.split()),
                                   f'data-pagefind-weight="{search_weight}"' if search_weight else ""]))
    return f"{'#' * level} {inline(text, block_start=False)}" + (f" {{ {attrs} }}" if attrs else "")


def badge(label: str, kind: str) -> str:
    """A small label; ``kind`` is a fixed word from the renderer (a verdict or status), never data."""
    return f'<span class="badge badge--{kind}">{html.escape(label)}</span>'


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from cells that are already inert Markdown."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)
