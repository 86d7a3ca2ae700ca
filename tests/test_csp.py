"""The Content-Security-Policy each page gets: which inline scripts it allows, and where it goes.

That the hashes are right is tested where it matters, in Chromium: every browser test fails if
the policy blocks anything the site itself uses (tests/browser/conftest.py).
"""

from __future__ import annotations

from companion import csp

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>first()</script><script src="a.js"></script>
<script id="__config" type="application/json">{"a": 1}</script>
<script type="application/ld+json">{"@type": "WebPage"}</script>
</head><body><script type="text/javascript">second()</script><script type="module">third()</script>
<script>first()</script></body></html>"""


def test_only_scripts_the_browser_runs_inline_are_hashed_each_once():
    hashes = csp.inline_script_hashes(PAGE)
    alone = [csp.inline_script_hashes(f"<script>{body}</script>")[0] for body in ("first()", "second()", "third()")]
    assert hashes == alone  # no entry for the src script or the two JSON blocks, none twice
    assert all(h.startswith("'sha256-") and h.endswith("='") for h in hashes)
    assert csp.inline_script_hashes("<script>first() </script>") != alone[:1]  # the exact text counts


def test_the_policy_comes_right_after_the_charset_before_any_script():
    html = csp.with_policy(PAGE)
    assert html.index('<meta charset="utf-8">') < html.index("Content-Security-Policy") < html.index("<script")
    policy = html.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    # 'wasm-unsafe-eval' lets the search compile its WebAssembly; it allows no script from a string.
    assert directives["script-src"] == " ".join(["'self'", "'wasm-unsafe-eval'", *csp.inline_script_hashes(PAGE)])
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"


def test_a_page_without_a_charset_gets_it_after_head():
    assert csp.with_policy("<html><head><title>x</title></head></html>").startswith(
        '<html><head><meta http-equiv="Content-Security-Policy"')


def test_a_script_in_the_pages_content_gets_no_hash():
    content = '<article><p>x</p><script>injected()</script></article>'
    html = PAGE.replace("<body>", "<body>" + content)
    allowed = csp.policy(html, content)
    assert csp.inline_script_hashes("<script>injected()</script>")[0] not in allowed
    assert all(h in allowed for h in csp.inline_script_hashes(PAGE))
