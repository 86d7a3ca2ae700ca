"""A newcomer's path: new-case, fill in, check; and the GitHub files that support it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

import yaml

from companion.newcase import to_do
from companion.pipeline import check_data
from support import ROOT, VALID, project_without_data

FILLED = {  # what a contributor writes on each line that says FILL IN (fixture ids)
    "summary": "  Something happened; both sources say so.",
    "start": 'start: "2019-03"',
    "end": 'end: "2019-04"',
    "actor": "actor: apt-example",
    "threats": "threats: [espionage]",
    "date": 'date: "2019-05-01"',
    "by": "by: de",
    "to": "to: [apt-example]",
    "note": "note: Supports the attribution.",
    "description": "description: Summoned the ambassador.",
    "title": "title: Statement by the ministry",
    "publisher": "publisher: Example ministry",
    "url": "url: https://example.org/statement-2019",
    "legal_none": "legal_none: No state has been named, so no rule of state responsibility can yet apply.",
    "not_found": "not_found: Looked for in EuRepoC and the CFR tracker on 1 May 2019; in neither.",
}


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "companion", *args], cwd=cwd, capture_output=True, text=True)


def test_new_case_then_filling_in_passes_check(data_copy):
    shutil.copyfile(ROOT / "data" / "cases" / "_template.yaml", data_copy / "cases" / "_template.yaml")
    created = run("new-case", "Hack of the example parliament (2019)", "--data", str(data_copy))
    assert created.returncode == 0, created.stderr
    path = data_copy / "cases" / "hack-example-parliament-2019.yaml"  # house style: telling words and the year
    assert f"Created {path.relative_to(data_copy.parent)}" in created.stdout
    assert "permanent once released" in created.stdout
    text = path.read_text(encoding="utf-8")
    assert f'created: "{dt.date.today().isoformat()}"' in text
    listed = to_do(text)
    assert listed and all(line in created.stdout for line in listed)

    # Unfilled, check names every placeholder at its line, all in one run (not 13 now and 15 later).
    problems = check_data(data_copy, dt.date.today()).problems
    assert {p.code for p in problems} == {"placeholder"}
    assert {p.line for p in problems} == {int(line.split()[1].rstrip(":")) for line in listed}
    assert all(re.fullmatch(r"[a-z_]+(\[\d+\]|\.[a-z_]+)*", p.message.split(" still says")[0]) for p in problems)
    assert "initiators[1].actor still says" in " ".join(p.message for p in problems)  # counted from 1, as people do
    # Filled in as a contributor would: each FILL IN line replaced, optional ones deleted.
    lines = []
    for line in text.splitlines():
        if "FILL" in line and not line.lstrip().startswith("#"):
            indent = line[: len(line) - len(line.lstrip())]
            field = re.match(r"\s*(?:- )?([a-z_]+):", line)
            key = field.group(1) if field else "summary"
            if key in ("archive_url", "act"):
                continue
            prefix = "- " if line.lstrip().startswith("- ") else ""
            lines.append(FILLED[key] if key == "summary" else indent + prefix + FILLED[key])
        else:
            lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check_data(data_copy, dt.date.today()).problems
    assert problems == [], path.read_text(encoding="utf-8")


def test_new_case_refuses_to_overwrite(data_copy):
    shutil.copyfile(ROOT / "data" / "cases" / "_template.yaml", data_copy / "cases" / "_template.yaml")
    assert run("new-case", "Example case 2020", "--data", str(data_copy)).returncode == 1  # exists in the fixture
    refused = run("new-case", "Example case", "--data", str(data_copy))
    assert refused.returncode == 0
    again = run("new-case", "Example case", "--data", str(data_copy))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_the_template_explains_every_field_of_the_case_schema():
    import json

    schema = json.loads((ROOT / "data" / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    template = (ROOT / "data" / "cases" / "_template.yaml").read_text(encoding="utf-8")
    for field in schema["properties"]:
        assert re.search(rf"^(# )?{field}:", template, re.M), f"the template lacks {field}"


def test_the_issue_form_asks_for_every_required_case_field():
    import json

    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-case.yml").read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    required = set(json.loads((ROOT / "data" / "schema" / "case.schema.json").read_text(encoding="utf-8"))["required"])
    # Fields a maintainer fills in when turning the proposal into a file:
    required -= {"id", "created", "modified", "review"}
    assert required <= ids | {"actors"}, required - ids


def test_workflows_run_the_check_the_tests_and_a_strict_build():
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert "pull_request" in ci[True]  # PyYAML reads the key `on` as true
    steps = " ".join(step.get("run", "") for step in ci["jobs"]["check"]["steps"])
    for command in ("companion check --format github", "ruff check", "mkdocs build --strict", "pytest"):
        assert command in steps
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    uses = [step.get("uses", "") for job in pages["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    build = " ".join(step.get("run", "") for step in pages["jobs"]["build"]["steps"])
    # The latest site and every edition (tags vX.Y.Z) are published together (scripts/companion/editions.py).
    assert "companion editions --out site" in build and "companion check" in build
    steps = pages["jobs"]["build"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the tags, and the history pages' dates come from
    site_url = next(step["env"]["SITE_URL"] for step in steps if "editions" in step.get("run", ""))
    assert "steps.pages.outputs.base_url" in site_url


def test_the_pull_request_template_has_the_review_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5 and "companion check" in template


def test_check_ends_with_a_count(data_copy):
    (data_copy / "threats.yaml").write_text((data_copy / "threats.yaml").read_text(encoding="utf-8")
                                            .replace("parent: espionage", "parent: espionnage"), encoding="utf-8")
    done = run("check", "--data", str(data_copy))
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "1 problem found."
    assert "did you mean 'espionage'?" in done.stdout


def test_new_case_warns_when_a_case_with_that_title_exists(data_copy):
    shutil.copyfile(ROOT / "data" / "cases" / "_template.yaml", data_copy / "cases" / "_template.yaml")
    created = run("new-case", "Example case.", "--data", str(data_copy))
    assert created.returncode == 0, created.stderr
    assert 'data/cases/example-case-2020.yaml is titled "Example case"' in created.stdout


def second_clone(tmp_path):
    """Another checkout of the project, worked on with this checkout's installed package."""
    clone = project_without_data(tmp_path / "clone")
    shutil.copytree(VALID, clone / "data")
    shutil.copyfile(ROOT / "data" / "cases" / "_template.yaml", clone / "data" / "cases" / "_template.yaml")
    return clone


