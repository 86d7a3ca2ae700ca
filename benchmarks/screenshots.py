"""Screenshots of every page type at desktop and phone widths, for the README (docs/screenshots/).

    .venv/bin/python benchmarks/screenshots.py
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from served_site import served_site

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / ".github" / "screenshots"
PAGES = {"home": "/", "section": "/paper/challenges/", "claim": "/paper/challenges/#c18", "references": "/references/",
         "reference": "/references/adesina2017/",
         "threats": "/threats/", "threat": "/threats/espionage/", "explorer": "/cases/",
         "case": "/cases/bundestag-hack-2015/", "law": "/cases/wikileaks-cables-2010/#the-law",
         "timeline": "/cases/timeline/", "matrix": "/cases/matrix/",
         "actor": "/actors/de/", "norm": "/norms/vcdr-art-24/", "glossary": "/glossary/"}
SIZES = {"desktop": (1280, 900), "phone": (375, 740)}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with served_site() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=size == "phone")
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(300)
                page.screenshot(path=str(OUT / f"{name}-{size}.png"))
            context.close()
        browser.close()
    print(f"Wrote {len(PAGES) * len(SIZES)} screenshots to {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
