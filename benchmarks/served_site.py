"""Build the site into a temporary folder and serve it on 127.0.0.1, as the measurement scripts need.

    with served_site(gzip=True) as base_url: ...

``gzip=True`` compresses responses, as any static host (GitHub Pages included) does, so that
transfer sizes are what readers get.
"""

from __future__ import annotations

import contextlib
import functools
import gzip as gzip_module
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class _Handler(http.server.SimpleHTTPRequestHandler):
    compress = False

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not self.compress or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip_module.compress(path.read_bytes())
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


class _GzipHandler(_Handler):
    compress = True


@contextlib.contextmanager
def serving(site: Path, gzip: bool = False) -> Iterator[str]:
    """Serve a built site on a free port of 127.0.0.1; yields its base URL."""
    handler = functools.partial(_GzipHandler if gzip else _Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextlib.contextmanager
def served_site(gzip: bool = False) -> Iterator[str]:
    """Build with `mkdocs build --strict`, serve the result, yield its base URL; clean up after."""
    site = Path(tempfile.mkdtemp(prefix="served-site-"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "LOCAL_BUILD": "true"}
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                       env=env, check=True)
        with serving(site, gzip) as base_url:
            yield base_url
    finally:
        shutil.rmtree(site, ignore_errors=True)
