"""Editions: every tag vX.Y.Z built from its own code and data, frozen, cited by its own address; and no build
for publishing with this machine's address.

The quick tests check the pure parts; the slow ones build a throwaway repository's editions (tests/support.py:
v1.0.0, v1.1.0 and a newer HEAD) and the real repository's tags. The banner itself is tested in Chromium
(tests/browser/test_edition_banner.py).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from companion import editions, urls
from companion.citation import Site
from companion.render.citebox import addresses
from companion.site import editions_in_git, with_edition
from support import EDITION_WORDING, GONE_PAGE, ROOT, build_editions, edited_case, missing_addresses

SITE = Site(name="Example", url="https://example.org/dd/", version="1.2.0", released="2026-01-01")


# --- pure parts -------------------------------------------------------------------------------------------


def test_only_tags_vX_Y_Z_are_editions_and_the_newest_comes_first():
    assert [editions.version_of_tag(t) for t in ("v1.2.0", "v10.0.3", "1.2.0", "v1.2", "v1.2.0-rc1", "latest")] \
        == ["1.2.0", "10.0.3", None, None, None, None]
    assert editions.newest_first(["0.9.0", "0.10.0", "0.3.1", "0.10.0"]) == ["0.10.0", "0.9.0", "0.3.1"]


def test_versions_json_is_mikes_format_newest_first():
    assert json.loads(editions.versions_json(["0.4.0", "0.5.0", "0.3.1"])) == [
        {"version": "0.5.0", "title": "0.5.0", "aliases": ["latest"]},
        {"version": "0.4.0", "title": "0.4.0", "aliases": []},
        {"version": "0.3.1", "title": "0.3.1", "aliases": []}]
    assert json.loads(editions.versions_json([])) == []


def test_the_edition_comes_from_the_builder_or_the_tag_at_head():
    # Published as an edition under the latest site: its address is <latest>X.Y.Z/.
    published = with_edition(replace(SITE, url="https://example.org/dd/1.2.0/"), "", "1.2.0", "1.2.0")
    assert (published.edition, published.latest, published.newest_edition) == ("1.2.0", "https://example.org/dd/",
                                                                               "")
    # The latest site at a tagged commit is that edition too; its own address is the latest's.
    at_tag = with_edition(SITE, "1.2.0", "1.2.0", None)
    assert (at_tag.edition, at_tag.latest) == ("1.2.0", "https://example.org/dd/")
    # Ahead of the last tag: no edition, and the newest one is named.
    ahead = with_edition(SITE, "", "1.1.0", None)
    assert (ahead.edition, ahead.newest_edition) == ("", "1.1.0")
    # COMPANION_EDITION says otherwise than the tag: empty means "no edition".
    assert with_edition(SITE, "1.2.0", "1.2.0", "").edition == ""
    with pytest.raises(ValueError, match=r"extra\.version is 1\.2\.0"):
        with_edition(SITE, "1.3.0", "1.3.0", None)  # tagged v1.3.0 before the version was set to it
    with pytest.raises(ValueError, match="is not an edition"):
        with_edition(SITE, "", "", "latest")


def test_a_build_knows_the_tag_at_head_only_while_no_tracked_file_differs(tmp_path):
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "tag.gpgsign=false",
                        "-c", "commit.gpgsign=false", *args], cwd=tmp_path, check=True, capture_output=True)

    assert editions_in_git(tmp_path) == ("", "")  # not a repository
    git("init", "--quiet")
    (tmp_path / "a.txt").write_text("one\n")
    git("add", "a.txt")
    git("commit", "--quiet", "-m", "one")
    git("tag", "-a", "v0.9.0", "-m", "0.9.0")
    git("tag", "v0.10.0")  # a lightweight tag is an edition too
    git("tag", "not-an-edition")
    assert editions_in_git(tmp_path) == ("0.10.0", "0.10.0")
    (tmp_path / "untracked.txt").write_text("x\n")
    assert editions_in_git(tmp_path) == ("0.10.0", "0.10.0")  # untracked files are not the build's
    (tmp_path / "a.txt").write_text("changed\n")
    assert editions_in_git(tmp_path) == ("", "0.10.0")
    git("commit", "--quiet", "-am", "two")
    assert editions_in_git(tmp_path) == ("", "0.10.0")
    assert [(e.version, e.tag) for e in editions.list_editions(tmp_path)] == [("0.10.0", "v0.10.0"),
                                                                              ("0.9.0", "v0.9.0")]


def _links(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(li.get_text(" ", strip=True).split(":")[0], li.a["href"]) for li in soup.select("li")]


def test_a_cite_box_in_an_edition_gives_this_editions_address_and_the_latests():
    published = replace(SITE, url="https://example.org/dd/1.2.0/", edition="1.2.0", latest_url="https://example.org/dd/")
    assert _links(addresses(published, "https://example.org/dd/1.2.0/paper/body/#c2")) == [
        ("This edition (1.2.0), which never changes", "https://example.org/dd/1.2.0/paper/body/#c2"),
        ("The latest version, which follows corrections", "https://example.org/dd/paper/body/#c2")]
    at_tag = replace(SITE, edition="1.2.0")
    assert _links(addresses(at_tag, "https://example.org/dd/cases/x/")) == [
        ("This edition (1.2.0), which never changes", "https://example.org/dd/1.2.0/cases/x/"),
        ("The latest version, which follows corrections", "https://example.org/dd/cases/x/")]


def test_a_cite_box_newer_than_every_edition_gives_the_latest_and_names_the_newest_edition():
    box = addresses(replace(SITE, newest_edition="1.1.0"), "https://example.org/dd/")
    assert _links(box) == [("The latest version, which follows corrections", "https://example.org/dd/"),
                           ("Not in an edition yet, so this text may differ from the newest edition, 1.1.0, "
                            "whose pages never change", "https://example.org/dd/1.1.0/")]
    assert _links(addresses(SITE, "https://example.org/dd/")) == [
        ("The latest version, which follows corrections", "https://example.org/dd/")]
    assert addresses(SITE, "https://www.cyjurii.work/blogs/x") == ""  # the paper is not a page of this site


def test_the_banner_script_is_added_once_with_the_way_up_to_the_published_folder():
    page = "<html><head></head><body><p>text</p></body></html>"
    deep = editions.with_banner_script(page, "0.4.0", depth=2)  # 0.4.0/cases/x/index.html
    assert deep.count("<script") == 1 and deep.index("<script") > deep.index("<p>text")
    tag = BeautifulSoup(deep, "html.parser").script
    assert (tag["src"], tag["data-edition"], tag["data-root"]) == ("../../../javascripts/editions.js", "0.4.0",
                                                                   "../../../")
    assert editions.with_banner_script(deep, "0.4.0", depth=2) == deep  # already there: unchanged
    home = BeautifulSoup(editions.with_banner_script(page, "0.4.0", depth=0), "html.parser").script
    assert home["src"] == "../javascripts/editions.js"
    assert editions.with_banner_script("<svg></svg>", "0.4.0", depth=0) == "<svg></svg>"


def test_each_build_gets_only_what_decides_it():
    shell = {"PATH": "/bin", "OFFLINE": "true", "COMPANION_DOCS_DIR": "build/docs", "LOCAL_BUILD": "true",
             "SOURCE_DATE_EPOCH": "1", "COMPANION_EDITION": "9.9.9", "PYTHONPATH": "/elsewhere",
             "COMPANION_CACHE": "/c", "REPO_URL": "https://example.org/repo"}
    env = editions.build_environment(shell, site_url="https://example.org/dd/1.0.0/", epoch=1700000000,
                                     local=False, cache=Path("/tmp/cache"), edition="1.0.0", code=Path("/x/scripts"))
    assert {k: env[k] for k in ("SITE_URL", "SOURCE_DATE_EPOCH", "COMPANION_EDITION", "COMPANION_CACHE",
                                "PYTHONPATH", "REPO_URL", "PATH")} == {
        "SITE_URL": "https://example.org/dd/1.0.0/", "SOURCE_DATE_EPOCH": "1700000000", "COMPANION_EDITION": "1.0.0",
        "COMPANION_CACHE": "/tmp/cache", "PYTHONPATH": "/x/scripts", "REPO_URL": "https://example.org/repo",
        "PATH": "/bin"}
    assert not {"OFFLINE", "COMPANION_DOCS_DIR", "LOCAL_BUILD"} & set(env)
    latest = editions.build_environment(shell, site_url="https://example.org/dd/", epoch=1, local=True)
    assert latest["LOCAL_BUILD"] == "true" and latest["COMPANION_CACHE"] == "/c" and "PYTHONPATH" not in latest
    assert "COMPANION_EDITION" not in latest


def test_an_environment_is_kept_per_constraints_pyproject_and_python():
    key = editions.environment_key(b"a==1\n", b"[project]\n", "3.11.7")
    assert key == editions.environment_key(b"a==1\n", b"[project]\n", "3.11.7")
    assert len({key, editions.environment_key(b"a==2\n", b"[project]\n", "3.11.7"),
                editions.environment_key(None, b"[project]\n", "3.11.7"),
                editions.environment_key(b"a==1\n", b"[project]\n", "3.12.1")}) == 4


def test_the_base_address_is_required_unless_the_copy_is_local():
    with pytest.raises(editions.EditionError, match="set SITE_URL"):
        editions.base_address({}, local=False)
    with pytest.raises(editions.EditionError, match="this machine's address"):
        editions.base_address({"SITE_URL": "http://127.0.0.1:8000/"}, local=False)
    with pytest.raises(editions.EditionError, match="not an http"):
        editions.base_address({"SITE_URL": "example.org/dd"}, local=False)
    assert editions.base_address({"SITE_URL": "https://example.org/dd"}, local=False) == "https://example.org/dd/"
    assert editions.base_address({}, local=True) == "http://127.0.0.1:8000/"


def test_every_editions_addresses_are_in_the_list_of_public_urls(released_repository):
    """The list keeps each tagged edition's addresses (/X.Y.Z/…: those its own list had). `public-urls --update`
    adds them at each release, for the editions tagged by then: the current version's own tag comes after its
    release commit, so its addresses join the list at the next release."""
    import tomllib

    tagged = editions.list_editions(released_repository)
    assert {e.version for e in tagged} >= {"0.3.1", "0.4.0", "0.5.0"}
    current = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    _, listed = urls.read_released_urls((ROOT / "tests" / "public-urls.txt").read_text(encoding="utf-8"))
    older = [e for e in tagged if tuple(map(int, e.version.split("."))) < tuple(map(int, current.split(".")))]
    assert older, "no edition before the current version"
    for edition in older:
        own = editions.released_urls_at(released_repository, edition)
        assert len(own) > 200, edition.version
        missing = urls.edition_permalinks(edition.version, own) - listed
        assert not missing, f"{len(missing)} addresses of edition {edition.version}, e.g. {sorted(missing)[:3]}"
    assert {urls.edition_of_url(url) for url in listed} <= {None, *(e.version for e in tagged)}


def test_the_record_of_released_editions_is_read_and_written_back_the_same():
    text = (ROOT / editions.RECORD).read_text(encoding="utf-8")
    record = editions.read_record(text)
    assert {"v0.3.1", "v0.4.0", "v0.5.0"} <= set(record)
    assert editions.record_text(record) == text
    with pytest.raises(editions.EditionError, match=r"line 2: expected a tag vX\.Y\.Z"):
        editions.read_record("# comment\nv1.0.0 abc123\n")


def test_a_released_editions_tag_that_is_missing_or_moved_stops_the_build():
    commit, other = "a" * 40, "b" * 40
    record = {"v1.0.0": commit, "v1.1.0": commit}
    tagged = [editions.Edition("1.1.0", "v1.1.0", other, 0), editions.Edition("1.2.0", "v1.2.0", other, 0)]
    problems = editions.disagreements(tagged, record)
    assert len(problems) == 2
    assert "v1.0.0 of a released edition is missing (git fetch --tags)" in problems[0]
    assert "v1.1.0 names bbbbbbbbbbbb, but the edition was released from aaaaaaaaaaaa" in problems[1]
    # A tag newer than the record is the next release, not a problem.
    assert editions.disagreements(tagged[1:], {}) == []


@pytest.mark.slow
def test_a_clone_without_the_released_tags_is_refused_with_the_way_to_fetch_them(tmp_path):
    import subprocess

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--shared", "--no-tags", str(ROOT), str(clone)], check=True,
                   capture_output=True)
    (clone / editions.RECORD).write_bytes((ROOT / editions.RECORD).read_bytes())  # as committed, or about to be
    done = build_editions(clone, tmp_path / "out", "--same-environment", "--local")
    assert done.returncode == 1 and not (tmp_path / "out").exists()
    assert "the tag v0.3.1 of a released edition is missing (git fetch --tags)" in done.stderr
    assert "Traceback" not in done.stderr


# --- builds ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_editions_command_says_to_set_site_url(tmp_path):
    done = build_editions(ROOT, tmp_path / "out")
    assert done.returncode == 1 and not (tmp_path / "out").exists()
    assert done.stderr.strip().splitlines() == [done.stderr.strip()] and "set SITE_URL" in done.stderr
    assert "Traceback" not in done.stderr


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
def test_the_latest_and_each_edition_are_published_together(throwaway_editions):
    repo, out = throwaway_editions
    assert json.loads((out / "versions.json").read_text(encoding="utf-8")) == [
        {"version": "1.1.0", "title": "1.1.0", "aliases": ["latest"]},
        {"version": "1.0.0", "title": "1.0.0", "aliases": []}]
    assert (out / "index.html").is_file() and (out / "1.0.0" / "index.html").is_file()
    assert (out / "1.1.0" / "index.html").is_file()
    # Each edition's addresses are its own: canonical links and the sitemap are under /X.Y.Z/.
    case = edited_case(repo)
    canonical = _page(out / "1.0.0", f"cases/{case}").find("link", rel="canonical")["href"]
    assert canonical == f"http://127.0.0.1:8000/1.0.0/cases/{case}/"
    assert "<loc>http://127.0.0.1:8000/1.0.0/</loc>" in (out / "1.0.0" / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_older_edition_keeps_its_own_text(throwaway_editions):
    repo, out = throwaway_editions
    case = f"cases/{edited_case(repo)}"
    for site, own in ((out / "1.0.0", "1.0.0"), (out / "1.1.0", "1.1.0"), (out, "HEAD")):
        text = _page(site, case).select_one("article").get_text(" ")
        assert EDITION_WORDING[own] in text, own
        assert not [w for key, w in EDITION_WORDING.items() if key != own and w in text], own
    assert (out / "1.0.0" / GONE_PAGE / "index.html").is_file() and not (out / GONE_PAGE).exists()
    # Each edition names its own version and the date of its own commit.
    assert "Version 1.0.0" in _page(out / "1.0.0", case).select_one(".site-version").get_text()
    assert "<lastmod>2026-01-10</lastmod>" in (out / "1.0.0" / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_editions_cite_box_gives_its_own_permalink(throwaway_editions):
    repo, out = throwaway_editions
    case = edited_case(repo)
    box = _page(out / "1.0.0", f"cases/{case}").select(".cite-box")[-1]
    assert [(li.get_text(" ", strip=True).split(":")[0], li.a["href"]) for li in box.select(".cite-addresses li")] == [
        ("This edition (1.0.0), which never changes", f"http://127.0.0.1:8000/1.0.0/cases/{case}/"),
        ("The latest version, which follows corrections", f"http://127.0.0.1:8000/cases/{case}/")]
    item = json.loads(box.select_one("pre.cite-export[data-format=csl-json]").get_text())[0]
    assert (item["URL"], item["version"]) == (f"http://127.0.0.1:8000/1.0.0/cases/{case}/", "1.0.0")
    # The latest site, ahead of the last tag, is no edition: only the latest address, and the newest edition.
    latest = _page(out, f"cases/{case}").select(".cite-box")[-1]
    assert [li.a["href"] for li in latest.select(".cite-addresses li")] == [
        f"http://127.0.0.1:8000/cases/{case}/", "http://127.0.0.1:8000/1.1.0/"]
    assert "newest edition, 1.1.0" in latest.select(".cite-addresses li")[1].get_text()


@pytest.mark.slow
def test_editions_load_the_banner_and_the_latest_site_is_no_edition(throwaway_editions):
    repo, out = throwaway_editions
    case = f"cases/{edited_case(repo)}"
    scripts = [_page(site, case).select("script[data-companion-editions]") for site in (out / "1.0.0", out)]
    assert [len(found) for found in scripts] == [1, 1]
    assert (scripts[0][0]["data-edition"], scripts[0][0]["data-root"]) == ("1.0.0", "../../../")
    assert (scripts[1][0]["data-edition"], scripts[1][0]["data-root"]) == ("", "../../")
    # Material's version selector is configured in an edition (it finds ../versions.json), not on the latest site.
    config = json.loads(_page(out / "1.0.0", case).select_one("#__config").get_text())
    assert config["version"]["provider"] == "mike"
    assert json.loads(_page(out, case).select_one("#__config").get_text())["version"] == "1.1.0"


@pytest.mark.slow
def test_an_edition_built_again_is_byte_identical(throwaway_editions, tmp_path):
    repo, out = throwaway_editions
    edition = next(e for e in editions.list_editions(repo) if e.version == "1.0.0")
    again = tmp_path / "again"
    editions.build_edition(repo, edition, again, "http://127.0.0.1:8000/", local=True, environments=None,
                           log=lambda line: None)
    first, second = editions.sha256_of_tree(out / "1.0.0"), editions.sha256_of_tree(again)
    assert len(first) > 100
    assert editions.differing_files(first, second) == []


@pytest.mark.slow
def test_the_real_tags_build_and_keep_every_address_they_released(released_repository, tmp_path):
    """Every edition tagged in this repository builds from its own code (here with this Python's packages; the
    deploy gives each its own environment), pages made by themes that predate editions get the banner's
    script, and every /X.Y.Z/ address in tests/public-urls.txt is there, anchors included."""
    out = tmp_path / "site"
    done = build_editions(released_repository, out, "--same-environment", "--local")
    assert done.returncode == 0, done.stderr
    _, listed = urls.read_released_urls((ROOT / "tests" / "public-urls.txt").read_text(encoding="utf-8"))
    in_editions = sorted(url for url in listed if urls.edition_of_url(url))
    assert len(in_editions) > 700
    missing = missing_addresses(out, in_editions)
    assert not missing, "\n".join(missing[:20])
    for version in ("0.3.1", "0.4.0", "0.5.0"):
        pages = list((out / version).rglob("*.html"))
        assert pages and all(p.read_text(encoding="utf-8").count("data-companion-editions") == 1 for p in pages)
        assert re.search(rf"Version {re.escape(version)}, released",
                         (out / version / "index.html").read_text(encoding="utf-8"))
