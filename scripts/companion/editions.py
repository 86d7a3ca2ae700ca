"""Frozen editions: every tag vX.Y.Z is an edition, built from its own code and data and kept for good.

``python -m companion editions --out DIR`` writes, ready to publish:

- DIR/: the working tree's site, the latest, whose pages follow every correction;
- DIR/X.Y.Z/: each edition, built from a checkout of its tag with the tag's own code and mkdocs.yml, and (by
  default) in a virtual environment made from the tag's own constraints.txt, since an old tag's code may
  need other package versions than today's;
- DIR/versions.json: the editions, newest first, in mike's format. Material's version selector
  (``extra.version.provider: mike``, which the plugin sets in an edition's build) fetches it as
  ``../versions.json`` from a site's base, which is this file for every edition.

An edition depends only on its commit: SOURCE_DATE_EPOCH is the tagged commit's committer time, the build's
cache starts empty, and a second build is byte for byte the same. Whether a newer edition exists is
decided in the reader's browser (docs/javascripts/editions.js reads DIR/versions.json and the latest's
sitemap.xml), so an edition's files need not change when one appears.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

EDITION_VARIABLE = "COMPANION_EDITION"  # set by the builder: the edition a build is published as
# Set by the builder on every build it makes, the latest site's too: the pages then look for versions.json
# (a plain `mkdocs build` or `serve` has none to find, and asking for it would only log a 404).
PUBLISHED_VARIABLE = "COMPANION_EDITIONS"
_TAG = re.compile(r"v(\d+)\.(\d+)\.(\d+)")
# The theme's script (overrides/main.html) and the one added to older editions' pages both carry this.
SCRIPT_MARKER = "data-companion-editions"
# The latest site's copy of the script, which older editions' pages load: its path must stay (see below).
SHARED_SCRIPT = "javascripts/editions.js"
DEFAULT_LOCAL_BASE = "http://127.0.0.1:8000/"
_QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
# Settings of the shell that would change what a build writes; each build is told what it needs.
_NOT_PASSED_ON = ("OFFLINE", "COMPANION_DOCS_DIR", EDITION_VARIABLE, "LOCAL_BUILD", "SOURCE_DATE_EPOCH",
                  "COMPANION_CACHE", "PYTHONPATH", "PYTHONHOME")


class EditionError(Exception):
    """A reason the editions could not be built, for the reader (one line, no traceback)."""


@dataclass(frozen=True)
class Edition:
    version: str  # "1.2.0"
    tag: str  # "v1.2.0"
    commit: str  # the tagged commit
    time: int  # its committer time, in seconds since 1970: the build's SOURCE_DATE_EPOCH


# --- pure ---------------------------------------------------------------------------------------------


def version_of_tag(tag: str) -> str | None:
    """'1.2.0' for the tag 'v1.2.0'; None for any other name."""
    return tag[1:] if _TAG.fullmatch(tag) else None


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def newest_first(versions: Iterable[str]) -> list[str]:
    return sorted(set(versions), key=_key, reverse=True)


def versions_json(versions: Iterable[str]) -> str:
    """mike's versions.json: newest first, the newest with the alias "latest" (Material shows it beside it)."""
    entries = [{"version": v, "title": v, "aliases": ["latest"] if n == 0 else []}
               for n, v in enumerate(newest_first(versions))]
    return json.dumps(entries, indent=2) + "\n"


def edition_site_url(base: str, version: str) -> str:
    return base.rstrip("/") + f"/{version}/"


def environment_key(constraints: bytes | None, pyproject: bytes, python: str) -> str:
    """The name of the virtual environment for a tag: what decides its packages, and the Python it runs."""
    hasher = hashlib.sha256()
    for part in (python.encode(), constraints if constraints is not None else b"(none)", pyproject):
        hasher.update(hashlib.sha256(part).digest())
    return hasher.hexdigest()[:20]


def build_environment(environ: Mapping[str, str], *, site_url: str, epoch: int, local: bool,
                      cache: Path | None = None, edition: str | None = None, code: Path | None = None
                      ) -> dict[str, str]:
    """The environment of one build: the shell's, minus what would change its output, plus what it is.
    ``cache``: the build's cache folder (else the shell's); ``edition``: COMPANION_EDITION (else unset);
    ``code``: the scripts/ folder whose package the build must import (a tag's own)."""
    env = {name: value for name, value in environ.items() if name not in _NOT_PASSED_ON}
    env.update(_QUIET, SITE_URL=site_url, SOURCE_DATE_EPOCH=str(epoch))
    env[PUBLISHED_VARIABLE] = "true"
    if cache is not None:
        env["COMPANION_CACHE"] = str(cache)
    elif environ.get("COMPANION_CACHE"):
        env["COMPANION_CACHE"] = environ["COMPANION_CACHE"]
    if edition is not None:
        env[EDITION_VARIABLE] = edition
    if local:
        env["LOCAL_BUILD"] = "true"
    if code is not None:
        env["PYTHONPATH"] = str(code)  # the tag's own package, whatever the environment has installed
    return env


