"""`synth N --out DIR`: a data folder with N made-up cases, for measuring how the build scales.

The real data is copied (with its 32 cases, which the paper's sections name); N synthetic cases
(deterministic for a given N and seed, clearly labelled as synthetic) and one synthetic
reference per ten cases are added. Everything passes `check`.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from .loader import load_file

KINDS = ["incident"] * 7 + ["agreement", "diplomatic-practice", "legal-instrument"]
WORDS = [
    "ministry", "embassy", "network", "intrusion", "statement", "attribution", "sanctions", "diplomats",
    "council", "response", "investigators", "campaign", "phishing", "documents", "servers", "officials",
    "cooperation", "agreement", "dialogue", "allegations", "evidence", "parliament", "malware", "leak",
    "election", "security", "talks", "partners",
]


def _paragraph(rng: random.Random, words: int) -> str:
    sentences, left = [], words
    while left > 0:
        length = min(left, rng.randint(8, 18))
        sentence = " ".join(rng.choice(WORDS) for _ in range(length))
        sentences.append(sentence.capitalize() + ".")
        left -= length
    return " ".join(sentences)


def _date(rng: random.Random, low: int = 2000, high: int = 2024) -> str:
    year = rng.randint(low, high)
    precision = rng.random()
    if precision < 0.2:
        return str(year)
    month = rng.randint(1, 12)
    return f"{year}-{month:02d}" if precision < 0.5 else f"{year}-{month:02d}-{rng.randint(1, 28):02d}"


def synthesize(n: int, source: Path, out: Path, seed: int = 1) -> None:
    rng = random.Random(f"{seed}-{n}")
    if out.exists():
        shutil.rmtree(out)
    # The real cases stay: the paper's sections name them.
    shutil.copytree(source, out, ignore=shutil.ignore_patterns("_template.yaml"))
    threats = [t["id"] for t in load_file(source / "threats.yaml", "threats").data["threats"]]
    actors = [a["id"] for a in load_file(source / "actors.yaml", "actors").data["actors"]]
    states = [a["id"] for a in load_file(source / "actors.yaml", "actors").data["actors"] if a["kind"] == "state"]
    norms = [i["id"] for i in load_file(source / "instruments.yaml", "norms").data["instruments"]]
    references = load_file(source / "references.yaml", "references").data
    synthetic_refs = [f"synthetic{2000 + i // 26}{'abcdefghijklmnopqrstuvwxyz'[i % 26]}"
                      for i in range(max(1, n // 10))]
    for key in synthetic_refs:
        references["references"].append({
            "id": key,
            "record": {"type": "report", "author": [{"literal": "Synthetic Data Office"}],
                       "title": f"Synthetic report {key}", "issued": key[9:13]},
            "verification": {"status": "unverified", "note": "Made up for the scale benchmark; not a real source."},
        })
    (out / "references.yaml").write_text(yaml.safe_dump(references, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    for number in range(n):
        start = _date(rng)
        kind = rng.choice(KINDS)
        sources = [{"ref": synthetic_refs[number % len(synthetic_refs)], "primary": True,
                    "note": "Synthetic primary source."}]
        for s in range(rng.randint(1, 5)):
            sources.append({"title": f"Synthetic report {number}-{s}", "publisher": "Synthetic News",
                            "date": start, "url": f"https://example.org/synthetic/{number}/{s}", "primary": False,
                            "verification": {"status": "unverified", "note": "Made up for the benchmark."}})
        case = {
            "id": f"synthetic-case-{number:05d}", "kind": kind,
            "title": f"Synthetic case {number}: {' '.join(rng.choice(WORDS) for _ in range(4))}",
            "summary": "\n\n".join(_paragraph(rng, rng.randint(80, 160)) for _ in range(rng.randint(2, 3))),
            "start": start,
            "threats": sorted(set(rng.sample(threats, rng.randint(1, 3)))),
            "norms": sorted(set(rng.sample(norms, rng.randint(0, 2)))),
            "sources": sources, "created": "2026-01-01", "modified": "2026-01-01",
            "review": {"state": "draft", "checks": [{"date": "2026-01-01", "reader": "author",
                                                    "scope": "Synthetic case for the scale benchmark."}]},
        }
        if kind == "incident" and not case["norms"]:
            case["legal_none"] = "Synthetic case: no norm applies."
        if kind == "incident":
            case["external_ids"] = {"not_found": "Synthetic case: in no dataset."}
        if kind == "agreement":
            case["parties"] = sorted(set(rng.sample(states, 2)))
        else:
            case["initiators"] = [{"actor": rng.choice(actors), "category": "state-affiliated"}]
            case["receivers"] = [{"actor": rng.choice(states), "category": "government"}]
        path = out / "cases" / f"{case['id']}.yaml"
        path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
