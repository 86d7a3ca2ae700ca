"""Lighthouse (mobile) on the built site, served on 127.0.0.1: prints a table and writes JSON.

    .venv/bin/python benchmarks/lighthouse.py [--runs R]   # builds the site first; median of R runs (3)
Targets (issue "Reading experience"): performance >= 95, accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from served_site import served_site

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
PAGES = {"home": "/", "section": "/paper/challenges/", "case": "/cases/bundestag-hack-2015/", "explorer": "/cases/",
         "timeline": "/cases/timeline/", "corrections": "/corrections/", "handout": "/guides/challenges/",
         "norm": "/norms/tallinn-2-rule-4/", "references": "/references/",
         "reference": "/references/bradshaw2015/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def lighthouse(url: str, chromium: str) -> dict:
    """One Lighthouse run (mobile), in a fresh Chromium profile: the report as JSON."""
    with tempfile.TemporaryDirectory() as profile:
        report = Path(profile) / "report.json"
        subprocess.run(
            [str(HERE / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
             f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
             f"--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run "
             f"--disable-background-networking --disable-component-update --disable-sync "
             f"--user-data-dir={profile}/chrome"],
            env={**os.environ, "CHROME_PATH": chromium}, check=True, timeout=300)
        return json.loads(report.read_text(encoding="utf-8"))


def main() -> int:
    chromium = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median run is reported")
    runs = parser.parse_args().runs
    results = {}
    with served_site(gzip=True) as base:
        for name, path in PAGES.items():
            reports = [lighthouse(base + path, chromium) for _ in range(runs)]
            data = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])[len(reports) // 2]
            results[name] = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
            results[name]["metrics"] = {m: data["audits"][m]["displayValue"] for m in (
                "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")}
            results[name]["transfer KB"] = round(data["audits"]["total-byte-weight"]["numericValue"] / 1024)
            results[name]["failed audits"] = sorted(
                audit_id for category in CATEGORIES for ref in data["categories"][category]["auditRefs"]
                if ref["weight"] > 0 and (audit := data["audits"][ref["id"]])["score"] is not None
                and audit["score"] < 1 and (audit_id := ref["id"]))
    print(f"{'page':10} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    for name, scores in results.items():
        print(f"{name:10} " + " ".join(f"{scores[c]:>15}" for c in CATEGORIES))
        print(f"{'':10} {scores['transfer KB']} KB; " + "; ".join(f"{k} {v}" for k, v in scores["metrics"].items()))
    (HERE / "lighthouse-results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
