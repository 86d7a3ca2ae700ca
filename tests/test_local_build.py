"""No publishing with this machine's address: a build for publishing refuses site_url left at its default,
http://127.0.0.1:8000/, unless it is a preview (mkdocs serve) or says it is to be read here (LOCAL_BUILD=true, or
the offline copy, OFFLINE=true)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.site import is_local_address, local_address_refusal
from support import ROOT


@pytest.mark.parametrize(("url", "local"), [
    ("http://127.0.0.1:8000/", True), ("http://localhost:8000/dd/", True), ("http://[::1]/", True),
    ("http://0.0.0.0:8000/", True), ("http://docs.localhost/", True), ("http://127.1.2.3/", True),
    ("https://example.org/dd/", False), ("https://owner.github.io/repo/", False), ("http://10.0.0.5/", False)])
def test_which_addresses_are_this_machines(url, local):
    assert is_local_address(url) is local


def test_a_build_for_publishing_refuses_this_machines_address_unless_it_is_a_preview_or_local():
    message = local_address_refusal("http://127.0.0.1:8000/", serving=False, local=False)
    assert message and "\n" not in message and "SITE_URL" in message and "LOCAL_BUILD=true" in message
    assert local_address_refusal("http://127.0.0.1:8000/", serving=True, local=False) is None
    assert local_address_refusal("http://127.0.0.1:8000/", serving=False, local=True) is None
    assert local_address_refusal("https://example.org/dd/", serving=False, local=False) is None


def _mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "LOCAL_BUILD", "OFFLINE")}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                          env={**clean, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **env},
                          capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_mkdocs_build_refuses_the_default_local_address_in_one_line(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "kept.html").write_text("the last good site")
    refused = _mkdocs_build(ROOT, site)
    assert refused.returncode == 1
    lines = [line for line in refused.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in refused.stderr + refused.stdout, refused.stderr
    assert "site_url is http://127.0.0.1:8000/" in lines[0] and "set SITE_URL" in lines[0]
    assert refused.stdout.strip() in ("", "Aborted with a BuildError!")  # MkDocs' own last word, on stdout
    assert (site / "kept.html").exists()  # refused before MkDocs touched the folder
    for allowed in ({"LOCAL_BUILD": "true"}, {"OFFLINE": "true"}, {"SITE_URL": "https://example.org/dd/"}):
        built = _mkdocs_build(ROOT, tmp_path / "built", **allowed)
        assert built.returncode == 0, (allowed, built.stderr)
