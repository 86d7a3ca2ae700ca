"""Paths and constants the tests share (importable as `support`; conftest modules are not for importing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from companion.citation import Site

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid" / "data"
# The fixture data's dates are checked against this day, so the tests never depend on today.
FIXTURE_TODAY = dt.date(2026, 1, 1)
# The site as the fixture pages are rendered for: fixed, so golden pages never change with the real site.
FIXTURE_SITE = Site(name="Example Companion", url="https://example.org/companion/", version="9.9.9",
                    released="2025-12-01")


def project_without_data(target: Path) -> Path:
    """A project folder that shares everything with this one but its data/ (for breaking data safely)."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in ROOT.iterdir():
        if entry.name not in ("data", "site", "build", ".git") and not entry.name.startswith(".venv"):
            (target / entry.name).symlink_to(entry)
    return target


# --- hostile data ------------------------------------------------------------------------------
# What an attacker's pull request could put in any free-text field. Each would run script or fetch
# from another host if it were interpreted; each must come out as the text it is. They set
# window.__pwned, so a browser test can tell whether anything ran.
INERT_PAYLOADS = {
    "raw-tags": '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
    "entity-encoded": '&lt;img src=x onerror="window.__pwned=1"&gt;',
    "markdown": "[a](javascript:window.__pwned=1)<https://evil.example>",
    "attr-list": '{: onclick="window.__pwned=1" }',
    "svg": "<svg onload=window.__pwned=1>",
    "jinja": "{{ config.site_name }}{% raw %}",
}
PAYLOAD = "".join(INERT_PAYLOADS.values())
# Glossary terms and the paper's labels: short, and never square brackets (their schema says so).
TERM_PAYLOADS = ["<img src=x onerror=window.__pwned=1>", "&lt;img src=x onerror=window.__pwned=1&gt;"]

# Free text is a string with no fixed form: no enum, no format, and no pattern but "one line".
_FREE_TEXT_PATTERNS = {"^[^\\n]+$", "^[^\\s\\[\\]\\\\]([^\\[\\]\\\\\\n]*[^\\s\\[\\]\\\\])?$"}


def free_text_fields(schema: dict, path: tuple = ()) -> set[tuple]:
    """Paths of every free-text field a schema allows ('[]' for any list item)."""
    found: set[tuple] = set()
    if not isinstance(schema, dict):
        return found
    if (schema.get("type") == "string" and not {"enum", "const", "format"} & set(schema)
            and schema.get("pattern", "^[^\\n]+$") in _FREE_TEXT_PATTERNS):
        found.add(path)
    for name, sub in schema.get("properties", {}).items():
        found |= free_text_fields(sub, (*path, name))
    if isinstance(schema.get("items"), dict):
        found |= free_text_fields(schema["items"], (*path, "[]"))
    for key in ("allOf", "oneOf", "anyOf"):
        for sub in schema.get(key, ()):
            found |= free_text_fields(sub, path)
    return found


def text_values(data, path: tuple = ()):
    """(path with '[]' for list items, exact path, value) of every string in a document."""
    if isinstance(data, dict):
        for key, value in data.items():
            for shape, exact, text in text_values(value, (*path, key)):
                yield shape, exact, text
    elif isinstance(data, list):
        for index, value in enumerate(data):
            for shape, exact, text in text_values(value, (*path, index)):
                yield ((*shape[:len(path)], "[]", *shape[len(path) + 1:])), exact, text
    elif isinstance(data, str):
        yield tuple(path), tuple(path), data


def poisoned(data, fields: set[tuple]):
    """``data`` with a payload after the first 20 characters of every value in a free-text field."""
    import copy

    data = copy.deepcopy(data)
    for shape, exact, value in list(text_values(data)):
        if shape not in fields:
            continue
        key = exact[-1] if not isinstance(exact[-1], int) else exact[-2]
        if key in ("term", "also", "paper_label"):
            payload = TERM_PAYLOADS[exact[-1] % 2 if isinstance(exact[-1], int) else 0]
        else:
            payload = PAYLOAD
        set_at(data, exact, f"{value[:20]} {payload}")
    return data


def set_at(data, path: tuple, value) -> None:
    """Replace the value at ``path`` (keys and list indexes) inside ``data``."""
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def schema_of(relative: str) -> str:
    """The schema file a data file (path relative to data/) is checked against."""
    from companion.pipeline import folders, single_files

    return single_files().get(relative) or folders()[relative.split("/")[0]][0]


def hostile_project(target: Path) -> Path:
    """A project whose data is the valid fixture's, poisoned in every free-text field."""
    import yaml

    from companion import schema
    from companion.loader import load_file

    project = project_without_data(target)
    for path in VALID.rglob("*.yaml"):
        relative = path.relative_to(VALID).as_posix()
        fields = free_text_fields(schema.validator(schema_of(relative)).schema)
        data = poisoned(load_file(path, relative).data, fields)
        if relative == "glossary.yaml":
            # The attack as found: a plain word as a spelling carries the poisoned definition to every page.
            data["terms"][0]["also"].append("the")
        out = project / "data" / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    write_config_for_fixture(project)
    return project


def write_config_for_fixture(project: Path, *, redirects: str = "{}") -> None:
    """The project's mkdocs.yml without its nav (which names the real paper's sections; the fixture
    has others), with ``redirects`` as the redirect map."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").unlink()
    (project / "mkdocs.yml").write_text(
        config[: config.index("\nnav:")].replace("redirect_maps: {}", f"redirect_maps: {redirects}") + "\n",
        encoding="utf-8")
