"""The quick preview (`mkdocs serve --dirty`) shows an edit, and rebuilds only what the edit changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support import ROOT, project_without_data

# Builds whole sites with MkDocs.
pytestmark = pytest.mark.slow

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_an_edit_shows_and_only_the_pages_it_changes_are_rebuilt(tmp_path):
    project = project_without_data(tmp_path / "project")
    shutil.copytree(ROOT / "data", project / "data")
    cache = tmp_path / "cache"
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "COMPANION_CACHE": str(cache)}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/cases/bundestag-hack-2015/"
        assert _wait_for(url, "Bundestag", 300), "the preview never came up"
        staged = cache / "preview-docs"
        before = {p.relative_to(staged).as_posix(): p.stat().st_mtime_ns for p in staged.rglob("*.md")}
        assert "cases/bundestag-hack-2015.md" in before and "norms/index.md" in before

        case = project / "data" / "cases" / "bundestag-hack-2015.yaml"
        text = case.read_text(encoding="utf-8")
        end_of_summary = "not immediately.\nstart:"  # the summary's last paragraph shows on the case's page only
        assert end_of_summary in text
        case.write_text(text.replace(end_of_summary, "not immediately. A sentence added in the preview.\nstart:", 1),
                        encoding="utf-8")
        assert _wait_for(url, "A sentence added in the preview.", 300), "the edit never showed"
        after = {p.relative_to(staged).as_posix(): p.stat().st_mtime_ns for p in staged.rglob("*.md")}
    finally:
        server.terminate()
        server.wait(timeout=30)
    rewritten = {page for page in before if after.get(page) != before[page]}
    # MkDocs --dirty rebuilds a page when its source is newer than its HTML: only the case's page changed.
    assert rewritten == {"cases/bundestag-hack-2015.md"}


def test_a_mistake_made_again_in_one_session_is_explained_again(data_copy, caplog):
    """MkDocs prints an error it has printed before only once per `serve` session; the plugin's own
    report of the problems must come every time, or a contributor sees a build stop with no reason."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from companion.plugin import CompanionPlugin

    case = data_copy / "cases" / "example-case-2020.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("threats: [espionage", "threats: [espionnage"),
                    encoding="utf-8")
    (data_copy.parent / "docs").mkdir()
    plugin = CompanionPlugin()
    plugin.load_config({"data_dir": "data"})
    config = SimpleNamespace(docs_dir=str(data_copy.parent / "docs"),
                             config_file_path=str(data_copy.parent / "mkdocs.yml"))
    for _ in range(2):
        with pytest.raises(PluginError):
            plugin.on_pre_build(config=config)  # type: ignore[arg-type]
    reports = [r for r in caplog.records if r.name == "mkdocs.plugins.companion" and "espionnage" in r.getMessage()]
    assert len(reports) == 2
    assert "data/cases/example-case-2020.yaml:" in reports[1].getMessage()
