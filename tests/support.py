"""Paths and constants the tests share (importable as `support`; conftest modules are not for importing)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
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


# --- editions ----------------------------------------------------------------------------------------------
# A throwaway repository made from this working tree, with two editions and a newer, untagged HEAD:
# v1.0.0, v1.1.0 (a case's wording changed, a page deleted) and HEAD (the wording changed again).
EDITION_WORDING = {"1.0.0": "Wording of edition one.", "1.1.0": "Wording of edition two.",
                   "HEAD": "Wording not yet released."}
GONE_PAGE = "old-note"  # docs/old-note.md: in edition 1.0.0 only


def edited_case(repo: Path) -> str:
    """The id of the case whose wording each version of the throwaway repository changes."""
    return sorted(p.stem for p in (repo / "data" / "cases").glob("*.yaml") if not p.stem.startswith("_"))[0]


def throwaway_repository(target: Path) -> Path:
    """The tracked (and new, not ignored) files of this working tree in a new git repository, with the tags
    v1.0.0 and v1.1.0 and one commit after them; commit dates are fixed."""
    import re
    import shutil
    import subprocess

    from companion.editions import RECORD

    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, files):
        source, copy = ROOT / name, target / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree, not yet committed
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy, follow_symlinks=False)
    case = target / "data" / "cases" / f"{edited_case(target)}.yaml"
    original = case.read_text(encoding="utf-8")
    assert "\nsummary: >-\n" in original

    def git(*args: str, when: str = "2026-01-10T12:00:00Z") -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c",
                        "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args], cwd=target, env=env,
                       capture_output=True, check=True)

    def version(number: str, wording: str, when: str) -> None:
        for path, pattern in (("mkdocs.yml", r"(?m)^(  version: ).*$"), ("pyproject.toml", r'(?m)^(version = ")[^"]*'),
                              ("CITATION.cff", r"(?m)^(version: ).*$")):
            file = target / path
            file.write_text(re.sub(pattern, lambda m: m.group(1) + number, file.read_text(encoding="utf-8"), count=1),
                            encoding="utf-8")
        case.write_text(original.replace("\nsummary: >-\n", f"\nsummary: >-\n  {wording}\n", 1), encoding="utf-8")
        git("add", "--all")
        git("commit", "--quiet", "-m", f"Version {number}", when=when)

    git("init", "--quiet", "--initial-branch=main")
    # This repository's own releases are not the throwaway's: its record starts empty.
    (target / RECORD).write_text("", encoding="utf-8")
    (target / "docs" / f"{GONE_PAGE}.md").write_text("# A note of edition 1.0.0\n\nThis page is deleted in 1.1.0.\n",
                                                       encoding="utf-8")
    version("1.0.0", EDITION_WORDING["1.0.0"], "2026-01-10T12:00:00Z")
    git("tag", "-a", "v1.0.0", "-m", "Edition 1.0.0", when="2026-01-10T12:00:00Z")
    (target / "docs" / f"{GONE_PAGE}.md").unlink()
    version("1.1.0", EDITION_WORDING["1.1.0"], "2026-02-10T12:00:00Z")
    git("tag", "-a", "v1.1.0", "-m", "Edition 1.1.0", when="2026-02-10T12:00:00Z")
    version("1.1.0", EDITION_WORDING["HEAD"], "2026-03-10T12:00:00Z")
    return target


def build_editions(repo: Path, out: Path, *options: str, **env: str):
    """`python -m companion editions --out OUT` in the throwaway repository, with this Python's packages."""
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "LOCAL_BUILD", "OFFLINE")}
    return subprocess.run([sys.executable, "-m", "companion", "editions", "--out", str(out), *options], cwd=repo,
                          env={**clean, **env}, capture_output=True, text=True, timeout=1800)


def missing_addresses(site: Path, addresses: Iterable[str]) -> list[str]:
    """The released addresses (pages and anchors) that a built site no longer has, each saying what is gone."""
    missing = []
    for url in sorted(addresses):
        path, _, anchor = url.partition("#")
        target = site / path.strip("/") / "index.html"
        if not target.is_file():
            missing.append(f"{url}: the page is gone (declare a redirect in mkdocs.yml)")
        elif anchor and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
            missing.append(f"{url}: the anchor is gone (ids are kept forever)")
    return missing


def clone_with_released_tags(target: Path) -> Path:
    """A clone of this repository's HEAD with every released edition's tag, as tests/released-editions.txt
    records it: a clone that did not fetch the tags (as CI's may not) gets them made from the record. A tag
    here that names another commit than the record fails the test: an edition never changes."""
    import subprocess

    from companion import editions

    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "tag.gpgsign=false", *args], cwd=target, capture_output=True, text=True,
                              check=True).stdout

    record = editions.read_record((ROOT / editions.RECORD).read_text(encoding="utf-8"))
    tagged = editions.list_editions(ROOT)
    present = {e.tag for e in tagged}
    moved = editions.disagreements(tagged, {tag: commit for tag, commit in record.items() if tag in present})
    assert not moved, moved
    subprocess.run(["git", "clone", "--quiet", "--shared", str(ROOT), str(target)], capture_output=True, check=True)
    for tag, commit in record.items():
        if not git("tag", "--list", tag).strip():
            git("tag", tag, commit)
    return target
