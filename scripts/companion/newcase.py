"""`new-case`: start a case file from data/cases/_template.yaml."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

PLACEHOLDER = re.compile(r"FILL[ -]IN")


# Words that say little about which case it is; the house style keeps one to three telling words
# and the year: 'NotPetya (June 2017), its attribution…' -> notpetya-2017.
_FILLER = frozenset({
    "a", "an", "and", "at", "by", "during", "for", "from", "in", "into", "its", "of", "on", "or", "over",
    "the", "to", "with", "against", "between", "after", "before", "since", "under", "via", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
})
_YEAR = re.compile(r"\b(19[0-9]{2}|20[0-9]{2})\b")
PERMANENT = ("Ids are permanent once released: the page's address /cases/<id>/ never changes, so if you want "
             "another id, rename the file and its 'id:' line now (lower-case words and the year, e.g. notpetya-2017).")


def slug(title: str) -> str:
    """A short id in house style: up to three telling words of the title's first part, then its year.

    'Hack of the German Bundestag (2015) and the EU sanctions of 2020' -> 'hack-german-bundestag-2015'.
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    year = _YEAR.search(ascii_title)
    head = re.split(r"[(,:;]| and ", ascii_title, maxsplit=1)[0]
    words = [w for w in re.findall(r"[a-z0-9]+", head) if w not in _FILLER and not _YEAR.fullmatch(w)]
    if not words:  # a title that starts with its parenthesis or is all filler: take what there is
        words = [w for w in re.findall(r"[a-z0-9]+", ascii_title) if not _YEAR.fullmatch(w)]
    return "-".join([*words[:3], *([year.group(1)] if year else [])])


def similar_cases(title: str, new_file: Path, cases: Path) -> list[tuple[Path, str]]:
    """Existing cases whose title is the same as or close to ``title`` (a case may already be there)."""
    from difflib import SequenceMatcher

    from .loader import LoadError, load_file

    wanted = title.casefold()
    found = []
    for path in sorted(cases.glob("*.yaml")):
        if path == new_file or path.name.startswith("_"):
            continue
        try:
            data = load_file(path, path.name).data
        except LoadError:
            continue
        other = data.get("title") if isinstance(data, dict) else None
        if isinstance(other, str) and (other.casefold() == wanted or
                                       SequenceMatcher(None, other.casefold(), wanted).ratio() >= 0.8):
            found.append((path, other))
    return found


def from_template(template: str, title: str, case_id: str, today: dt.date) -> str:
    """The template with the id, title and dates filled in (everything else still to do)."""
    text = template.replace("id: FILL-IN-id-2020", f"id: {case_id}", 1)
    text = text.replace("title: FILL IN the title", f"title: {json.dumps(title, ensure_ascii=False)}", 1)
    text = text.replace('created: "FILL IN"', f'created: "{today.isoformat()}"', 1)
    text = text.replace('modified: "FILL IN"', f'modified: "{today.isoformat()}"', 1)
    first_check = '  - date: "FILL IN"\n    reader: author'
    return text.replace(first_check, first_check.replace("FILL IN", today.isoformat()), 1)


def to_do(text: str) -> list[str]:
    """'line 12: summary' for every line that still holds a placeholder (comments aside)."""
    lines, field, field_line = [], "", 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        key = re.match(r"^\s*(?:- )?([A-Za-z_]+):", line)
        if key:
            field, field_line = key.group(1), number
        if PLACEHOLDER.search(line):
            # A block of text continues below its key: name the key's line, as `check` does.
            lines.append(f"  line {field_line if not key else number}: {field}")
    return lines


def new_case(title: str, cases: Path, today: dt.date) -> tuple[Path, str]:
    case_id = slug(title)
    if not case_id:
        raise ValueError("the title has no letters or digits to make an id from")
    target = cases / f"{case_id}.yaml"
    if target.exists():
        raise FileExistsError(f"{target} already exists: edit it, or choose another title")
    text = from_template((cases / "_template.yaml").read_text(encoding="utf-8"), title, case_id, today)
    return target, text
