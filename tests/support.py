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
