"""Command line: ``python -m companion check|render|editions|…`` (``--help`` lists them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cache import folder_for
from .model import Model
from .pipeline import check_data
from .problems import BuildError, report
from .site import last_changed, load_site
from .writer import write_tree


def find_project(start: Path) -> Path | None:
    """The project a command works on: the folder it is run in, or the nearest one above it that
    holds mkdocs.yml and data/ (never the checkout the package happens to be installed from)."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
            return folder
    return None


def start_case(title: str, data: Path) -> int:
    import datetime as dt

    from .newcase import PERMANENT, new_case, similar_cases, to_do

    try:
        target, text = new_case(title, data / "cases", dt.date.today())
    except (ValueError, FileExistsError, OSError) as error:
        print(f"new-case: {error}", file=sys.stderr)
        return 1
    target.write_text(text, encoding="utf-8")
    shown = target.relative_to(data.parent) if target.is_relative_to(data.parent) else target
    for other, other_title in similar_cases(title, target, data / "cases"):
        print(f"Note: {other.relative_to(data.parent).as_posix()} is titled \"{other_title}\": "
              "check that it is not the same case.")
    print(f"Created {shown} (id '{target.stem}'). {PERMANENT}")
    print("Fill in (or delete, where optional) these lines:")
    print("\n".join(to_do(text)))
    print("Then run: .venv/bin/python -m companion check   and preview with: .venv/bin/mkdocs serve --dirty")
    return 0


def import_bib(bibfile: Path, data: Path) -> int:
    """Append the file's entries to data/references.yaml, or change nothing and say why."""
    import datetime as dt

    from . import bibimport, schema
    from .loader import LoadError, load_file, load_text

    references = data / "references.yaml"
    try:
        bib_text = bibfile.read_text(encoding="utf-8")
        existing = load_file(references, "data/references.yaml").data["references"]
        imported = bibimport.import_entries(bib_text, existing, dt.date.today(), bibfile.name)
    except (OSError, UnicodeDecodeError) as error:
        print(f"import-bib: cannot read {bibfile}: {error}", file=sys.stderr)
        return 1
    except LoadError as error:
        print(f"import-bib: fix data/references.yaml first: {error.problem.text()}", file=sys.stderr)
        return 1
    except bibimport.BibImportError as error:
        print(f"import-bib: nothing was imported from {bibfile}:\n{error}", file=sys.stderr)
        return 1
    if not imported:
        print(f"import-bib: {bibfile} has no entries.")
        return 0
    updated = bibimport.append_to_file(references, imported)
    problems = schema.check(load_text(updated.encode("utf-8"), "data/references.yaml"), "references.schema.json")
    if problems:
        print(f"import-bib: nothing was imported; the entries would not be valid:\n{report(problems)}",
              file=sys.stderr)
        return 1
    references.write_text(updated, encoding="utf-8")
    for item in imported:
        renamed = f" (was {item.original_key})" if item.key != item.original_key else ""
        print(f"added {item.key}{renamed}")
    print(f"Added {len(imported)} reference(s) to {references}, marked unverified. Cite each one from a claim or "
          "case (check reports uncited references), and check its fields against the source.")
    return 0


