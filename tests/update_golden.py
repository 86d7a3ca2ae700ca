"""Write the renderer's output for the fixture data into tests/golden/ (then read the diff!).

    .venv/bin/python tests/update_golden.py

The golden files are what tests/test_render.py compares the renderer with: update them only for
an intended change, and check each changed line by hand before committing.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_render import GOLDEN, rendered_fixture


def main() -> None:
    pages = rendered_fixture()
    for old in GOLDEN.rglob("*"):
        if old.is_file() and old.relative_to(GOLDEN).as_posix() not in pages:
            old.unlink()
    for path, text in pages.items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote tests/golden/{path}")


if __name__ == "__main__":
    main()
