"""Paths and constants the tests share (importable as `support`; conftest modules are not for importing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid" / "data"
# The fixture data's dates are checked against this day, so the tests never depend on today.
FIXTURE_TODAY = dt.date(2026, 1, 1)
