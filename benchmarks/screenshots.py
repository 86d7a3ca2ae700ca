"""Screenshots of every page type at desktop and phone widths, for the README (docs/screenshots/).

    .venv/bin/python benchmarks/screenshots.py
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / ".github" / "screenshots"
PAGES = {"home": "/", "section": "/paper/challenges/", "claim": "/paper/challenges/#c18", "references": "/references/",
         "threats": "/threats/", "threat": "/threats/espionage/", "explorer": "/cases/",
         "case": "/cases/bundestag-hack-2015/", "timeline": "/cases/timeline/", "matrix": "/cases/matrix/",
         "actor": "/actors/de/", "norm": "/norms/vcdr-art-24/", "glossary": "/glossary/"}
SIZES = {"desktop": (1280, 900), "phone": (375, 740)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> int:
    site = Path(tempfile.mkdtemp(prefix="screens-"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env,
                   check=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    OUT.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
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
    server.shutdown()
    shutil.rmtree(site, ignore_errors=True)
    print(f"Wrote {len(PAGES) * len(SIZES)} screenshots to {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
