"""`new-case`: start a case file from data/cases/_template.yaml."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

PLACEHOLDER = re.compile(r"FILL[ -]IN")


def slug(title: str) -> str:
    """'Hack of the Bundestag (2015)' -> 'hack-of-the-bundestag-2015'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_title)
    result = ""
    for word in words:
        if len(result) + len(word) + 1 > 70:
            break
        result = f"{result}-{word}" if result else word
    return result


def from_template(template: str, title: str, case_id: str, today: dt.date) -> str:
    """The template with the id, title and dates filled in (everything else still to do)."""
    text = template.replace("id: FILL-IN-id-2020", f"id: {case_id}", 1)
    text = text.replace("title: FILL IN the title", f"title: {json.dumps(title, ensure_ascii=False)}", 1)
    text = text.replace('created: "FILL IN"', f'created: "{today.isoformat()}"', 1)
    return text.replace('modified: "FILL IN"', f'modified: "{today.isoformat()}"', 1)


def to_do(text: str) -> list[str]:
    """'line 12: summary' for every line that still holds a placeholder (comments aside)."""
    lines, field = [], ""
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        key = re.match(r"^\s*(?:- )?([A-Za-z_]+):", line)
        if key:
            field = key.group(1)
        if PLACEHOLDER.search(line):
            lines.append(f"  line {number}: {field}")
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
