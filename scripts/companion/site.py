"""What the build needs to know about the site itself, read at the edge: name, URL, version, dates.

The version lives in pyproject.toml (tests check that mkdocs.yml's extra.version and the
newest CHANGELOG entry agree with it); each page's last-changed date comes from git.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import yaml

from .citation import Site

ROOT = Path(__file__).resolve().parents[2]


class _MkDocsLoader(yaml.SafeLoader):
    """Enough of MkDocs' YAML to read mkdocs.yml: !ENV [NAME, default] and unknown tags as plain values."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if os.environ.get(name):
            return os.environ[name]
    return values[-1] if len(values) > 1 else ""


_MkDocsLoader.add_constructor("!ENV", _env)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_site(root: Path = ROOT) -> Site:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    extra = config.get("extra") or {}
    url = config.get("site_url") or "http://127.0.0.1:8000/"
    return Site(name=config["site_name"], url=url if url.endswith("/") else url + "/",
                version=str(extra.get("version", "")), released=str(extra.get("released", "")))


def last_changed(root: Path = ROOT, folders: tuple[str, ...] = ("data", "docs")) -> dict[str, str]:
    """{repository-relative path: YYYY-MM-DD of the last commit that touched it}, from one git call.

    Outside a git checkout, or for files not committed yet, the map is simply missing them.
    """
    try:
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", *folders], cwd=root,
                             capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    for block in log.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if not lines or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", lines[0]):
            continue
        for path in lines[1:]:
            dates.setdefault(path.strip(), lines[0])
    return dates
