"""Shared fixtures: a writable copy of the small valid data set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import VALID


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the valid fixture data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target
