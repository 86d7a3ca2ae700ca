"""The release metadata: CITATION.cff is valid (by cffconvert itself) and names the current version."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest
import yaml

from support import ROOT

TOOLS = ROOT / ".venv-tools"  # cffconvert pins an old jsonschema, so it lives in its own environment


def cffconvert() -> str:
    executable = TOOLS / "bin" / "cffconvert"
    if not executable.exists():
        subprocess.run([sys.executable, "-m", "venv", str(TOOLS)], check=True, timeout=300)
        subprocess.run([str(TOOLS / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                        "cffconvert==2.0.0"], check=True, timeout=600)
    return str(executable)


@pytest.mark.slow
def test_citation_cff_is_valid():
    done = subprocess.run([cffconvert(), "--validate", "--infile", str(ROOT / "CITATION.cff")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_citation_cff_names_the_current_release():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{version}] — {cff['date-released']}" in changelog


def test_every_dependency_is_pinned_in_the_constraints_within_its_range():
    """pyproject.toml says what is compatible; constraints.txt says what was tested: they must agree."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, pinned = line.partition("==")
            pins[canonicalize_name(name)] = pinned
    for text in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name == "setuptools":
            continue  # comes with the virtual environment
        assert name in pins, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} vs {requirement}"
