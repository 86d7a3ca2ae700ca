"""Shared fixtures: the repository's paths and a writable copy of the small valid data set."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid" / "data"
# The fixture data's dates are checked against this day, so the tests never depend on today.
FIXTURE_TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the valid fixture data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target
