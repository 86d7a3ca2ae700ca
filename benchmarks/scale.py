"""How the build grows with the number of cases: check, render, the full strict build, the preview.

    .venv/bin/python benchmarks/scale.py [N ...] [--runs R]     (default: 100 1000 5000, 3 runs)

For each N it makes N synthetic cases (`python -m companion synth`), then measures, as the
median of R runs:
- `check` cold (nothing kept from earlier runs) and warm (the cache of valid files, cache.py);
- the render step in this process, with the styled citations cached (the first, cold render
  is reported too: it runs pandoc for every item);
- the full `mkdocs build --strict` with our hook: the first build with an empty cache, then warm;
- MkDocs alone on the same rendered Markdown: our overhead is the difference, and, measured
  directly, the warm check plus render as a share of MkDocs alone ("our steps %");
- for N <= 1,000, the quick preview: `mkdocs serve --dirty`, one case's text edited, seconds
  until the served page shows the edit.
It records the build's peak memory, the site's size, a case page's gzip weight with its CSS and
JavaScript, and Material's search index (built for the offline copy, never fetched online); and the
search: Pagefind's indexing time (also part of each build), and a reader's first search with the CPU
slowed down 4x: bytes fetched (gzip) and seconds to the first result (search_cost.py). Prints a table;
adds its rows to scale-results.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

sys.path.insert(0, str(ROOT / "benchmarks"))

from search_cost import first_search  # noqa: E402

from companion.build import render_all  # noqa: E402
from companion.pipeline import check_data  # noqa: E402
from companion.site import load_site  # noqa: E402
from companion.synth import synthesize  # noqa: E402

# LOCAL_BUILD: sites built to be measured here, at the default local address.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "LOCAL_BUILD": "true"}


def project(folder: Path) -> Path:
    for entry in ROOT.iterdir():
        if entry.name not in ("data", "site", "build", ".git") and not entry.name.startswith(".venv"):
            (folder / entry.name).symlink_to(entry)
    return folder


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def build(folder: Path, site: Path, **env: str) -> tuple[float, int]:
    """(seconds, peak memory in MB) of one strict build in a child process."""
    command = [sys.executable, "-c", "import resource, subprocess, sys; "
               "r = subprocess.run(sys.argv[1:]).returncode; "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r)",
               sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=folder, env={**ENV, **env}, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stderr[-2000:]}")
    return seconds, int(done.stdout.strip().splitlines()[-1]) // 1024


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes()))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def preview_seconds(folder: Path) -> float:
    """Seconds from saving an edit to one case's text until `mkdocs serve --dirty` serves it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/cases/synthetic-case-00000/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=folder, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def shows(text: str) -> bool:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return text in response.read().decode("utf-8")
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 3600
        while not shows("Synthetic case 0") and time.monotonic() < deadline:
            time.sleep(1)
        case = folder / "data" / "cases" / "synthetic-case-00000.yaml"
        seconds = []
        for attempt in range(3):
            marker = f"Preview edit number {attempt}."
            text = case.read_text(encoding="utf-8")
            case.write_text(re.sub(r"^summary: '", f"summary: '{marker} ", text, count=1, flags=re.M),
                            encoding="utf-8")
            start = time.perf_counter()
            while not shows(marker):
                if time.perf_counter() - start > 300:
                    raise SystemExit("the preview did not show the edit within 5 minutes")
                time.sleep(0.05)
            seconds.append(time.perf_counter() - start)
            time.sleep(2)
        return statistics.median(seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(n: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = project(Path(tmp))
        cache = folder / "cache"
        os.environ["COMPANION_CACHE"] = ENV["COMPANION_CACHE"] = str(cache)
        synthesize(n, ROOT / "data", folder / "data")
        cases = 32 + n
        data = folder / "data"
        check_cold = statistics.median(timed(lambda: check_data(data)) for _ in range(runs))
        check_data(data, cache_dir=cache)
        check_warm = statistics.median(timed(lambda: check_data(data, cache_dir=cache)) for _ in range(runs))
        model = check_data(data, cache_dir=cache).model
        site_info = load_site(folder)
        shutil.rmtree(cache)
        render_first = timed(lambda: render_all(model, site_info, {}, {}, cache))
        render = statistics.median(timed(lambda: render_all(model, site_info, {}, {}, cache)) for _ in range(runs))
        shutil.rmtree(cache)
        first_build = build(folder, folder / "site")
        builds = [build(folder, folder / "site") for _ in range(runs)]
        full = statistics.median(b[0] for b in builds)
        memory = max(b[1] for b in [first_build, *builds])
        rendered = folder / "rendered"
        subprocess.run([sys.executable, "-m", "companion", "render", "--data", str(data), "--out",
                        str(rendered)], cwd=folder, env=ENV, check=True, capture_output=True)
        alone = statistics.median(build(folder, folder / "site-alone", COMPANION_DOCS_DIR=str(rendered))[0]
                                  for _ in range(runs))
        site = folder / "site"
        case_page = site / "cases" / "synthetic-case-00000" / "index.html"
        assets = [*site.glob("assets/stylesheets/main.*.min.css"), *site.glob("assets/javascripts/bundle.*.min.js"),
                  site / "stylesheets" / "extra.css", *(site / "javascripts").glob("*.js")]
        row = {
            "N": n, "cases": cases,
            "check cold s": round(check_cold, 2), "check warm s": round(check_warm, 2),
            "render first s": round(render_first, 1), "render s": round(render, 2),
            "first build s": round(first_build[0], 1), "build s": round(full, 1),
            "mkdocs alone s": round(alone, 1), "overhead %": round(100 * (full - alone) / alone, 1),
            "our steps %": round(100 * (check_warm + render) / alone, 1),
            "build ms/case": round(1000 * full / cases, 1), "peak MB": memory,
            "site MB": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20, 1),
            "case page KB gz": round(gz(case_page) / 1024, 1),
            "page+css+js KB gz": round((gz(case_page) + sum(gz(a) for a in assets)) / 1024, 1),
            "search index KB gz": round(gz(site / "search" / "search_index.json") / 1024, 1),
            "pagefind s": round(timed(lambda: subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                                                               "--silent"], check=True)), 1),
            **first_search(site),
            "preview s": round(preview_seconds(folder), 1) if n <= 1000 else None,
        }
        return row


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        rows.append(measure(n, args.runs))
        print(json.dumps(rows[-1]), flush=True)
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" for _ in columns) + "|")
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    results = Path(__file__).parent / "scale-results.json"
    earlier = json.loads(results.read_text(encoding="utf-8")) if results.exists() else []
    merged = {row["N"]: row for row in [*earlier, *rows]}
    results.write_text(json.dumps(sorted(merged.values(), key=lambda r: r["N"]), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
