"""Results kept between runs, so that checking or building thousands of cases redoes only what changed.

Two things are worth keeping: data files already found valid (parsing and the schema check
are most of `check`'s time) and styled citations (each pandoc run costs about a second). Each
entry is keyed by a digest of its input; each cache file carries a fingerprint of everything
else that decides the result (the code, the schemas or styles, library versions), and a
different fingerprint voids the whole file.

The cache lives outside the working copy, in the user's cache folder (``folder_for``), so it
can never be committed: a pull request cannot bring a cache that vouches for its own files.
It is plain JSON and never executed. A missing, unreadable or malformed cache counts as empty;
failing to write one is not an error. Nothing depends on it but speed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 1


def folder_for(project: Path) -> Path | None:
    """This project's cache folder: $COMPANION_CACHE, else ~/.cache/digital-diplomacy-checked/<project>;
    None (no cache) where there is no home folder to keep one in."""
    if os.environ.get("COMPANION_CACHE"):
        return Path(os.environ["COMPANION_CACHE"])
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except (RuntimeError, KeyError):
        return None
    return base / "digital-diplomacy-checked" / digest(str(project.resolve()))[:16]


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def fingerprint_of(*files: Path, extra: str = "") -> str:
    """A digest of these files' contents (and ``extra``): the inputs that decide every entry."""
    return digest(extra, *(path.read_bytes() for path in sorted(files)))


class Cache:
    """{key: JSON value}, loaded from ``path`` if its fingerprint matches; ``save`` keeps only
    the entries used or added since, so the file never grows past what the data needs."""

    def __init__(self, path: Path | None, fingerprint: str):
        self.path = path
        self.fingerprint = fingerprint
        self._old: dict[str, Any] = self._read() if path else {}
        self._kept: dict[str, Any] = {}

    def _read(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if (not isinstance(stored, dict) or stored.get("format") != FORMAT
                or stored.get("fingerprint") != self.fingerprint or not isinstance(stored.get("entries"), dict)):
            return {}
        entries: dict[str, Any] = stored["entries"]
        return entries

    def get(self, key: str) -> Any:
        value = self._old.get(key)
        if value is not None:
            self._kept[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._kept[key] = value

    def save(self) -> None:
        if self.path is None or self._kept == self._old:
            return
        text = json.dumps({"format": FORMAT, "fingerprint": self.fingerprint, "entries": self._kept},
                          ensure_ascii=False, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.path)  # whole or not at all: a reader never sees half a file
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            return
        self._old = dict(self._kept)
