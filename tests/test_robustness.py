"""Whatever a contributor's edit does to a file, `check` answers with problems, never a traceback."""

from __future__ import annotations

import random
import shutil

import pytest

from companion.pipeline import check_data
from support import FIXTURE_TODAY, VALID

FILES = sorted(p.relative_to(VALID).as_posix() for p in VALID.rglob("*.yaml"))


def mutations(text: str, rng: random.Random) -> str:
    """One random slip of the kind people make: lost or doubled lines, bad indentation, wrong values."""
    lines = text.splitlines()
    i = rng.randrange(len(lines))
    choice = rng.randrange(8)
    if choice == 0:
        del lines[i]
    elif choice == 1:
        lines.insert(i, lines[i])
    elif choice == 2:
        lines[i] = " " + lines[i]
    elif choice == 3:
        lines[i] = lines[i].replace(": ", ": [", 1)
    elif choice == 4:
        lines[i] = lines[i].split(":")[0] + ": " + rng.choice(["", "~", "yes", "1e3", "[]", "{}", "-1", "'", "&a x"])
    elif choice == 5:
        lines = lines[: rng.randrange(len(lines))]
    elif choice == 6:
        lines[i] = lines[i].replace("-", "")
    else:
        lines[i] = "\t" + lines[i]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", FILES)
def test_random_slips_give_problems_not_tracebacks(name, tmp_path):
    rng = random.Random(name)  # the same mutations on every run
    original = (VALID / name).read_text(encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    with_problems = 0
    for _ in range(25):
        mutated = mutations(original, rng)
        (data / name).write_text(mutated, encoding="utf-8")
        checked = check_data(data, FIXTURE_TODAY)  # must not raise
        # Either the data is fine and there is a model, or there are problems, each well formed.
        assert checked.ok == (checked.model is not None and not checked.problems)
        if load(mutated) == load(original):
            assert checked.ok, [p.text() for p in checked.problems]  # a slip that changed nothing is no problem
        for problem in checked.problems:
            assert problem.file.startswith("data/") and problem.line >= 1 and problem.code and problem.message
        with_problems += bool(checked.problems)
    assert with_problems >= 10  # most slips break something, and check must say so


def load(text: str) -> object:
    """The values a file holds, or None if it does not read (to tell a harmless slip from a real one)."""
    from companion.loader import LoadError, load_text

    try:
        return load_text(text.encode("utf-8"), "x").data
    except LoadError:
        return None
