"""Command line: ``python -m companion check|render``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import render_all
from .pipeline import check_data
from .problems import report
from .site import last_changed, load_site
from .writer import write_tree

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", type=Path, default=ROOT / "data", help="data folder (default: data/)")
    parser = argparse.ArgumentParser(prog="python -m companion", description="Check and render the companion's data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", parents=[common], help="check every data file; print one line per problem")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="'github' prints workflow annotations for pull requests")
    render = commands.add_parser("render", parents=[common],
                                 help="write the whole docs tree (hand-written and generated pages)")
    render.add_argument("--out", type=Path, default=ROOT / "build" / "docs", help="output folder (default: build/docs)")
    render.add_argument("--docs", type=Path, default=ROOT / "docs", help="hand-written pages (default: docs/)")
    args = parser.parse_args(argv)

    checked = check_data(args.data)
    if args.command == "check":
        print(report(checked.problems, args.format))
        return 0 if checked.ok else 1
    if not checked.ok:
        print(report(checked.problems), file=sys.stderr)
        print("Nothing was written: fix the problems above first.", file=sys.stderr)
        return 1
    hand_written = {p.relative_to(args.docs).as_posix(): p.read_text(encoding="utf-8")
                    for p in args.docs.rglob("*.md")}
    try:
        pages = render_all(checked.model, load_site(ROOT), last_changed(ROOT), hand_written)
        written = write_tree(pages, args.out, args.docs)
    except (ValueError, RuntimeError, OSError) as error:
        print(f"render: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} changed file(s) to {args.out}.")
    return 0
