"""The MkDocs plugin: check the data, hand the rendered pages to MkDocs, and secure what it writes.

Named ``companion`` under ``plugins:`` in mkdocs.yml (registered in pyproject.toml). For each
build it checks data/ and stops before MkDocs touches site/ if anything is wrong, so the last
good site stays; then it renders every page and gives them to MkDocs as generated files
(nothing is written into docs/: writing there made ``mkdocs serve`` rebuild in a loop), and
puts a Content-Security-Policy into every page MkDocs writes.

The plugin keeps its state on itself. Because it defines ``on_startup``, MkDocs keeps the same
instance for all the rebuilds of one ``mkdocs serve`` session, so what it learns once (serve
or build, ``--dirty``, Material's compiled templates) lasts as long as the session.
Generators that ignore plugins (Zensical) can build ``python -m companion render``'s output.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

import jinja2
import jinja2.bccache
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .build import hand_written_pages, render_all
from .cache import folder_for
from .citation import Site
from .csp import with_policy
from .editions import PUBLISHED_VARIABLE
from .pipeline import check_data
from .problems import BuildError, report
from .search import index_site
from .site import configured_site, last_changed, local_address_refusal
from .writer import MARKER, write_tree

log = logging.getLogger("mkdocs.plugins.companion")

# Material's offline plugin loads this shim from a CDN; the offline copy uses our copy of it instead.
_CDN_SHIM = "https://unpkg.com/iframe-worker/shim"
_LOCAL_SHIM = "javascripts/vendor/iframe-worker-shim.js"


class CompanionConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' Config is not fully typed
    # The data folder, relative to mkdocs.yml (not `data`: Config is a UserDict, whose `data` is its contents).
    data_dir = config_options.Type(str, default="data")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, in memory for the plugin's life: MkDocs makes a new template
    environment for every rebuild under ``serve``, which compiled Material's templates again
    (about 0.2 s). A key includes a digest of the template's source, so an edited one is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class CompanionPlugin(BasePlugin[CompanionConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.dirty_preview = False  # `mkdocs serve --dirty`: pages are staged on disk (see on_files)
        self.serving = False  # `mkdocs serve`: a preview on this machine
        self.site: Site | None = None  # read in on_config, which MkDocs runs before every build
        self.templates = _CompiledTemplates()
        self.pages: dict[str, str] = {}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.dirty_preview = command == "serve" and dirty
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [_LOCAL_SHIM if url == _CDN_SHIM else url for url in polyfills]
        try:
            site = self.site = site_of(config)
        except ValueError as error:
            raise PluginError(str(error)) from None
        refusal = local_address_refusal(site.url, serving=self.serving or _serve_build(config),
                                        local=_local_flag() or _offline(config))
        if refusal:
            raise PluginError(refusal)  # MkDocs prints it as one line and stops, before touching site_dir
        if site.latest_url:
            # Published as an edition under the latest site: Material's version selector reads ../versions.json
            # from the site's base, which is the published folder's (editions.py); its "outdated" banner is
            # left empty, since docs/javascripts/editions.js says more (where the same page is now).
            config.extra["version"] = {"provider": "mike", "alias": True, "number": site.version}
        config.extra["edition_copy"] = site.edition if site.latest_url else ""
        config.extra["published_with_editions"] = bool(site.latest_url) or os.environ.get(PUBLISHED_VARIABLE) == "true"
        return config

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = self.templates
        return env

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.pages = {}
        docs = Path(config.docs_dir)
        if (docs / MARKER).exists():
            return  # a tree made by `python -m companion render`: its pages are already there
        root = _root(config)
        cache = folder_for(root)
        checked = check_data(root / self.config.data_dir, cache_dir=cache)
        if not checked.ok or checked.model is None:
            # Logged here, not only in the exception: MkDocs prints an error message it has printed
            # before only once per `serve` session, so a mistake made again would go unexplained.
            log.error("the data has problems, so nothing was built (site/ is unchanged):\n%s",
                      report(checked.problems, left_out=checked.left_out))
            raise PluginError("the data has problems (listed above); fix them and save again")
        try:
            # The site as on_config read it: finding the edition asks git, once per build is enough.
            self.pages = render_all(checked.model, self.site or site_of(config), last_changed(root),
                                    hand_written_pages(docs), cache)
        except (BuildError, ValueError) as error:
            raise PluginError(str(error)) from None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        staging = None
        cache = folder_for(_root(config))
        if self.dirty_preview and self.pages and cache:
            # Under --dirty MkDocs rebuilds a page only if its source file is newer than the built
            # page: generated pages are written to a folder, each only when its text changed.
            staging = cache / "preview-docs"
            write_tree(self.pages, staging, None)
        for path, content in self.pages.items():
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

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return with_policy(output, page.content or "")

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a page a reader sees; sitemap.xml is not HTML.
        return with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Redirect pages (mkdocs-redirects writes them after every page) get the policy too: each
        holds one inline script, the redirect itself. This plugin comes after it in mkdocs.yml.
        Then Pagefind indexes the site, except for the copy read from disk, which keeps Material's
        search, and under `mkdocs serve --dirty`, where the quick preview skips it (search then falls
        back to Material's)."""
        from mkdocs_redirects.plugin import get_html_path

        redirects: Any = config.plugins.get("redirects")
        for old in (redirects.config.get("redirect_maps") or {}) if redirects else ():
            page = Path(config.site_dir) / get_html_path(old, config.use_directory_urls)
            if page.is_file():
                page.write_text(with_policy(page.read_text(encoding="utf-8")), encoding="utf-8")
        if not _offline(config) and not self.dirty_preview:
            try:
                index_site(Path(config.site_dir))
            except BuildError as error:
                raise PluginError(str(error)) from None


def _offline(config: MkDocsConfig) -> bool:
    """Whether this is the copy to read from disk (Material's offline plugin enabled)."""
    offline: Any = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(offline and offline.config.get("enabled"))


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _local_flag() -> bool:
    """LOCAL_BUILD=true: a build to read on this machine, which may keep a local site_url."""
    return os.environ.get("LOCAL_BUILD", "").strip().lower() in ("1", "true", "yes", "on")


def _serve_build(config: MkDocsConfig) -> bool:
    """`mkdocs serve --clean` tells plugins it is a build; it builds into a folder it makes in the temporary
    folder, named mkdocs_…, and serves that."""
    site_dir = Path(config.site_dir)
    return site_dir.name.startswith("mkdocs_") and site_dir.parent == Path(tempfile.gettempdir())


def site_of(config: MkDocsConfig) -> Site:
    """What citations say about the site, from the configuration MkDocs has read (no second parse)."""
    return configured_site(config, _root(config))
