"""The package works installed the ordinary way (a wheel, not an editable checkout): the plugin is
found through its entry point, the schemas come with it, and it builds the site of the project
it is run in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from support import ROOT


@pytest.mark.slow
def test_a_non_editable_install_builds_the_site(tmp_path):
    target = tmp_path / "installed"
    # Offline: no index, no build isolation (setuptools comes with the test dependencies).
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                              "--no-build-isolation", "--disable-pip-version-check", "--target", str(target),
                              str(ROOT)], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "data", "docs", "overrides", "CHANGELOG.md", "CONTRIBUTING.md"):
        (project / name).symlink_to(ROOT / name)  # everything but scripts/: the code is the installed copy
    env = {**os.environ, "PYTHONPATH": str(target), "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "LOCAL_BUILD": "true"}
    where = subprocess.run([sys.executable, "-c", "import companion, companion.schema as s; "
                            "print(companion.__file__); print(s.SCHEMA_DIR); print(companion.__version__)"],
                           cwd=project, env=env, capture_output=True, text=True)
    module, schemas, version = where.stdout.split()
    assert module.startswith(str(target)) and schemas.startswith(str(target)), where.stdout
    assert (target / "companion" / "schemas" / "case.schema.json").is_file()
    assert version != "0+unknown"
    checked = subprocess.run([sys.executable, "-m", "companion", "check"], cwd=project, env=env,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                           cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr
    assert (site / "cases" / "bundestag-hack-2015" / "index.html").is_file()
    assert "Content-Security-Policy" in (site / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(target)
