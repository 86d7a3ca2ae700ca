"""The site's search index, built by Pagefind after MkDocs has written the pages.

Material's own search loads one index of the whole site before the first result (2.9 MB gzip
at 5,000 cases) and builds it in the reader's browser. Pagefind splits its index into small
fragments and a reader's search fetches only those its words need. It runs on a served site;
the copy opened from disk (OFFLINE=true) keeps Material's search, which works from files.
docs/javascripts/search.js drives Pagefind from Material's search box.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .problems import BuildError

BUNDLE = "pagefind"  # the folder in the site that holds the index and Pagefind's scripts


def index_site(site_dir: Path) -> None:
    """Write Pagefind's index of ``site_dir`` into ``site_dir/pagefind``. Only the part of each page
    marked ``data-pagefind-body`` is indexed (overrides/main.html): no navigation, no cite boxes."""
    # Headings' permalink signs (¶) are not words of the page.
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
               "--exclude-selectors", ".headerlink", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.SubprocessError) as error:
        raise BuildError(f"Pagefind could not index the site: {error}") from error
    if done.returncode != 0:
        raise BuildError(f"Pagefind could not index the site:\n{done.stdout}{done.stderr}".rstrip())
