"""Shared fixtures: a writable copy of the small valid data set, the built site, the hostile site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from companion.pipeline import check_data
from support import ROOT, VALID, hostile_project


@pytest.fixture(scope="session", autouse=True)
def _cache_in_a_temporary_folder(tmp_path_factory):
    """Builds run by the tests keep their results (cache.py) in a folder of this session only."""
    os.environ["COMPANION_CACHE"] = str(tmp_path_factory.mktemp("companion-cache"))


@pytest.fixture(scope="session")
def model():
    """The model of the repository's own data (checked clean)."""
    checked = check_data(ROOT / "data")
    assert checked.ok, [p.text() for p in checked.problems]
    return checked.model


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the valid fixture data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The repository's own site, built once per test run with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    # LOCAL_BUILD: read here, at the default local address (a build for publishing refuses it).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "LOCAL_BUILD": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    # --strict lets some link warnings through (it did for links from the downloads page).
    assert "WARNING" not in result.stderr, result.stderr
    return out


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The fixture data with a payload in every free-text field, checked and built with MkDocs."""
    project = hostile_project(tmp_path_factory.mktemp("hostile"))
    check = subprocess.run([sys.executable, "-m", "companion", "check", "--data", str(project / "data")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout  # hostile text is allowed: it must be made inert, not refused
    site = project / "site"
    # Built as the editions builder builds the latest site (COMPANION_EDITIONS): its pages then load the
    # editions' script, whose handling of a hostile versions.json is tested too.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "LOCAL_BUILD": "true",
           "COMPANION_EDITIONS": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


def pytest_collection_modifyitems(items):
    """Everything under tests/browser/ is in the browser tier (see the markers in pyproject.toml)."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def throwaway_editions(tmp_path_factory) -> tuple[Path, Path]:
    """(a throwaway repository with the editions 1.0.0 and 1.1.0 and a newer HEAD, the folder its editions
    were built into): built once, with this Python's packages, for a site read on this machine."""
    from support import build_editions, throwaway_repository

    repo = throwaway_repository(tmp_path_factory.mktemp("editions-repo"))
    out = tmp_path_factory.mktemp("editions-out") / "site"
    done = build_editions(repo, out, "--same-environment", "--local")
    assert done.returncode == 0, done.stderr
    return repo, out


@pytest.fixture(scope="session")
def released_repository(tmp_path_factory) -> Path:
    """This repository's HEAD with the tags of every released edition (tests/support.py)."""
    from support import clone_with_released_tags

    return clone_with_released_tags(tmp_path_factory.mktemp("released") / "repo")
