"""Browser tests: the built site served on 127.0.0.1 and driven in Debian's Chromium by Playwright.

They fail (never skip) when Chromium is missing: CI installs it with apt-get.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("browser-site")
    # LOCAL_BUILD: read here, at the default local address (a build for publishing refuses it).
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "LOCAL_BUILD": "true"},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(directory: Path):
    """``directory`` served on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(built_site: Path):
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), (
        f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


def csp_violations(page) -> list[str]:
    """Collects, for the page's whole life, what its Content-Security-Policy blocked (Chromium reports
    each in the console): in normal use of the site there must be none."""
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    return blocked


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked = csp_violations(page)
    yield page
    context.close()
    assert blocked == [], "the page's Content-Security-Policy blocked something the site itself uses"


def search_results(page, query: str):
    """Type a query into Material's search and return the result links once they appear.

    The search worker builds its index after the page loads; on a busy machine a query typed
    before it is ready is not answered, so the query is typed again until results come.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    search = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item a")
    search.fill(query)
    for _ in range(6):
        try:
            results.first.wait_for(timeout=10_000)
            return results
        except PlaywrightTimeout:
            search.fill("")
            search.type(query)
    raise AssertionError(f"search found nothing for {query!r} within a minute")
