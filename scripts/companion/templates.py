"""Material's templates, compiled once per process.

Only the MkDocs hook imports this, so `python -m companion` does not load Jinja. It lives in
the package rather than in hooks.py because MkDocs loads the hook file afresh for every rebuild
under `serve`, and a cache defined there would start empty each time.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, in memory for the life of the process (a key includes a digest
    of the template's source, so an edited template is compiled again)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES_COMPILED = _CompiledTemplates()
