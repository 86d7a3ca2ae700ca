"""Find the data files, load and check them, and build the model: data/ -> (model, problems)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

from . import model as m
from . import schema
from .cache import Cache, digest, fingerprint_of
from .kinds import REGISTRY
from .loader import Document, LoadError, load_text, read_file, with_lines_on_demand
from .problems import Problem
from .validate import validate

PAPER_FILE = ("paper.yaml", "paper.schema.json")  # the paper itself: one, with no id of its own


def single_files() -> dict[str, str]:
    """{file name in data/: schema} for files that hold a whole kind (and the paper)."""
    files = dict([PAPER_FILE])
    for kind in REGISTRY.values():
        if kind.file and not kind.is_folder:
            files[kind.file] = kind.schema
    return files


def folders() -> dict[str, tuple[str, str]]:
    """{folder in data/: (schema, kind)} for kinds with a file per entity."""
    return {kind.file.rstrip("/"): (kind.schema, kind.name) for kind in REGISTRY.values() if kind.is_folder}


@dataclass(frozen=True)
class DataFile:
    path: Path
    display: str  # as shown in messages: data/cases/x.yaml
    schema: str
    kinds: tuple[str, ...]  # the kinds built from it ('paper' for paper.yaml)


@dataclass(frozen=True)
class Checked:
    model: m.Model | None
    problems: list[Problem]
    left_out: int = 0  # files with problems of their own, not checked against the others yet

    @property
    def ok(self) -> bool:
        return self.model is not None and not self.problems


# What else may be in data/: the link to the schemas (which are code, in the package) and the case template.
NOT_DATA = {"schema", "cases/_template.yaml"}


def discover(data_dir: Path) -> tuple[list[DataFile], list[Problem]]:
    """The data files, and problems with the layout itself.

    Every entry of data/ is either read or reported: a missing or misnamed file, a folder,
    link or hidden file where data belongs would otherwise be passed over in silence.
    """
    root = data_dir.parent
    files: list[DataFile] = []
    problems: list[Problem] = []

    def display(path: Path) -> str:
        return path.relative_to(root).as_posix()

    def unexpected(path: Path, what: str, hint: str, code: str = "unexpected-file") -> None:
        problems.append(Problem(display(path), 1, code, what, hint))

    single, per_entity = single_files(), folders()
    for name, schema_name in single.items():
        path = data_dir / name
        built = tuple(kind.name for kind in REGISTRY.values() if kind.file == name) or ("paper",)
        if path.is_file() or path.is_symlink():  # a link is refused when read, with its own message
            files.append(DataFile(path, display(path), schema_name, built))
        else:
            problems.append(Problem(display(path), 1, "missing-file", f"{name} is missing", "restore it from git"))
    for path in sorted(data_dir.iterdir()) if data_dir.is_dir() else ():
        if path.name not in single and path.name not in per_entity and path.name not in NOT_DATA:
            unexpected(path, f"'{path.name}' is not one of the data files or folders",
                       "data/ holds " + ", ".join([*single, *(f"{f}/" for f in per_entity)])
                       + ": move it out of data/ or delete it")
    for folder, (schema_name, kind_name) in per_entity.items():
        directory = data_dir / folder
        if directory.is_symlink() or not directory.is_dir():
            problems.append(Problem(display(directory), 1, "missing-file", f"the folder {folder}/ is missing"
                                    + (" (a link is not followed)" if directory.is_symlink() else ""),
                                    "restore it from git"))
            continue
        for path in sorted(directory.iterdir()):
            if f"{folder}/{path.name}" in NOT_DATA:
                continue
            if path.is_dir() and not path.is_symlink():
                unexpected(path, f"'{path.name}' is a folder; {folder}/ holds only .yaml files",
                           f"move its files up into data/{folder}/ or delete it")
            elif path.suffix != ".yaml" or path.name.startswith((".", "_")):
                unexpected(path, f"'{path.name}' in {folder}/ is not read: data files are named <id>.yaml",
                           "rename it to <id>.yaml (not .yml, no leading '.' or '_') or delete it", "file-name")
            else:
                files.append(DataFile(path, display(path), schema_name, (kind_name,)))
    return files, problems


def check_data(data_dir: Path, today: dt.date | None = None, cache_dir: Path | None = None,
               schemas: Path = schema.SCHEMA_DIR) -> Checked:
    """Load every data file, check its shape, build the model and check cross-references.

    With ``cache_dir``, files found valid before (same name, same bytes, same schemas and
    code) are not parsed and checked again; the cross-checks always run on everything.
    """
    today = today or dt.date.today()
    files, problems = discover(data_dir)
    problems.extend(_template_problems(data_dir))
    cache = _valid_files_cache(cache_dir, schemas)
    outcomes: dict[int, tuple[Document | None, list[Problem]]] = {}
    unchecked: list[tuple[int, str, bytes]] = []
    for index, data_file in enumerate(files):
        try:
            raw = read_file(data_file.path, data_file.display)
        except LoadError as error:
            outcomes[index] = (None, [error.problem])
            continue
        key = digest(data_file.display, data_file.schema, raw)
        stored = cache.get(key)
        if stored is not None:
            outcomes[index] = (with_lines_on_demand(data_file.display, stored, raw), [])
        else:
            unchecked.append((index, key, raw))
    jobs = [(files[index].display, files[index].schema, raw, schemas) for index, _, raw in unchecked]
    for (index, key, raw), result in zip(unchecked, _check_files(jobs), strict=True):
        document = with_lines_on_demand(files[index].display, result.data, raw) if result.readable else None
        outcomes[index] = (document, result.problems)
        if result.readable and not result.problems:
            cache.put(key, result.data)
    cache.save()
    valid: dict[str, list[Document]] = {}
    broken: dict[str, set[str]] = {}
    single_failed = bool(problems)
    left_out = 0
    for index, data_file in enumerate(files):
        document, found = outcomes[index]
        if found:
            left_out += 1
            problems.extend(found)
            _note_broken(data_file, document, broken)
            single_failed |= data_file.path.parent == data_dir
        elif document is not None:
            for kind in data_file.kinds:
                valid.setdefault(kind, []).append(document)
    if single_failed:  # cross-checks against a half-read file would only add noise
        return Checked(None, problems, left_out or len(files))
    model = build_model(valid)
    problems.extend(validate(model, today, broken))
    return Checked(model, problems, left_out)


def _template_problems(data_dir: Path) -> list[Problem]:
    """The case template is not data (it is full of FILL IN), but new-case copies it: it must read as YAML."""
    template = data_dir / "cases" / "_template.yaml"
    if not (template.exists() or template.is_symlink()):
        return []
    try:
        load_text(read_file(template, "data/cases/_template.yaml"), "data/cases/_template.yaml")
    except LoadError as error:
        return [error.problem]
    return []


class FileCheck(NamedTuple):
    readable: bool  # as YAML
    data: Any
    problems: list[Problem]


def check_file(display: str, schema_name: str, raw: bytes, schema_dir: Path = schema.SCHEMA_DIR) -> FileCheck:
    """One file's values and its problems of shape. Only values cross between processes: the
    lines are found again when a problem needs one (loader.with_lines_on_demand)."""
    try:
        document = load_text(raw, display)
    except LoadError as error:
        return FileCheck(False, None, [error.problem])
    return FileCheck(True, document.data, schema.check(document, schema_name, schema_dir))


# Below this many files to check, starting worker processes costs more than it saves.
_PARALLEL_FROM = 200


def _check_files(jobs: list[tuple[str, str, bytes, Path]]) -> list[FileCheck]:
    """``check_file`` for each job, in order; on several cores when there are many (a cold check
    of thousands of cases is mostly YAML parsing and schema checks, each file on its own)."""
    workers = min(os.cpu_count() or 1, 8)
    # Forking copies the parent's locks: only safe while this is the process's one thread
    # (`mkdocs serve` runs others).
    if len(jobs) < _PARALLEL_FROM or workers < 2 or threading.active_count() > 1:
        return [check_file(*job) for job in jobs]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(check_file, *zip(*jobs, strict=True), chunksize=-(-len(jobs) // (workers * 4))))


def _valid_files_cache(cache_dir: Path | None, schema_dir: Path) -> Cache:
    code = Path(__file__).resolve().parent
    fingerprint = fingerprint_of(*schema_dir.glob("*.schema.json"),
                                 *(code / name for name in ("loader.py", "schema.py", "pipeline.py")),
                                 extra=f"jsonschema {version('jsonschema')} pyyaml {version('pyyaml')}")
    return Cache(cache_dir / "valid-files.json" if cache_dir else None, fingerprint)


def _note_broken(data_file: DataFile, document: Document | None, broken: dict[str, set[str]]) -> None:
    """The ids a file that failed its check would have defined: others naming them get no second message."""
    if data_file.path.parent.name not in folders():
        return
    data = document.data if document else None
    for name in data_file.kinds:
        entity_id = data.get("id") if isinstance(data, dict) else None
        broken.setdefault(name, set()).add(data_file.path.stem)  # what other files expect the id to be
        if isinstance(entity_id, str):
            broken[name].add(entity_id)
        for member in REGISTRY.values():
            if member.within == name:
                broken.setdefault(member.name, set()).update(member.member_ids(data))


def build_model(valid: dict[str, list[Document]]) -> m.Model:
    """The model from the valid documents of each kind ({kind name: documents})."""
    entities: dict[str, tuple[Any, ...]] = {}
    for kind in REGISTRY.values():
        if kind.build is not None:
            built = [e for document in valid.get(kind.name, ()) for e in kind.build(document)]
            entities[kind.name] = tuple(sorted(built, key=kind.order) if kind.order else built)
    threats = valid.get("threat", ())
    return m.Model(paper=m.paper_from(valid["paper"][0]), entities=entities,
                   paper_terms=m.threats_from(threats[0])[1] if threats else ())
