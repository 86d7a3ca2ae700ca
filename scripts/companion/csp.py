"""A Content-Security-Policy for every built page, as a <meta> tag: only the site's own files run.

Data text is escaped on its way into pages; this is the second wall, should something slip
through. Scripts run only from the site's own files (``'self'``, which in Chromium also
matches files opened from disk, so the offline copy keeps working) and inline scripts only
if their exact text was on the page at build time (a sha256 hash per script: the theme's
inline scripts vary with the page's depth, so the hashes are computed for each page).
Styles may be inline: the theme sets ``style`` attributes, and CSS cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Script elements the browser runs: no src, and no type or a JavaScript one. JSON blocks
# (Material's configuration, our JSON-LD) are data, not run, and need no hash.
_INLINE_SCRIPT = re.compile(r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_RUNS = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)

DIRECTIVES = (
    ("default-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),  # the theme's icons are data: SVGs in its CSS
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def inline_script_hashes(html: str) -> list[str]:
    """The CSP source expression ('sha256-…') of each inline script the browser would run, in order."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attributes = match.group("attributes")
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") not in _RUNS:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        expression = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if expression not in hashes:
            hashes.append(expression)
    return hashes


def policy(html: str, content: str = "") -> str:
    """The policy for a page. ``content`` is the part made from Markdown (data and hand-written
    text), which never holds a script of ours: a script there gets no hash, so it cannot run even
    if something were to slip through the escaping."""
    theirs = html.replace(content, "") if content else html
    # 'wasm-unsafe-eval' lets Pagefind's search (WebAssembly from the site's own files) start; it allows
    # compiling WebAssembly only, not running strings as script.
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(theirs)])
    return "; ".join(f"{name} {value}" for name, value in (DIRECTIVES[0], ("script-src", scripts), *DIRECTIVES[1:]))


def with_policy(html: str, content: str = "") -> str:
    """The page with its policy as the first thing after <meta charset>, before any script."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, content)}">'
    charset = _CHARSET.search(html)
    if charset:
        return html[: charset.end()] + "\n    " + tag + html[charset.end():]
    head = re.search(r"<head[^>]*>", html, re.I)
    if head is None:
        raise ValueError("a page without <head>: no place for its Content-Security-Policy")
    return html[: head.end()] + tag + html[head.end():]
