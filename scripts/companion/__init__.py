"""Build the research companion to Bregvadze (2025) from the YAML data in data/.

The data flows one way: load (files → documents with line numbers) → schema check →
model (typed, frozen) → cross-reference check → render (pages as Markdown strings) → write.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("digital-diplomacy-companion")  # one version: pyproject.toml's
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