def update_public_urls(root: Path, model: Model, docs: Path, update: bool, cache_dir: Path | None) -> int:
    """At a release, the maintainer adds the new pages and anchors to the list that keeps them forever, the
    addresses of every edition tagged so far (/X.Y.Z/…, those its own list had), and those editions' tags to
    the record of released editions."""
    from . import urls
    from .build import hand_written_pages, render_all
    from .editions import RECORD, EditionError, record_text, recorded_editions, released_urls_at

    try:
        site = load_site(root)
        current = urls.public_urls(render_all(model, site, {}, hand_written_pages(docs), cache_dir), model)
        editions = recorded_editions(root)
        for edition in editions:
            current |= urls.edition_permalinks(edition.version, released_urls_at(root, edition))
    except (EditionError, BuildError, ValueError) as error:
        print(f"public-urls: {error}", file=sys.stderr)
        return 1
    listing = root / "tests" / "public-urls.txt"
    _, listed = urls.read_released_urls(listing.read_text(encoding="utf-8") if listing.exists() else "")
    new = sorted(current - listed)
    print("\n".join(new) if new else "Every URL of the site is listed.")
    if update:
        listing.write_text(urls.released_urls_file(site.version, listed | current), encoding="utf-8")
        (root / RECORD).write_text(record_text({e.tag: e.commit for e in editions}), encoding="utf-8")
        print(f"{listing.relative_to(root)}: {len(new)} added; the list is now up to version {site.version}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", type=Path, help="data folder (default: data/ of the project you are in)")
    common.add_argument("--no-cache", action="store_true",
                        help="do everything afresh, without the results kept from earlier runs")
    parser = argparse.ArgumentParser(prog="python -m companion", description="Check and render the companion's data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", parents=[common], help="check every data file; print one line per problem")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="'github' prints workflow annotations for pull requests")
    render = commands.add_parser("render", parents=[common],
                                 help="write the whole docs tree (hand-written and generated pages)")
    render.add_argument("--out", type=Path, help="output folder (default: build/docs)")
    render.add_argument("--docs", type=Path, help="hand-written pages (default: docs/)")
    importer = commands.add_parser("import-bib", parents=[common],
                                   help="add the entries of a BibTeX file to data/references.yaml")
    importer.add_argument("bibfile", type=Path, help="a .bib file, e.g. exported from Zotero")
    starter = commands.add_parser("new-case", parents=[common], help="start a new case file from the template")
    starter.add_argument("title", help='the case\'s title, e.g. "Hack of the Bundestag (2015)"')
    released = commands.add_parser("public-urls", parents=[common],
                                   help="list the site's URLs not yet in tests/public-urls.txt (--update: add them)")
    released.add_argument("--update", action="store_true",
                          help="add them, and record the current version as the release the list is up to")
    editions = commands.add_parser(
        "editions", help="build the latest site and every edition (each tag vX.Y.Z, from its own code and data) "
                         "into one folder to publish; the address comes from SITE_URL")
    editions.add_argument("--out", type=Path, required=True,
                          help="folder to write (replaced): the latest site, X.Y.Z/ per edition, versions.json")
    editions.add_argument("--local", action="store_true",
                          help="a copy to read on this machine: SITE_URL may be left unset (http://127.0.0.1:8000/)")
    editions.add_argument("--same-environment", action="store_true",
                          help="build every edition with this Python and its packages, not each tag's own "
                               "virtual environment (quicker; for tests)")
    editions.add_argument("--env-cache", type=Path,
                          help="where the tags' virtual environments are kept (default: in the project's cache)")
    editions.add_argument("--verify", action="store_true",
                          help="then build every edition again and check that each file is byte for byte the same")
    synth = commands.add_parser("synth", help="write a data folder with N made-up cases (for benchmarks)")
    synth.add_argument("n", type=int, help="number of cases")
    synth.add_argument("--out", type=Path, required=True, help="folder to create (replaced if it exists)")
    synth.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    root = find_project(Path.cwd().resolve())
    if root is None and getattr(args, "data", None):
        root = args.data.resolve().parent
    if root is None:
        print(f"{args.command}: run it in the project's folder (the one with mkdocs.yml and data/), "
              "or name the data folder with --data", file=sys.stderr)
        return 2
    if getattr(args, "data", "-") is None:
        args.data = root / "data"
    if args.command == "editions":
        from .editions import run

        return run(root, args.out.resolve(), local=args.local, same_environment=args.same_environment,
                   env_cache=args.env_cache.resolve() if args.env_cache else None,
                   log=lambda line: print(line, file=sys.stderr, flush=True), check_twice=args.verify)
    if args.command == "synth":
        from .synth import synthesize

        synthesize(args.n, root / "data", args.out, args.seed)
        print(f"Wrote {args.n} synthetic cases to {args.out}.")
        return 0
    if args.command == "new-case":
        return start_case(args.title, args.data)
    if args.command == "import-bib":
        return import_bib(args.bibfile, args.data)

    cache_dir = None if args.no_cache else folder_for(args.data.resolve().parent)
    checked = check_data(args.data, cache_dir=cache_dir)
    if args.command == "check":
        print(report(checked.problems, args.format, checked.left_out))
        return 0 if checked.ok else 1
    if not checked.ok or checked.model is None:
        print(report(checked.problems), file=sys.stderr)
        print("Nothing was written: fix the problems above first.", file=sys.stderr)
        return 1
    from .build import hand_written_pages, render_all  # not needed by `check`, and slow to import

    docs = getattr(args, "docs", None) or root / "docs"
    if args.command == "public-urls":
        return update_public_urls(root, checked.model, docs, args.update, cache_dir)
    out = args.out or root / "build" / "docs"
    try:
        pages = render_all(checked.model, load_site(root), last_changed(root), hand_written_pages(docs), cache_dir)
        written = write_tree(pages, out, docs)
    except (BuildError, OSError, ValueError) as error:  # ValueError: the edition the build would be (site.py)
        print(f"render: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} changed file(s) to {out}.")
    return 0
