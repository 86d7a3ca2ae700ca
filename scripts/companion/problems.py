"""A problem found in the data, and the two ways of printing it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where, a short code, what is wrong, how to fix it."""

    file: str
    line: int
    code: str
    message: str
    hint: str = ""

    def text(self) -> str:
        fix = f" ({self.hint})" if self.hint else ""
        return f"{self.file}:{self.line}: {self.code} {self.message}{fix}"

    def github(self) -> str:
        # Workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
        body = self.message + (f" ({self.hint})" if self.hint else "")
        return f"::error file={_escape_property(self.file)},line={self.line},title={self.code}::{_escape_data(body)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


class BuildError(Exception):
    """The data and the hand-written pages together cannot make a site (two pages at one address,
    a citation the CSL processor could not format): the build stops with this message."""


def report(problems: list[Problem], fmt: str = "text", left_out: int = 0) -> str:
    """All problems, one per line, sorted by file and line, then a count (and, where files were too
    broken to check against the others, a word that more may come once they are fixed)."""
    lines = [p.github() if fmt == "github" else p.text() for p in sorted(problems)]
    count = len(problems)
    if fmt != "github":
        lines.append(f"{count} problem{'s' if count != 1 else ''} found." if count else "No problems found.")
        if left_out:
            files = f"{left_out} file{'s' if left_out != 1 else ''}"
            lines.append(f"{files} could not be checked against the others yet (ids they name, sources they cite): "
                         "run check again once the problems above are fixed.")
    return "\n".join(lines)


def suggest(word: str, options: Iterable[str], fallback: str = "", names: Mapping[str, str] | None = None) -> str:
    """'did you mean …?' for a mistyped value, only when the guess is likely to be right.

    ``names`` maps what people call things (an actor's name or alias, a threat's name) to their
    ids, so that 'ukraine' finds 'ua'. A word that only shares a suffix with a known one
    ('blackenergy-group', 'lazarus-group') gets no guess: a wrong guess costs more than none.
    """
    known = sorted(options)
    if word.lower() != word and word.lower() in known:
        return f"ids are lower case: did you mean '{word.lower()}'?"
    spoken = word.casefold().replace("-", " ").replace("_", " ").strip()
    for name, identifier in (names or {}).items():
        if name.casefold() == spoken:
            return f"'{word}' is the name of '{identifier}': use the id, '{identifier}'"
    longer = [option for option in known if option.startswith(f"{word}-")]
    if len(longer) == 1:
        return f"did you mean '{longer[0]}'?"
    close = get_close_matches(word, known, n=1, cutoff=_CLOSE)
    return f"did you mean '{close[0]}'?" if close else fallback


# How alike (difflib's ratio) a typo and a known value must be: 'espionnage'/'espionage' 0.95,
# 'apt-exmaple'/'apt-example' 0.91, but 'blackenergy-group'/'lazarus-group' 0.6.
_CLOSE = 0.75