def script_tag(root: str, edition: str) -> str:
    """The element that loads the newer-edition banner (docs/javascripts/editions.js) into a page of an edition
    whose own theme has none. ``root`` is the relative address of DIR/ from the page: older editions load the
    latest site's copy of the script, at a path every later site keeps (SHARED_SCRIPT)."""
    return (f'<script src="{root}{SHARED_SCRIPT}" {SCRIPT_MARKER} data-edition="{edition}" '
            f'data-root="{root}"></script>')


def with_banner_script(html: str, edition: str, depth: int) -> str:
    """A page of an edition built from a tag whose theme predates editions (0.5.0 and older), with the
    script added before </body>; pages that already load it are returned as they are. ``depth`` is how many
    folders down from the edition's root the page is. The edition's own files stay as its tag made them but for
    this one element, the same for every later rebuild; what it shows is decided when the page is read."""
    if SCRIPT_MARKER in html:
        return html
    end = html.rfind("</body>")
    if end < 0:
        return html  # not a page (a fragment or a file MkDocs copied as it was)
    return html[:end] + script_tag("../" * (depth + 1), edition) + "\n" + html[end:]


# --- git -----------------------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as error:
        raise EditionError(f"git {args[0]} could not run: {error}") from error
    if done.returncode != 0:
        raise EditionError(f"git {' '.join(args)} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def list_editions(repo: Path) -> list[Edition]:
    """Every tag vX.Y.Z of the repository, newest first, with the commit it names."""
    found = {}
    for line in _git(repo, "for-each-ref", "--format=%(refname:short)", "refs/tags").splitlines():
        version = version_of_tag(line.strip())
        if version:
            commit, time = _git(repo, "log", "-1", "--format=%H %ct", f"{line.strip()}^{{commit}}").split()
            found[version] = Edition(version, line.strip(), commit, int(time))
    return [found[version] for version in newest_first(found)]


# The editions released so far, each with the commit its tag named: kept in the repository because a tag is
# easily lost (a clone that did not fetch them, a tag moved by mistake), and an edition must never change.
RECORD = Path("tests") / "released-editions.txt"
RECORD_HEADER = ("# The editions released so far: tag and commit. `python -m companion public-urls --update` adds "
                 "the tags made since;\n# `editions` refuses to build while a recorded tag is missing or names "
                 "another commit.\n")


def read_record(text: str) -> dict[str, str]:
    """{tag: commit} of tests/released-editions.txt ("v1.2.0 <40 hex digits>" per line, # comments)."""
    record = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        found = re.fullmatch(r"(v\d+\.\d+\.\d+) ([0-9a-f]{40})", line.strip())
        if not found:
            raise EditionError(f"{RECORD}, line {number}: expected a tag vX.Y.Z and its commit's 40 hex digits, "
                               f"found {line.strip()!r}")
        record[found.group(1)] = found.group(2)
    return record


def record_text(record: Mapping[str, str]) -> str:
    lines = sorted(record.items(), key=lambda item: _key(item[0][1:]), reverse=True)
    return RECORD_HEADER + "".join(f"{tag} {commit}\n" for tag, commit in lines)


def disagreements(editions: Iterable[Edition], record: Mapping[str, str]) -> list[str]:
    """What the tags say otherwise than the record: a released edition whose tag is gone, or names another
    commit. (A tag the record does not have yet is a new release, not a disagreement.)"""
    tagged = {e.tag: e.commit for e in editions}
    problems = [f"the tag {tag} of a released edition is missing (git fetch --tags)"
                for tag in record if tag not in tagged]
    problems += [f"the tag {tag} names {tagged[tag][:12]}, but the edition was released from {commit[:12]}: an "
                 f"edition never changes, so put the tag back (git tag -f {tag} {commit[:12]})"
                 for tag, commit in record.items() if tag in tagged and tagged[tag] != commit]
    return problems


def recorded_editions(repo: Path) -> list[Edition]:
    """The repository's editions, once its tags agree with the record of released ones."""
    record_file = repo / RECORD
    record = read_record(record_file.read_text(encoding="utf-8")) if record_file.is_file() else {}
    editions = list_editions(repo)
    problems = disagreements(editions, record)
    if problems:
        raise EditionError("; ".join(problems))
    return editions


def released_urls_at(repo: Path, edition: Edition) -> set[str]:
    """The addresses the edition's own tests/public-urls.txt lists (all its build has; empty if it has none)."""
    from .urls import read_released_urls

    try:
        text = _git(repo, "show", f"{edition.commit}:tests/public-urls.txt")
    except EditionError:
        return set()
    return read_released_urls(text)[1]


def check_out(repo: Path, commit: str, target: Path) -> None:
    """A checkout of one commit, with the history before it (pages' last-changed dates come from git log).
    A clone sharing the repository's objects, so the repository itself gains no worktree or ref."""
    _git(repo, "clone", "--quiet", "--shared", "--no-checkout", str(repo), str(target))
    _git(target, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit)


# --- environments and builds -------------------------------------------------------------------------


def environment_for(checkout: Path, cache: Path, log: Callable[[str], None]) -> Path:
    """The Python of a virtual environment with the tag's own package versions: its constraints.txt (tags
    before 0.4.0 pinned them in pyproject.toml instead) and ``pip install -e .``. Kept in ``cache`` under a
    digest of those files, and made again only if they change; one that was not finished is made afresh."""
    constraints = checkout / "constraints.txt"
    pinned = constraints.read_bytes() if constraints.is_file() else None
    key = environment_key(pinned, (checkout / "pyproject.toml").read_bytes(), platform.python_version())
    venv = cache / key
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    ready = venv / ".ready"
    if ready.is_file() and python.exists():
        return python
    shutil.rmtree(venv, ignore_errors=True)
    log(f"  making its environment (kept in {venv})")
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
    if made.returncode != 0:
        raise EditionError(f"could not make a virtual environment in {venv}: {made.stderr.strip()}")
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    install += ["-c", str(constraints)] if pinned is not None else []
    done = subprocess.run([*install, "-e", str(checkout)], capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        raise EditionError("pip could not install its packages:\n" + _tail(done.stderr or done.stdout))
    ready.write_text("\n", encoding="utf-8")
    return python


def build_site(project: Path, python: Path | str, out: Path, env: Mapping[str, str], what: str) -> None:
    """``mkdocs build --strict`` of ``project`` (its own mkdocs.yml) into ``out``."""
    command = [str(python), "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)]
    try:
        done = subprocess.run(command, cwd=project, env=dict(env), capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.SubprocessError) as error:
        raise EditionError(f"{what}: MkDocs could not run: {error}") from error
    if done.returncode != 0:
        raise EditionError(f"{what} did not build:\n{_tail(done.stderr or done.stdout)}")


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def add_banner_script(site: Path, edition: str) -> int:
    """with_banner_script on every page of a built edition; the number of pages changed."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        updated = with_banner_script(html, edition, len(page.relative_to(site).parts) - 1)
        if updated != html:
            page.write_text(updated, encoding="utf-8")
            changed += 1
    return changed


def build_edition(repo: Path, edition: Edition, out: Path, base: str, *, local: bool,
                  environments: Path | None, log: Callable[[str], None]) -> None:
    """One edition, as its tag's code builds it, into ``out``. ``environments``: where the tags' virtual
    environments are kept; None builds with the running Python and its packages (for tests)."""
    log(f"edition {edition.version}: {edition.tag} ({edition.commit[:12]})")
    with tempfile.TemporaryDirectory(prefix=f"edition-{edition.version}-") as temporary:
        checkout, cache = Path(temporary) / "checkout", Path(temporary) / "cache"
        check_out(repo, edition.commit, checkout)
        try:
            python = environment_for(checkout, environments, log) if environments else Path(sys.executable)
        except EditionError as error:
            raise EditionError(f"edition {edition.version}: {error}") from None
        env = build_environment(os.environ, site_url=edition_site_url(base, edition.version), epoch=edition.time,
                                cache=cache, local=local, edition=edition.version, code=checkout / "scripts")
        build_site(checkout, python, out, env, f"edition {edition.version} ({edition.tag})")
    # Why the builder edits an edition at all: tags made before editions existed (0.5.0 and older) have no banner
    # in their theme, and their code cannot be changed now. One <script src> per page, the same at every rebuild
    # (so the edition stays byte for byte the same), lets the latest site's script say, when a page is read,
    # whether a newer edition exists. Pages whose theme already loads the script are left as they are.
    added = add_banner_script(out, edition.version)
    if added:
        log(f"  its theme predates editions: the banner's script added to {added} pages")


def build_latest(project: Path, out: Path, base: str, *, local: bool, log: Callable[[str], None]) -> None:
    """The working tree's site, with the running Python, at the base address. Its dates are HEAD's time
    unless SOURCE_DATE_EPOCH says otherwise."""
    log("latest: the working tree")
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or _git(project, "log", "-1", "--format=%ct", "HEAD").strip()
    if not epoch.isdigit():
        raise EditionError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds")
    # The edition it is comes from the tag at HEAD, unless the shell's COMPANION_EDITION says otherwise.
    env = build_environment(os.environ, site_url=base, epoch=int(epoch), local=local,
                            edition=os.environ.get(EDITION_VARIABLE))
    build_site(project, sys.executable, out, env, "the latest site")


def build_all(project: Path, out: Path, base: str, *, local: bool, environments: Path | None,
              log: Callable[[str], None]) -> list[Edition]:
    """The latest site and every edition, assembled beside ``out`` and then put in its place."""
    editions = recorded_editions(project)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        build_latest(project, staging, base, local=local, log=log)
        for edition in editions:
            target = staging / edition.version
            if target.exists():
                raise EditionError(f"the latest site has a {edition.version}/ of its own, where the edition "
                                   "would go")
            build_edition(project, edition, target, base, local=local, environments=environments, log=log)
        (staging / "versions.json").write_text(versions_json(e.version for e in editions), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return editions


def base_address(environ: Mapping[str, str], local: bool) -> str:
    """The address DIR/ will be published at: SITE_URL, which a build for publishing must set."""
    from .site import is_local_address

    base = environ.get("SITE_URL", "").strip()
    if not base:
        if local:
            return DEFAULT_LOCAL_BASE
        raise EditionError("set SITE_URL to the address the site is published at (e.g. "
                           "SITE_URL=https://example.org/companion/), or pass --local for a copy to read here")
    if not re.match(r"https?://[^/]+", base):
        raise EditionError(f"SITE_URL={base!r} is not an http(s) address")
    if is_local_address(base) and not local:
        raise EditionError(f"SITE_URL={base} is this machine's address: set the published one, or pass --local "
                           "for a copy to read here")
    return base if base.endswith("/") else base + "/"


def verify(project: Path, out: Path, editions: Sequence[Edition], base: str, *, local: bool,
           environments: Path | None, log: Callable[[str], None]) -> None:
    """Build every edition a second time and compare each file with the first build's (sha256)."""
    for edition in editions:
        with tempfile.TemporaryDirectory(prefix=f"edition-{edition.version}-again-") as temporary:
            again = Path(temporary) / "site"
            build_edition(project, edition, again, base, local=local, environments=environments, log=log)
            first, second = sha256_of_tree(out / edition.version), sha256_of_tree(again)
        differing = differing_files(first, second)
        if differing:
            raise EditionError(f"edition {edition.version} built twice differs in {len(differing)} of "
                               f"{len(first)} files: " + ", ".join(differing[:10]))
        log(f"  edition {edition.version} built again: all {len(first)} files identical (sha256)")


def run(project: Path, out: Path, *, local: bool, same_environment: bool, env_cache: Path | None,
        log: Callable[[str], None], check_twice: bool = False) -> int:
    """The ``editions`` command; 0 when everything was built, 1 (with one reason) when not."""
    from .cache import folder_for

    try:
        base = base_address(os.environ, local)
        if out.resolve() in (project.resolve(), *project.resolve().parents):
            raise EditionError(f"--out {out} would replace the project itself: name a folder of its own")
        environments = None
        if not same_environment:
            environments = env_cache or ((folder_for(project) or Path(tempfile.gettempdir()) / "companion")
                                         / "edition-environments")
            environments.mkdir(parents=True, exist_ok=True)
        editions = build_all(project, out, base, local=local, environments=environments, log=log)
        if check_twice:
            verify(project, out, editions, base, local=local, environments=environments, log=log)
    except (EditionError, OSError) as error:
        print(f"editions: {error}", file=sys.stderr)
        return 1
    names = ", ".join(e.version for e in editions) or "none (no tag vX.Y.Z yet)"
    print(f"Wrote the latest site to {out}/ and the editions {names} beside it, with versions.json; "
          f"publish {out}/ at {base}")
    return 0


def sha256_of_tree(folder: Path) -> dict[str, str]:
    """{path: sha256} of every file under a folder (for comparing two builds)."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differing_files(first: Mapping[str, str], second: Mapping[str, str]) -> Sequence[str]:
    """The paths whose content differs between two sha256_of_tree results (or that only one has)."""
    return sorted(path for path in set(first) | set(second) if first.get(path) != second.get(path))
