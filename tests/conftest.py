"""Shared fixtures: a writable copy of the small valid data set."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from companion.pipeline import check_data
from support import ROOT, VALID


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
