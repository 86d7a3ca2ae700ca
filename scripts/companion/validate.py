"""Cross-reference checks on the model: pure, all problems at once, never stops at the first.

The JSON Schemas check each file's shape; this checks what no single file can: that every
id named exists, ids are unique across files, every reference is cited, dates are real
and in order, and names agree with their files.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

import pycountry

from . import urls
from .dates import first_day, last_day
from .kinds import REGISTRY, IdUse, every_entity, with_pages
from .model import Attribution, Case, Citation, Claim, Model, Origin, Paper, Response, Review, Section
from .problems import Problem, suggest


def validate(model: Model, today: dt.date, broken: dict[str, set[str]] | None = None) -> list[Problem]:
    """Every cross-reference problem in ``model``.

    ``broken`` holds ids of entities whose files failed the schema check: a reference to
    them is not reported again as unknown.
    """
    checks = (_duplicates, _reserved_ids, _file_names, _references_exist, _every_reference_cited, _dates,
              _countries, _hierarchies, _case_rules, _sentence_case_titles, _reviews)
    broken = broken or {}
    problems: list[Problem] = []
    for check in checks:
        problems.extend(check(model, today, broken))
    return problems


def _problem(origin: Origin, path: tuple[Any, ...], code: str, message: str, hint: str = "") -> Problem:
    return Problem(origin.file, origin.line(*path), code, message, hint)


# --- ids ----------------------------------------------------------------------------------

def _duplicates(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    for kind in REGISTRY.values():
        first: dict[str, Origin] = {}
        for entity in model.of(kind.name):
            if entity.id in first:
                seen = first[entity.id]
                yield _problem(entity.origin, ("id",), "duplicate-id",
                               f"{kind.name} id '{entity.id}' is already used at {seen.file}:{seen.line('id')}",
                               "ids must be unique: choose another")
            else:
                first[entity.id] = entity.origin


def _reserved_ids(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    """An id whose page would take the address of a fixed page (a case 'timeline', an actor 'index')."""
    fixed = {kind.index: f"the page '{kind.index_title}'" for kind in REGISTRY.values() if kind.index}
    fixed.update(urls.FIXED_PAGES)
    for kind, entity in every_entity(model):
        anchor = kind.page(entity)[1] if kind.page else ""
        if anchor.startswith("cite-"):
            yield _problem(entity.origin, ("id",), "reserved-id",
                           f"{kind.name} id '{entity.id}' is reserved: ids starting with 'cite-' belong to the "
                           "citation boxes on the same page", "choose another id")
    for kind, entity in with_pages(model):
        path = urls.page_of(entity)[0]
        if path in fixed:
            yield _problem(entity.origin, ("id",), "reserved-id",
                           f"{kind.name} id '{entity.id}' is reserved: {urls.url_of_page(path)} is {fixed[path]}",
                           "choose another id (and file name)")


def _file_names(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    """A file that holds one entity is named after it (a section also by its number)."""
    for kind in REGISTRY.values():
        if kind.file_stem is None:
            continue
        for entity in model.of(kind.name):
            stem, expected = PurePosixPath(entity.origin.file).stem, kind.file_stem(entity)
            if stem != expected:
                yield _problem(entity.origin, ("id",), "file-name",
                               f"{kind.name} '{entity.id}' should be in a file named {expected}.yaml, "
                               f"not {stem}.yaml", f"rename the file to {expected}.yaml, or correct 'id'")


def _references_exist(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    names = {kind.name: {name: e.id for e in model.of(kind.name) for name in kind.names(e)}
             for kind in REGISTRY.values()}
    for kind_name, wanted, origin, path in _id_uses(model):
        known = model.by_id[kind_name]
        if wanted in known or wanted in broken.get(kind_name, ()):
            continue
        hint = suggest(wanted, known, f"it must be an id defined in {REGISTRY[kind_name].where()}",
                       names.get(kind_name))
        if kind_name == "actor" and "did you mean" not in hint and "is the name" not in hint:
            hint += " (to add an actor, see 'Adding an actor' in CONTRIBUTING.md)"
        yield _problem(origin, path, f"unknown-{kind_name}", f"unknown {kind_name} '{wanted}'", hint)


def _id_uses(model: Model) -> Iterator[IdUse]:
    """Every place an id of another entity is named: (kind, id, origin, path)."""
    for step in model.paper.argument:
        yield "section", step.section, step.origin, ("section",)
    for term in model.paper_terms:
        yield "section", term.section, term.origin, ("section",)
        for j, wanted in enumerate(term.maps_to):
            yield "threat", wanted, term.origin, ("maps_to", j)
    for kind, entity in every_entity(model):
        yield from kind.id_uses(entity)
    for citation in _all_citations(model):
        yield "reference", citation.ref, citation.origin, ("ref",)


def _all_citations(model: Model) -> Iterator[Citation]:
    for kind, entity in every_entity(model):
        yield from kind.citations(entity)


def cited_reference_ids(model: Model) -> set[str]:
    cited = {c.ref for c in _all_citations(model)}
    cited |= {s.ref for case in model.cases for s in case.sources if s.ref}
    return cited


def _every_reference_cited(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    if broken.get("case") or broken.get("section"):
        return  # the citing file may be one that failed: don't guess
    cited = cited_reference_ids(model)
    for reference in model.references:
        if reference.id not in cited:
            yield _problem(reference.origin, ("id",), "uncited-reference",
                           f"reference '{reference.id}' is not cited anywhere",
                           "cite it from a claim, case, threat, actor or norm, or remove it")


# --- dates ----------------------------------------------------------------------------------

def _date_fields(model: Model) -> Iterator[tuple[Origin, tuple[Any, ...], str]]:
    yield model.paper.origin, ("issued",), model.paper.issued
    for reference in model.references:
        yield reference.origin, ("record", "issued"), reference.record["issued"]
    for norm in model.instruments:
        for j, event in enumerate(norm.dates):
            yield norm.origin, ("dates", j, "date"), event.date
    for case in model.cases:
        o = case.origin
        yield o, ("start",), case.start
        if case.end:
            yield o, ("end",), case.end
        yield o, ("created",), case.created
        yield o, ("modified",), case.modified
        for j, a in enumerate(case.attributions):
            yield o, ("attributions", j, "date"), a.date
        for j, r in enumerate(case.responses):
            yield o, ("responses", j, "date"), r.date
        for j, s in enumerate(case.sources):
            if s.date:
                yield o, ("sources", j, "date"), s.date
    reviewed: list[Case | Claim] = [*model.cases, *model.claims]
    for entity in reviewed:
        for field_name, dates in _review_dates(entity.review):
            for j, date in enumerate(dates):
                yield entity.origin, ("review", field_name, j, "date"), date


def _dates(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    for origin, path, value in _date_fields(model):
        day = first_day(value)
        if day is None:
            yield _problem(origin, path, "impossible-date", f"'{value}' is not a real date",
                           "check the month (01-12) and the day of the month")
        elif day > today:
            yield _problem(origin, path, "future-date", f"'{value}' is in the future (today is {today.isoformat()})",
                           "data records what has happened: check the year")
    for case in model.cases:
        start, end = first_day(case.start), first_day(case.end) if case.end else None
        if start and end and last_day(case.end) < start:
            yield _problem(case.origin, ("end",), "end-before-start",
                           f"case ends ({case.end}) before it starts ({case.start})", "swap or correct the dates")
        created, modified = first_day(case.created), first_day(case.modified)
        if created and modified and modified < created:
            yield _problem(case.origin, ("modified",), "end-before-start",
                           f"modified ({case.modified}) is before created ({case.created})", "correct the dates")


# --- actors, hierarchies, cases ---------------------------------------------------------------

def _countries(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    for actor in model.actors:
        if actor.country and pycountry.countries.get(alpha_2=actor.country) is None:
            yield _problem(actor.origin, ("country",), "unknown-country",
                           f"'{actor.country}' is not an ISO 3166-1 alpha-2 country code",
                           "use the two-letter code, e.g. DE for Germany")
        if actor.kind == "state" and actor.id != actor.country.lower():
            yield _problem(actor.origin, ("id",), "state-id",
                           f"state '{actor.name}' must have its ISO code as id and country",
                           f"set id: {actor.country.lower() or '<code>'} and country: <CODE>")


def _hierarchies(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    for entities in (model.threats, model.instruments):
        parents = {e.id: e.parent for e in entities}
        for entity in entities:
            seen, current = {entity.id}, entity.parent
            while current in parents:
                if current in seen:
                    yield _problem(entity.origin, ("parent",), "parent-cycle",
                                   f"'{entity.id}' is its own ancestor through 'parent'", "break the cycle")
                    break
                seen.add(current)
                current = parents[current]


def _case_rules(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    for case in model.cases:
        count = len(case.sources)
        numbered: tuple[tuple[str, tuple[Attribution | Response, ...]], ...] = (
            ("attributions", case.attributions), ("responses", case.responses))
        for field_name, items in numbered:
            for j, item in enumerate(items):
                if item.source > count:
                    yield _problem(case.origin, (field_name, j, "source"), "unknown-source",
                                   f"source {item.source} does not exist: the case has {count} sources",
                                   "number sources from 1 in the order of 'sources'")
        if not any(source.primary for source in case.sources):
            yield _problem(case.origin, ("sources",), "no-primary-source",
                           "no source is marked primary: true",
                           "add an official statement, legal act, court document, government attribution "
                           "or first-hand investigation report")
        labels = {term.term for term in model.paper_terms}
        if case.paper_label and case.paper_label not in labels:
            yield _problem(case.origin, ("paper_label",), "unknown-paper-term",
                           f"'{case.paper_label}' is not one of the paper's terms",
                           suggest(case.paper_label, labels, "use a term from paper_terms in data/threats.yaml"))
        analysed: set[str] = set()
        for j, analysis in enumerate(case.legal):
            if analysis.norm in analysed:
                yield _problem(case.origin, ("legal", j, "norm"), "duplicate-legal-norm",
                               f"'{analysis.norm}' already has an analysis in this case", "merge the two entries")
            analysed.add(analysis.norm)
            if analysis.norm not in case.norms:
                yield _problem(case.origin, ("legal", j, "norm"), "legal-norm-not-listed",
                               f"the legal analysis covers '{analysis.norm}', which is not among the case's norms",
                               f"add {analysis.norm} to 'norms'")
        if case.legal and case.legal_none:
            yield _problem(case.origin, ("legal_none",), "legal-none-with-analysis",
                           "legal_none says why no norm applies, but the case has a legal analysis",
                           "delete legal_none, or the analysis")
        if case.kind == "incident" and not case.norms and not case.legal_none:
            yield _problem(case.origin, ("kind",), "incident-without-law",
                           "the incident names no norm at stake and does not say why none applies",
                           "list the norms under 'norms' with their analysis under 'legal', or say why no norm "
                           "applies under 'legal_none'")
        external = case.external_ids
        if case.kind == "incident" and not external.get("none") and not external.get("not_found") and not (
                external.get("eurepoc") and external.get("cfr")):
            yield _problem(case.origin, ("external_ids",), "external-ids-unexplained",
                           "the incident has no EuRepoC or CFR entry recorded and does not say why",
                           "give the entry's name under external_ids (eurepoc, cfr), or say what was looked for "
                           "and not found under external_ids.not_found")
        if case.attribution_status and not case.attributions:
            yield _problem(case.origin, ("attribution_status",), "status-without-attribution",
                           f"attribution_status is '{case.attribution_status}' but the case records no attribution",
                           "add the attributions, or delete attribution_status")
        if not case.parties and not case.initiators and case.kind == "agreement":
            yield _problem(case.origin, ("kind",), "missing-field", "an agreement needs 'parties'",
                           "list the actor ids of the parties")


def _sentence_case_titles(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    """A sentence-case title is the same title: only the case of its letters may differ."""
    titled: tuple[Paper | Section, ...] = (model.paper, *model.sections)
    for entity in titled:
        if not _same_but_for_case(entity.sentence_case_title, entity.title):
            yield _problem(entity.origin, ("sentence_case_title",), "sentence-case-title",
                           f"'{entity.sentence_case_title}' is not '{entity.title}' in sentence case",
                           "write the same words as 'title', changing only which letters are capitals")


def _same_but_for_case(one: str, other: str) -> bool:
    """Letter for letter the same text, each pair differing at most as a capital and its small letter.
    casefold() would also let "Maße" pass for "MASSE", or a long s (ſ) for an s."""
    return len(one) == len(other) and all(a == b or (a in (b.lower(), b.upper()) and b in (a.lower(), a.upper()))
                                          for a, b in zip(one, other, strict=True))


# --- the record of review -----------------------------------------------------------------

def _reviews(model: Model, today: dt.date, broken: dict[str, Any]) -> Iterator[Problem]:
    for case in model.cases:
        yield from _review_state(case, case.modified)
        yield from _gaps_for_readers(case)
        yield from _check_sources(case, case.review, {str(n) for n in range(1, len(case.sources) + 1)})
        last_correction = max((c.date for c in case.review.corrections), default="")
        if last_correction > case.modified:
            yield _problem(case.origin, ("modified",), "modified-before-correction",
                           f"modified ({case.modified}) is before the correction of {last_correction}",
                           f"set modified: \"{last_correction}\" or later")
    for claim in model.claims:
        yield from _verdict_history(claim)
        changed = max([h.date for h in claim.review.history] + [c.date for c in claim.review.corrections])
        yield from _review_state(claim, changed)
        yield from _gaps_for_readers(claim)
        yield from _check_sources(claim, claim.review, {c.ref for c in (*claim.sources, *claim.paper_refs)})


def _review_dates(review: Review) -> list[tuple[str, list[str]]]:
    return [("checks", [c.date for c in review.checks]), ("corrections", [c.date for c in review.corrections]),
            ("history", [h.date for h in review.history])]


def _review_state(entity: Case | Claim, changed: str) -> Iterator[Problem]:
    """What each state promises: 'checked' a second reading since the last change and no open
    question; 'disputed' a list of the open questions. A draft says it awaits a second reading."""
    review = entity.review
    for field_name, dates in _review_dates(review):
        if dates != sorted(dates):
            yield _problem(entity.origin, ("review", field_name), "review-order",
                           f"the entries of review.{field_name} are not in date order", "list them oldest first")
    if review.state == "checked":
        second = review.last_second_reading
        if not second:
            yield _problem(entity.origin, ("review", "state"), "review-state",
                           "'checked' means a second reader confirmed every fact, and no reading by a second "
                           "reader is recorded", "add the second reader's check, or set state: draft")
        elif second < changed:
            yield _problem(entity.origin, ("review", "state"), "review-state",
                           f"changed on {changed}, after the last second reading ({second})",
                           "have the change read again and record it, or set state: draft")
        if review.gaps:
            yield _problem(entity.origin, ("review", "gaps"), "review-state",
                           "a checked entry has no open questions, and this one lists some",
                           "resolve them, or set state: disputed")
    elif review.state == "disputed" and not review.gaps:
        yield _problem(entity.origin, ("review", "state"), "review-state",
                       "a disputed entry must list its open questions under review.gaps",
                       "add them as short items, one each")


# Gaps are read by readers, in a box on the page: a statement of what is not known, not an editor's
# note to self. A to-do starts with an instruction; a gap longer than this is a paragraph, not an item.
_TO_DO = re.compile(r"(?:check|find|replace|read|verify|confirm|add|use|look|ask|todo|fixme|fill)\b", re.IGNORECASE)
_GAP_LENGTH = 400


def _gaps_for_readers(entity: Case | Claim) -> Iterator[Problem]:
    for j, gap in enumerate(entity.review.gaps):
        if _TO_DO.match(gap.lstrip()):
            yield _problem(entity.origin, ("review", "gaps", j), "gap-is-a-to-do",
                           f"'{gap.split()[0]}…' reads as an instruction to editors, but readers see gaps "
                           "in a 'Known gaps' box",
                           "say what is not known or not confirmed, e.g. 'The exact day of the démarche is not "
                           "confirmed by an official source.'")
        elif len(gap) > _GAP_LENGTH:
            yield _problem(entity.origin, ("review", "gaps", j), "gap-too-long",
                           f"this gap is {len(gap)} characters long; each is one short item (at most {_GAP_LENGTH})",
                           "split it into items, one open question each, and move history to review.corrections")


def _check_sources(entity: Case | Claim, review: Review, known: set[str]) -> Iterator[Problem]:
    what = "source numbers of this case" if isinstance(entity, Case) else "ids of the references this claim cites"
    for j, check in enumerate(review.checks):
        for k, source in enumerate(check.sources):
            if str(source) not in known or isinstance(source, int) != isinstance(entity, Case):
                yield _problem(entity.origin, ("review", "checks", j, "sources", k), "unknown-source",
                               f"'{source}' is not one of the {what}",
                               "name only sources listed in the entry itself")


def _verdict_history(claim: Claim) -> Iterator[Problem]:
    """A verdict changes only with an entry in its history: the last entry is the verdict shown."""
    history = claim.review.history
    if history[0].before:
        yield _problem(claim.origin, ("review", "history", 0, "before"), "verdict-history",
                       "the first entry is the verdict as first published and has no 'before'", "remove 'before'")
    for j, (previous, change) in enumerate(itertools.pairwise(history), 1):
        if change.before != previous.after:
            said = f"'before' is '{change.before}'" if change.before else "the entry has no 'before'"
            yield _problem(claim.origin, ("review", "history", j, "before" if change.before else "date"),
                           "verdict-history", f"{said}, but the verdict until then was '{previous.after}'",
                           f"set before: {previous.after}")
        elif change.before == change.after:
            yield _problem(claim.origin, ("review", "history", j), "verdict-history",
                           f"the verdict stays '{change.after}': this entry records no change",
                           "record a changed fact under review.corrections instead")
    if history[-1].after != claim.verdict:
        yield _problem(claim.origin, ("verdict",), "verdict-history",
                       f"the verdict '{claim.verdict}' is not the last one in review.history "
                       f"('{history[-1].after}'): a verdict changes only with a dated entry that says why",
                       f"add to review.history: date, before: {history[-1].after}, after: {claim.verdict}, why")
