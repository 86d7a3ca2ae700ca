"""MkDocs hook: check the data, then hand the rendered pages to MkDocs as generated files.

Nothing is written into docs/ (writing there made `mkdocs serve` rebuild in a loop);
`watch: [data]` in mkdocs.yml makes `serve` rebuild when a data file changes. A build
with problems in the data stops before MkDocs cleans site/, so the last good site stays.
Generators that ignore hooks can build `python -m companion render`'s output instead.

`mkdocs serve --dirty` (the quick preview) rebuilds only pages whose source file is newer
than the page built from it. Generated pages are then written to a folder in the cache,
each only when its text changed, so an edit to one case rebuilds the pages that show it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # scripts/, when not installed

from companion.build import render_all
from companion.cache import folder_for
from companion.csp import with_policy
from companion.pipeline import check_data
from companion.problems import report
from companion.site import last_changed, load_site
from companion.templates import TEMPLATES_COMPILED
from companion.writer import MARKER, write_tree

_pages: dict[str, str] = {}
# Material's offline plugin loads this shim from a CDN; the offline copy uses our copy of it instead.
_CDN_SHIM = "https://unpkg.com/iframe-worker/shim"
_LOCAL_SHIM = "javascripts/vendor/iframe-worker-shim.js"


# MkDocs loads hooks afresh for every rebuild but calls on_startup only once; the process's
# environment outlives both.
_DIRTY_PREVIEW = "COMPANION_DIRTY_PREVIEW"


def on_startup(command, dirty):
    os.environ[_DIRTY_PREVIEW] = "1" if command == "serve" and dirty else ""


def on_config(config):
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [_LOCAL_SHIM if url == _CDN_SHIM else url for url in polyfills]
    return config


def on_env(env, config, files):
    # MkDocs makes a new template environment for every rebuild under `serve`, which compiles
    # Material's templates again (about 0.2 s); the compiled code is kept for the process.
    env.bytecode_cache = TEMPLATES_COMPILED
    return env


def on_pre_build(config) -> None:
    _pages.clear()
    docs = Path(config.docs_dir)
    if (docs / MARKER).exists():
        return  # a tree made by `python -m companion render`: its pages are already there
    root = Path(config.config_file_path).parent
    cache = folder_for(root)
    checked = check_data(root / "data", cache_dir=cache)
    if not checked.ok:
        raise PluginError("the data has problems, so nothing was built (site/ is unchanged):\n"
                          + report(checked.problems))
    hand_written = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    try:
        site = replace(load_site(root), directory_urls=config.use_directory_urls)
        _pages.update(render_all(checked.model, site, last_changed(root), hand_written, cache))
    except (ValueError, RuntimeError) as error:
        raise PluginError(str(error)) from None


def on_files(files: Files, config) -> Files:
    staging = None
    cache = folder_for(Path(config.config_file_path).parent)
    if os.environ.get(_DIRTY_PREVIEW) and _pages and cache:
        staging = cache / "preview-docs"
        write_tree(_pages, staging, None)
    for path, content in _pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)  # a hand-written page, now with its cite box
        if staging:
            generated = File(path, str(staging), config.site_dir, config.use_directory_urls)
        else:
            generated = File.generated(config, path, content=content)
        if existing is not None:
            generated.edit_uri = existing.edit_uri
        files.append(generated)
    return files


def on_post_page(output: str, page, config) -> str:
    return with_policy(output)


def on_post_template(output: str, template_name: str, config) -> str:
    # 404.html is a page a reader sees; sitemap.xml is not HTML.
    return with_policy(output) if template_name.endswith(".html") else output


def on_post_build(config) -> None:
    """Redirect pages (mkdocs-redirects writes them after every page) get the policy too: each holds
    one inline script, the redirect itself. MkDocs runs hooks after the plugins named in mkdocs.yml."""
    from mkdocs_redirects.plugin import get_html_path

    redirects = config.plugins.get("redirects")
    for old in (redirects.config.get("redirect_maps") or {}) if redirects else ():
        page = Path(config.site_dir) / get_html_path(old, config.use_directory_urls)
        if page.is_file():
            page.write_text(with_policy(page.read_text(encoding="utf-8")), encoding="utf-8")
