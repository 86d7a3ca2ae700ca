"""MkDocs hook: check the data, then hand the rendered pages to MkDocs as generated files.

Nothing is written into docs/ (writing there made `mkdocs serve` rebuild in a loop);
`watch: [data]` in mkdocs.yml makes `serve` rebuild when a data file changes. A build
with problems in the data stops before MkDocs cleans site/, so the last good site stays.
Generators that ignore hooks can build `python -m companion render`'s output instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # scripts/, when not installed

from companion.pipeline import check_data
from companion.problems import report
from companion.render import render_site
from companion.writer import MARKER

_pages: dict[str, str] = {}


def on_pre_build(config) -> None:
    _pages.clear()
    if (Path(config.docs_dir) / MARKER).exists():
        return  # a tree made by `python -m companion render`: its pages are already there
    checked = check_data(Path(config.config_file_path).parent / "data")
    if not checked.ok:
        raise PluginError("the data has problems, so nothing was built (site/ is unchanged):\n"
                          + report(checked.problems))
    _pages.update(render_site(checked.model))


def on_files(files: Files, config) -> Files:
    for path, markdown in _pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is hand-written but the same page is generated from data: rename it")
        files.append(File.generated(config, path, content=markdown))
    return files
