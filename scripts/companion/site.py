"""What the build needs to know about the site itself, read at the edge: name, URL, version, dates.

The version lives in pyproject.toml (tests check that mkdocs.yml's extra.version and the
newest CHANGELOG entry agree with it); each page's last-changed date comes from git, and so does
the edition a build is (a tag vX.Y.Z at HEAD), unless COMPANION_EDITION says.
"""

from __future__ import annotations

import ipaddress
import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .citation import Site
from .editions import EDITION_VARIABLE, newest_first, version_of_tag


def site_from_config(config: Mapping[str, Any]) -> Site:
    """The site's name, address, version and release date, from MkDocs' configuration."""
    extra = config.get("extra") or {}
    url = config.get("site_url") or "http://127.0.0.1:8000/"
    version = extra.get("version", "")
    if isinstance(version, Mapping):  # Material's versioning settings, as the plugin sets them for an edition
        version = version.get("number", "")
    return Site(name=config["site_name"], url=url if url.endswith("/") else url + "/",
                version=str(version), released=str(extra.get("released", "")),
                license=str(extra.get("license", "")), license_url=str(extra.get("license_url", "")))


def load_site(root: Path) -> Site:
    """The same, for commands that run without MkDocs building (render, benchmarks): mkdocs.yml read by
    MkDocs' own loader, so that !ENV and every other setting mean what they mean in a build."""
    from mkdocs.config import load_config

    return configured_site(load_config(str(root / "mkdocs.yml")), root)


def configured_site(config: Any, root: Path) -> Site:
    """The site as a loaded MkDocs configuration describes it, with the edition the build is
    (COMPANION_EDITION, else a tag vX.Y.Z at HEAD). Raises ValueError if that cannot be."""
    site = replace(site_from_config(config), directory_urls=config.use_directory_urls)
    return with_edition(site, *editions_in_git(root), os.environ.get(EDITION_VARIABLE))


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


def editions_in_git(root: Path) -> tuple[str, str]:
    """(the edition HEAD is, if it is exactly at a tag vX.Y.Z and no tracked file differs from it; the newest
    edition tagged), each "" if there is none or root is not a git checkout."""
    try:
        def git(*args: str) -> str:
            return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60,
                                  check=True).stdout
        tags = git("tag", "--list", "v*").split()
        at_head = git("tag", "--points-at", "HEAD", "--list", "v*").split()
        changed = git("status", "--porcelain", "--untracked-files=no").strip() if at_head else ""
    except (OSError, subprocess.SubprocessError):
        return "", ""
    newest = newest_first(v for v in map(version_of_tag, tags) if v)
    here = newest_first(v for v in map(version_of_tag, at_head) if v)
    return (here[0] if here and not changed else ""), (newest[0] if newest else "")


def with_edition(site: Site, at_head: str, newest: str, declared: str | None) -> Site:
    """The site with the edition its pages belong to: ``declared`` (COMPANION_EDITION, which the editions
    builder sets; empty says "none") or else the tag at HEAD. A build published as an edition has its address
    under the latest's, <latest>X.Y.Z/. Raises ValueError if the edition cannot be this build's."""
    edition = at_head if declared is None else declared.strip()
    if edition and version_of_tag("v" + edition) is None:
        raise ValueError(f"{EDITION_VARIABLE}={declared!r} is not an edition: give a version such as 1.2.0, "
                         "or leave it empty for a build that is no edition")
    if edition and edition != site.version:
        why = f"{EDITION_VARIABLE} says so" if declared is not None else f"HEAD is at the tag v{edition}"
        raise ValueError(f"this build is edition {edition} ({why}), but mkdocs.yml's extra.version is "
                         f"{site.version or 'not set'}: a release sets the version (pyproject.toml, mkdocs.yml, "
                         "CITATION.cff, CHANGELOG.md) before it is tagged")
    suffix = f"/{edition}/"
    latest = site.url[: -len(suffix) + 1] if edition and site.url.endswith(suffix) else ""
    # An edition's pages never name a newer edition: they are built once and must stay as built.
    return replace(site, edition=edition, latest_url=latest, newest_edition="" if edition else newest)


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
