"""Do the tests fail when the code is wrong? Small, realistic bugs, one at a time (mutation testing).

    .venv/bin/python benchmarks/mutation.py [--only NAME ...]

Each mutant below changes one thing in the modules that keep readers safe and citations right
(markup, loader, the schemas' patterns, validate, bibtex, ris, citation, urls, relations, csp,
the renderer). For each, the package is copied to a temporary folder, the change is made there,
and the quick test tier runs against the copy (PYTHONPATH puts it first), stopping at the
first failure. The golden-file comparisons are left out: a mutant counts as caught only if a
test of behaviour fails. Prints each result, then `mutation score: caught/total` and the
survivors. Run on demand, not in CI (about ten seconds a mutant).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "companion"


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str  # relative to scripts/companion/
    old: str  # must occur exactly once
    new: str
    bug: str  # what a reader or citer would suffer


MUTANTS = [
    # --- markup: data text made inert -----------------------------------------------------------
    Mutant("markup-no-pipe", "render/markup.py", '_ACTIVE = frozenset("\\\\`*_{}[]<>&|!#")',
           '_ACTIVE = frozenset("\\\\`*_{}[]<>&!#")', "a '|' in data splits a table cell"),
    Mutant("markup-no-angle", "render/markup.py", '_ACTIVE = frozenset("\\\\`*_{}[]<>&|!#")',
           '_ACTIVE = frozenset("\\\\`*_{}[]&|!#")', "raw HTML from data reaches the page"),
    Mutant("markup-block-start", "render/markup.py", "    if block_start and _BLOCK_START.match(escaped):",
           "    if False:", "a title starting with '# ' becomes a heading"),
    Mutant("markup-attribute-unescaped", "render/markup.py",
           '    return html.escape(_WHITESPACE.sub(" ", text).strip(), quote=True)',
           '    return _WHITESPACE.sub(" ", text).strip()', "a quote in a title breaks out of a meta tag"),
    Mutant("markup-tooltip-once", "render/markup.py", "    return html.escape(once, quote=False)",
           "    return once", "a glossary definition runs as HTML in its tooltip"),
    Mutant("markup-json-script", "render/markup.py", 'return text.replace("<", "\\\\u003c")',
           'return text.replace("<<", "\\\\u003c")', "'</script>' in data ends the JSON-LD block"),
    Mutant("markup-url-any-scheme", "render/markup.py", "    if not _WEB_ADDRESS.match(address):",
           "    if False:", "a javascript: address becomes a link if the schema lets it through"),
    Mutant("markup-yaml-printable", "render/markup.py",
           '    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\\\u{ord(m.group()):04x}", quoted)',
           "    return quoted", "a character YAML cannot hold breaks the page's front matter"),
    # --- loader ------------------------------------------------------------------------------------
    Mutant("loader-bidi-isolates", "loader.py", "\\u202a-\\u202e\\u2066-\\u2069]",
           "\\u202a-\\u202e]", "a direction isolate in a comment hides what the text says"),
    Mutant("loader-duplicate-keys", "loader.py", "            if key.value in result:",
           "            if False:", "the second of two equal keys silently wins"),
    Mutant("loader-aliases", "loader.py", "    if isinstance(event, yaml.AliasEvent):",
           "    if False:", "a billion-laughs file exhausts memory"),
    Mutant("loader-depth", "loader.py", "    if depth > MAX_DEPTH:", "    if depth > 10_000:",
           "deep nesting crashes the checker"),
    Mutant("loader-forbidden-characters", "loader.py", "    if _PLAIN.fullmatch(text):\n        return None",
           "    return None", "invisible characters and escapes reach every output"),
    Mutant("loader-size", "loader.py", "        return stream.read(MAX_BYTES + 1)", "        return stream.read()",
           "a link to /dev/zero is read whole"),
    # --- the schemas' patterns --------------------------------------------------------------------
    Mutant("schema-url-anchor", "schemas/common.schema.json", '"pattern": "^https?://',
           '"pattern": "https?://', "javascript:…//https://x passes as an address"),
    Mutant("schema-doi-pattern", "schemas/common.schema.json", '"pattern": "^10\\\\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+$"',
           '"pattern": "^10\\\\.[0-9]{4,9}/.+$"', "TeX reaches the .bib through a DOI"),
    Mutant("schema-ecma-dollar", "schema.py", '            char = r"\\Z"', "            pass",
           "an id with a trailing newline passes"),
    Mutant("schema-userinfo", "schema.py", '    if "@" in parts.netloc:', "    if False:",
           "https://www.cisa.gov@evil.example/ passes"),
    Mutant("schema-mixed-script", "schema.py", "        if len(scripts) > 1:", "        if False:",
           "a host with a Cyrillic letter among Latin ones passes"),
    # --- validate --------------------------------------------------------------------------------
    Mutant("validate-end-first-day", "validate.py", "        if start and end and _last_day(case.end) < start:",
           "        if start and end and end < start:", "a case ending in its start's month is refused"),
    Mutant("validate-future", "validate.py", "        elif day > today:",
           "        elif day > today.replace(year=9999):", "dates in the future pass"),
    Mutant("validate-source-number", "validate.py", "                if item.source > count:",
           "                if item.source > count + 1:", "an attribution names a source that does not exist"),
    Mutant("validate-no-primary", "validate.py", "        if not any(source.primary for source in case.sources):",
           "        if False:", "a case without a primary source passes"),
    Mutant("validate-reserved-page", "validate.py", "        if path in fixed:", "        if False:",
           "a case called 'timeline' passes check"),
    Mutant("validate-cite-prefix", "validate.py", '        if anchor.startswith("cite-"):', "        if False:",
           "a glossary id clashes with the cite boxes' ids"),
    Mutant("validate-uncited", "validate.py", "        if reference.id not in cited:", "        if False:",
           "a reference nobody cites stays in the bibliography"),
    Mutant("suggest-cutoff", "problems.py", "_CLOSE = 0.75", "_CLOSE = 0.9", "close typos get no guess"),
    Mutant("suggest-cutoff-low", "problems.py", "_CLOSE = 0.75", "_CLOSE = 0.5", "unrelated ids get a wrong guess"),
    # --- exports ---------------------------------------------------------------------------------
    Mutant("bibtex-braces", "bibtex.py", '"{": r"\\textbraceleft{}", "}": r"\\textbraceright{}",',
           '"{": r"\\{", "}": r"\\}",', "a title closes its BibTeX field and forges a record"),
    Mutant("bibtex-month", "bibtex.py", '        fields.append(Field("month", _MONTHS[parts[1] - 1]))',
           '        fields.append(Field("month", _MONTHS[parts[1] % 12]))', "every citation a month late"),
    Mutant("bibtex-url-raw", "bibtex.py", '        fields.append(Field("url", verbatim(item["URL"])))',
           '        fields.append(Field("url", item["URL"]))', "braces in an address reach TeX"),
    Mutant("bibtex-name-and", "bibtex.py", '    return "{" + escaped + "}" if re.search(',
           '    return escaped if re.search(', "a name with ' and ' becomes two authors"),
    Mutant("ris-report-gen", "ris.py", '"report": "RPRT"', '"report": "GEN"', "reports import as generic items"),
    Mutant("ris-line-breaks", "ris.py", '        return _LINE_BREAKS.sub(" ", value).strip()',
           "        return value.strip()", "a line break in a title adds a RIS record"),
    Mutant("csv-formula", "render/exports.py", '_FORMULA_STARTS = ("=", "+", "-", "@", "\\t", "\\r")',
           '_FORMULA_STARTS = ("+", "-", "@", "\\t", "\\r")', "=HYPERLINK(…) runs in a spreadsheet"),
    # --- citations and links -----------------------------------------------------------------------
    Mutant("citation-pinpoint", "citation.py", '        item["section"] = f"¶ {entity.id}"',
           '        item["section"] = ""', "a claim's citation loses its pinpoint"),
    Mutant("citation-accessed", "citation.py", 'ACCESSED_SENTINEL = "1900-01-01"',
           'ACCESSED_SENTINEL = "2026-01-01"', "the build's date is baked in as the access date"),
    Mutant("urls-anchor", "urls.py", '    return relative + (f"#{anchor}" if anchor else "")\n\n\n@lru_cache',
           '    return relative\n\n\n@lru_cache', "links to claims and references lose their anchor"),
    Mutant("relations-identity", "render/relations.py", "        if marker not in seen:",
           "        if True:", "a case listed twice under a threat"),
    Mutant("explore-set-order", "render/explore.py",
           "    return sorted({actors[i].country for i in ids if actors[i].country})",
           "    return list({actors[i].country for i in ids if actors[i].country})",
           "the pages change from build to build (hash order)"),
    Mutant("render-page-clash", "render/__init__.py", "        if path in out:  #", "        if False:  #",
           "one page silently replaces another"),
    Mutant("glossary-abbreviation-guard", "render/glossary.py",
           "            if not _ABBREVIATION.fullmatch(spelling) or not tooltip",
           "            if False and not tooltip",
           "a term Markdown cannot take turns its definition into live Markdown"),
    Mutant("csp-content-hashed", "csp.py", '    theirs = html.replace(content, "") if content else html',
           "    theirs = html", "a script in page content gets a hash and would run"),
    Mutant("csp-json-hashed", "csp.py", '_RUNS = {"", "text/javascript", "application/javascript", "module"}',
           '_RUNS = {"", "text/javascript", "application/javascript", "module", "application/ld+json"}',
           "a data block is allowed as a script (harmless but wrong)"),
]

# Mutants that change nothing a user can see, with the reason; they are not counted in the score.
EQUIVALENT = {
    "csp-json-hashed": "the browser never runs a JSON-LD block, so allowing its hash changes nothing",
    "loader-aliases": "an alias needs an anchor first, and the anchor is refused on sight: the alias check is a "
                      "second wall that no file can reach",
}

TESTS = ["-m", "not browser and not latex and not slow", "-k", "not golden_file", "-x", "-q", "-p", "no:cacheprovider",
         "-o", "pythonpath="]


def run(mutant: Mutant) -> tuple[bool, float, str]:
    """(caught, seconds, the first failing test) for one mutant."""
    with tempfile.TemporaryDirectory(prefix="mutant-") as folder:
        copy = Path(folder) / "companion"
        shutil.copytree(PACKAGE, copy)
        target = copy / mutant.file
        text = target.read_text(encoding="utf-8")
        if text.count(mutant.old) != 1:
            raise SystemExit(f"{mutant.name}: the text to change occurs {text.count(mutant.old)} times "
                             f"in {mutant.file}")
        target.write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": folder, "COMPANION_CACHE": str(Path(folder) / "cache")}
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "pytest", *TESTS], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=900)
        failed = next((line.split(" - ")[0] for line in done.stdout.splitlines() if line.startswith("FAILED")), "")
        return done.returncode != 0, time.perf_counter() - start, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="run only these mutants")
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.only or m.name in args.only]
    survivors = []
    for mutant in chosen:
        caught, seconds, failed = run(mutant)
        print(f"{'caught  ' if caught else 'SURVIVED'} {mutant.name:32} {seconds:5.1f} s  {failed or mutant.bug}",
              flush=True)
        if not caught:
            survivors.append(mutant)
    counted = [m for m in chosen if m.name not in EQUIVALENT]
    caught_count = sum(1 for m in counted if m not in survivors)
    print(f"\nmutation score: {caught_count}/{len(counted)}"
          + (f" ({100 * caught_count / len(counted):.0f} %)" if counted else ""))
    for mutant in survivors:
        reason = EQUIVALENT.get(mutant.name)
        print(f"  survivor {mutant.name}: {mutant.bug}" + (f" (equivalent: {reason})" if reason else ""))


if __name__ == "__main__":
    main()
