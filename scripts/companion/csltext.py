"""CSL-JSON's rich-text marks in titles, and how each export format carries them."""

from __future__ import annotations

import re

_NOCASE = re.compile(r'<span class="nocase">(.*?)</span>')


def nocase(text: str) -> str:
    """CSL-JSON's mark for text that no style may change the case of (Chicago's title case would
    otherwise print the claim id "c21" as "C21"). BibTeX braces it; plain formats drop the mark."""
    return f'<span class="nocase">{text}</span>'


def plain_title(title: str) -> str:
    """A CSL-JSON title without its case-protection marks, for formats that have none (meta tags, RIS)."""
    return _NOCASE.sub(r"\1", title)


def split_nocase(title: str) -> list[tuple[str, bool]]:
    """The title in runs of (text, case-protected?)."""
    parts = _NOCASE.split(title)
    return [(part, i % 2 == 1) for i, part in enumerate(parts) if part]
