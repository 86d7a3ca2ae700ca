"""Results kept between runs make a second check or build faster, and never change what they report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion import citeproc, pipeline
from companion.pipeline import check_data
from support import FIXTURE_TODAY


def test_a_second_check_reuses_valid_files_and_finds_the_same(data_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cold = check_data(data_copy, FIXTURE_TODAY)
    check_data(data_copy, FIXTURE_TODAY, cache_dir=cache)

    def parse(*args):
        raise AssertionError("a file that was valid and has not changed was parsed again")

    monkeypatch.setattr(pipeline, "load_text", parse)
    warm = check_data(data_copy, FIXTURE_TODAY, cache_dir=cache)
    assert warm.ok and warm.model == cold.model


def test_an_edited_file_is_checked_again(data_copy, tmp_path):
    cache = tmp_path / "cache"
    assert check_data(data_copy, FIXTURE_TODAY, cache_dir=cache).ok
    case = next((data_copy / "cases").glob("[!_]*.yaml"))
    lines = case.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = "title: 42"
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check_data(data_copy, FIXTURE_TODAY, cache_dir=cache).problems
    assert [(p.file.endswith(case.name), p.line) for p in problems] == [(True, at + 1)]


@pytest.mark.parametrize("content", ["{not json", "[]", '{"format": 1, "fingerprint": "other", "entries": {}}', ""])
def test_a_damaged_or_foreign_cache_is_ignored(data_copy, tmp_path, content):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "valid-files.json").write_text(content, encoding="utf-8")
    checked = check_data(data_copy, FIXTURE_TODAY, cache_dir=cache)
    assert checked.ok
    stored = json.loads((cache / "valid-files.json").read_text(encoding="utf-8"))
    assert len(stored["entries"]) == len([p for p in data_copy.rglob("*.yaml") if not p.name.startswith("_")])


def test_a_cache_that_cannot_be_written_is_no_error(data_copy, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert check_data(data_copy, FIXTURE_TODAY, cache_dir=blocker / "cache").ok


def test_styled_citations_are_formatted_once(tmp_path, monkeypatch):
    items = [{"id": "one", "type": "webpage", "title": "A page", "URL": "https://example.org/a/",
              "issued": {"date-parts": [[2026, 1, 2]]}, "author": [{"literal": "Example Companion"}]},
             {"id": "two", "type": "book", "title": "A book", "publisher": "Press",
              "issued": {"date-parts": [[2020]]}, "author": [{"family": "Doe", "given": "Jane"}]}]
    first = citeproc.format_all(items, tmp_path)
    formatted = []
    real = citeproc.format_items
    monkeypatch.setattr(citeproc, "format_items", lambda batch, style: formatted.extend(batch) or real(batch, style))
    changed = [items[0], {**items[1], "title": "A second edition"}]
    second = citeproc.format_all(changed, tmp_path)
    assert [item["title"] for item in formatted] == ["A second edition"] * len(citeproc.STYLES)
    assert all(second[style]["one"] == first[style]["one"] for style in citeproc.STYLES)
    assert "A second edition" in second["apa"]["two"] and "A book" in first["apa"]["two"]
    assert second == citeproc.format_all(changed)  # the same as formatting everything afresh


def test_without_a_home_folder_there_is_simply_no_cache(monkeypatch, data_copy):
    from pathlib import Path

    from companion.cache import folder_for

    monkeypatch.delenv("COMPANION_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert folder_for(data_copy.parent) is None
    assert check_data(data_copy, FIXTURE_TODAY, cache_dir=folder_for(data_copy.parent)).ok


def test_a_problem_in_an_unchanged_file_still_names_its_line(data_copy, tmp_path):
    """Kept files keep only their values; the line of a problem found later is looked up again."""
    cache = tmp_path / "cache"
    assert check_data(data_copy, FIXTURE_TODAY, cache_dir=cache).ok
    threats = data_copy / "threats.yaml"
    threats.write_text(threats.read_text(encoding="utf-8").replace("id: phishing", "id: phishing-renamed"),
                       encoding="utf-8")
    problems = check_data(data_copy, FIXTURE_TODAY, cache_dir=cache).problems
    case_lines = (data_copy / "cases" / "example-case-2020.yaml").read_text(encoding="utf-8").splitlines()
    expected = next(n for n, line in enumerate(case_lines, 1) if line.startswith("threats:") and "phishing" in line)
    assert [(p.file, p.line) for p in problems if "phishing" in p.message] == [
        ("data/cases/example-case-2020.yaml", expected)]


def test_checking_on_several_cores_finds_the_same_as_one_by_one(data_copy):
    """Thousands of files are checked in worker processes; what they report must not change."""
    case = data_copy / "cases" / "example-case-2020.yaml"
    text = case.read_text(encoding="utf-8")
    (data_copy / "cases" / "bad-shape.yaml").write_text(text.replace("id: example-case-2020", "id: bad-shape")
                                                        .replace("threats: [espionage, phishing]", "threats: 12"),
                                                        encoding="utf-8")
    (data_copy / "cases" / "bad-yaml.yaml").write_text(text.replace("threats:", "threats: [", 1), encoding="utf-8")
    case.write_text(text.replace("threats: [espionage, phishing]", "threats: [espionage, no-such-threat]"),
                    encoding="utf-8")
    one_by_one = [p.text() for p in check_data(data_copy, FIXTURE_TODAY).problems]
    # A fresh interpreter, so that no other thread runs while the workers are forked.
    script = ("import json, sys; from companion import pipeline; from support import FIXTURE_TODAY; "
              "from concurrent.futures import ProcessPoolExecutor; used = []; "
              "pipeline.ProcessPoolExecutor = lambda *a, **k: used.append(1) or ProcessPoolExecutor(*a, **k); "
              "pipeline._PARALLEL_FROM = 1; "
              "found = [p.text() for p in pipeline.check_data(pipeline.Path(sys.argv[1]), FIXTURE_TODAY).problems]; "
              "print(json.dumps({'pool': bool(used), 'problems': found}))")
    done = subprocess.run([sys.executable, "-c", script, str(data_copy)], capture_output=True, text=True,
                          cwd=Path(__file__).parent, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
    parallel = json.loads(done.stdout)
    assert parallel["pool"], "the worker processes were not used"
    assert len(one_by_one) >= 3 and parallel["problems"] == one_by_one


def test_compiled_templates_are_reused_until_a_template_changes(monkeypatch):
    """The preview keeps Material's compiled templates between rebuilds; an edited template is new."""
    import jinja2

    from companion.plugin import CompanionPlugin

    templates = CompanionPlugin().templates

    compiled = []
    compile_template = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, source, *args, **kwargs: compiled.append(source)
                        or compile_template(self, source, *args, **kwargs))
    sources = {"page.html": "first {{ n }}"}

    def rebuild(n: int) -> str:  # MkDocs makes a new environment for every rebuild
        environment = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=templates)
        return environment.get_template("page.html").render(n=n)

    assert (rebuild(1), rebuild(2)) == ("first 1", "first 2")
    assert compiled == ["first {{ n }}"]
    sources["page.html"] = "second {{ n }}"
    assert rebuild(3) == "second 3"
    assert compiled == ["first {{ n }}", "second {{ n }}"]
