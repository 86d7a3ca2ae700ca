"""What a reader's first search costs: bytes fetched (gzip) and seconds until the first result shows.

    .venv/bin/python benchmarks/search_cost.py SITE_DIR [QUERY] [--throttle 4]

Serves a built site (gzip, as static hosts do), opens its home page in Chromium with the CPU slowed
down as Lighthouse's mobile test does (4x), focuses the search box and types the query at once:
the worst case, as Pagefind has to start too. Counts every response the search needed (Pagefind's
script, its WebAssembly, the index chunks and the result fragments), and the time from the last
keystroke to the first result.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from served_site import serving


def first_search(site: Path, query: str = "attribution", throttle: float = 4, browser=None) -> dict[str, float]:
    """Serve ``site`` and measure a first search; ``browser`` is a Playwright browser to use (the tests
    pass theirs), or else Debian's Chromium is started for it."""
    if browser is not None:
        return _measure(browser, site, query, throttle)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        own = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            return _measure(own, site, query, throttle)
        finally:
            own.close()


def _measure(browser, site: Path, query: str, throttle: float) -> dict[str, float]:
    with serving(site, gzip=True) as base:
        context = browser.new_context(viewport={"width": 412, "height": 823})
        page = context.new_page()
        page.goto(base + "/", wait_until="networkidle")
        sizes: dict[str, int] = {}

        def record(response) -> None:
            try:
                sizes[response.url] = int(response.header_value("content-length") or len(response.body()))
            except Exception:  # a response without a body (a redirect)
                sizes[response.url] = 0

        page.on("response", record)
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        box = page.locator("input.md-search__input")
        if not box.is_visible():
            page.locator("label[for='__search']").first.click()
        box.focus()
        box.fill(query)
        typed = time.perf_counter()
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        seconds = time.perf_counter() - typed
        page.wait_for_load_state("networkidle")
        context.close()
    searched = {url: size for url, size in sizes.items() if "/pagefind/" in url or "search_index" in url}
    return {"first search KB gz": round(sum(searched.values()) / 1024, 1), "first search requests": len(searched),
            "first result s": round(seconds, 2)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("query", nargs="?", default="attribution")
    parser.add_argument("--throttle", type=float, default=4)
    args = parser.parse_args()
    print(json.dumps(first_search(args.site, args.query, args.throttle)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
