"""Lighthouse (mobile) on the built site, served on 127.0.0.1: prints a table and writes JSON.

    .venv/bin/python benchmarks/lighthouse.py            # builds the site first
Targets (issue "Reading experience"): performance >= 95, accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
PAGES = {"home": "/", "section": "/paper/challenges/", "case": "/cases/bundestag-hack-2015/", "explorer": "/cases/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed, as any static host (GitHub Pages included) does."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, *args) -> None:
        pass


def main() -> int:
    chromium = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    site = Path(tempfile.mkdtemp(prefix="lighthouse-site-"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env,
                   check=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = {}
    try:
        for name, path in PAGES.items():
            with tempfile.TemporaryDirectory() as profile:
                report = Path(profile) / "report.json"
                subprocess.run(
                    [str(HERE / "node_modules" / ".bin" / "lighthouse"), base + path, "--quiet", "--output=json",
                     f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
                     "--form-factor=mobile",
                     f"--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run "
                     f"--disable-background-networking --disable-component-update --disable-sync "
                     f"--user-data-dir={profile}/chrome"],
                    env={**os.environ, "CHROME_PATH": chromium}, check=True, timeout=300)
                data = json.loads(report.read_text(encoding="utf-8"))
            results[name] = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
            results[name]["metrics"] = {m: data["audits"][m]["displayValue"] for m in (
                "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")}
            results[name]["transfer KB"] = round(data["audits"]["total-byte-weight"]["numericValue"] / 1024)
            results[name]["failed audits"] = sorted(
                audit_id for category in CATEGORIES for ref in data["categories"][category]["auditRefs"]
                if ref["weight"] > 0 and (audit := data["audits"][ref["id"]])["score"] is not None
                and audit["score"] < 1 and (audit_id := ref["id"]))
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)
    print(f"{'page':10} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    for name, scores in results.items():
        print(f"{name:10} " + " ".join(f"{scores[c]:>15}" for c in CATEGORIES))
        print(f"{'':10} {scores['transfer KB']} KB; " + "; ".join(f"{k} {v}" for k, v in scores["metrics"].items()))
    (HERE / "lighthouse-results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
