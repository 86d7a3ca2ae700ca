"""The offline copy works opened from disk (file://): links between pages, pictures and search."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import search_results

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("offline")
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


def test_offline_copy_links_and_searches_from_disk(page, offline_site):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_site / "cases" / "timeline.html").as_uri())
    page.locator("svg.timeline a rect").first.click()
    page.wait_for_load_state()
    assert page.url.startswith((offline_site / "cases").as_uri()) and page.url.endswith(".html")
    assert page.locator("h1").count() == 1
    page.goto((offline_site / "index.html").as_uri())
    results = search_results(page, "Riksdag")  # named in the Swedish case and in section 4's claims
    found = {href.split("#")[0].split("?")[0].rsplit("/", 1)[-1] for href in
             results.evaluate_all("links => links.map(a => a.getAttribute('href'))")}
    assert "sweden-nato-disinformation-2014.html" in found, found
    assert [url for url in requests if not url.startswith(("file://", "data:", "blob:"))] == []