def test_commands_work_on_the_project_they_are_run_in(tmp_path):
    """From a second clone, check used to read the installed checkout's data and say all was well."""
    clone = second_clone(tmp_path)
    case = clone / "data" / "cases" / "example-case-2020.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("threats: [espionage", "threats: [espionnage"),
                    encoding="utf-8")
    done = run("check", cwd=clone)
    assert done.returncode == 1 and "data/cases/example-case-2020.yaml" in done.stdout, done.stdout
    assert run("check", cwd=clone / "data" / "cases").returncode == 1  # from a folder inside it, too
    created = run("new-case", "Hack of the example ministry (2021)", cwd=clone)
    assert created.returncode == 0, created.stderr
    assert (clone / "data" / "cases" / "hack-example-ministry-2021.yaml").exists()
    assert not (ROOT / "data" / "cases" / "hack-example-ministry-2021.yaml").exists()


def test_outside_any_project_the_command_says_where_to_run_it(tmp_path):
    done = run("check", cwd=tmp_path)
    assert done.returncode == 2 and "mkdocs.yml" in done.stderr


def test_check_says_when_more_problems_may_follow(data_copy):
    """A file with problems of its own is not checked against the others: its unknown ids come next."""
    case = data_copy / "cases" / "example-case-2020.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("threats: [espionage", "threats: [espionnage")
                    .replace("    url: https://example.org/statement\n", ""), encoding="utf-8")
    done = run("check", "--data", str(data_copy))
    assert done.returncode == 1
    assert "missing-field" in done.stdout and "espionnage" not in done.stdout
    assert done.stdout.splitlines()[-1].startswith("1 file could not be checked against the others yet")
