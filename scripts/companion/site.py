"""What the build needs to know about the site itself, read at the edge: name, URL, version, dates.

The version lives in pyproject.toml (tests check that mkdocs.yml's extra.version and the
newest CHANGELOG entry agree with it); each page's last-changed date comes from git.
"""

from __future__ import annotations

import ipaddress
import re
import subprocess
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .citation import Site


def site_from_config(config: Mapping[str, Any]) -> Site:
    """The site's name, address, version and release date, from MkDocs' configuration."""
    extra = config.get("extra") or {}
    url = config.get("site_url") or "http://127.0.0.1:8000/"
    return Site(name=config["site_name"], url=url if url.endswith("/") else url + "/",
                version=str(extra.get("version", "")), released=str(extra.get("released", "")),
                license=str(extra.get("license", "")), license_url=str(extra.get("license_url", "")))


def load_site(root: Path) -> Site:
    """The same, for commands that run without MkDocs building (render, benchmarks): mkdocs.yml read by
    MkDocs' own loader, so that !ENV and every other setting mean what they mean in a build."""
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    return replace(site_from_config(config), directory_urls=config.use_directory_urls)



def is_local_address(url: str) -> bool:
    """Whether an address points at the machine the site was built on (a preview's), not a published one."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def local_address_refusal(site_url: str, *, serving: bool, local: bool) -> str | None:
    """Why a build must not go on, if it would publish pages whose canonical links and citations name this
    machine (site_url left at its default): None for a preview (`mkdocs serve`), for a build said to be
    local (LOCAL_BUILD=true, or the offline copy) and for a published address."""
    if serving or local or not is_local_address(site_url):
        return None
    return (f"site_url is {site_url}, this machine's address, so canonical links and citations would point "
            "there: set SITE_URL to the address the site is published at (SITE_URL=https://example.org/companion/ "
            "mkdocs build), or LOCAL_BUILD=true for a copy to read on this machine")


# The files pages are made from: data, hand-written pages, and the top-level Markdown files they include.
PAGE_SOURCES = ("data", "docs", ":(glob)*.md")


def last_changed(root: Path, folders: tuple[str, ...] = PAGE_SOURCES) -> dict[str, str]:
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
