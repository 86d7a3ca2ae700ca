"""The record of review as readers see it: a state box at the top of a case, a line and a
collapsed record under each claim, and the corrections that feed the Corrections page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import Case, Claim, Paper, Review, ReviewCheck, Section
from . import labels as lb
from . import markup as mk
from .blocks import join

STATES = {"draft": "Draft", "checked": "Checked", "disputed": "Disputed"}
READERS = {"author": "the author", "second-reader": "a second reader"}
# Material's admonition colours: blue for a draft, green once checked, orange while disputed.
_ADMONITION = {"draft": "info", "checked": "success", "disputed": "warning"}


def state_sentence(review: Review) -> str:
    """What the state means for this entry, in one sentence with its date."""
    if review.state == "checked":
        return (f"A second reader, who did not write it, confirmed every fact against the sources on "
                f"{lb.human_date(review.last_second_reading)}.")
    if review.state == "disputed":
        return "Open questions remain; they are listed under Known gaps."
    return (f"Written on {lb.human_date(review.checks[0].date)} and not yet checked in full by a second reader, "
            "who did not write it.")


def _sources_read(check: ReviewCheck, name: Callable[[str], str]) -> str:
    if not check.sources:
        return "every source listed"
    if all(isinstance(s, int) for s in check.sources):
        return "source" + ("s " if len(check.sources) > 1 else " ") + ", ".join(
            f"[&#91;{n}&#93;](#source-{n})" for n in check.sources)
    return "; ".join(name(str(s)) for s in check.sources)


def check_line(check: ReviewCheck, name: Callable[[str], str] = mk.inline) -> str:
    """One reading; ``name`` links a reference id (a claim's sources are references)."""
    line = (f"{lb.human_date(check.date)}, {READERS[check.reader]}: {mk.inline(check.scope)} "
            f"Read: {_sources_read(check, name)}.")
    if check.unverified:
        line += " Could not be verified: " + "; ".join(mk.inline(u) for u in check.unverified)
    return line


def record(review: Review, name: Callable[[str], str] = mk.inline) -> str:
    """Every reading, verdict and correction, oldest first (the body of 'Record of review')."""
    history = [f"{lb.human_date(h.date)}: " + (
        f"{lb.VERDICTS[h.before]} → {lb.VERDICTS[h.after]}. {mk.inline(h.why)}" if h.before
        else f"{lb.VERDICTS[h.after]}. {mk.inline(h.why)}") for h in review.history]
    return join(
        ("**Verdicts:**\n\n" + mk.bullets(history)) if history else "",
        "**Readings:**\n\n" + mk.bullets([check_line(c, name) for c in review.checks]),
        ("**Corrections:**\n\n" + mk.bullets([f"{lb.human_date(c.date)}: {mk.inline(c.text)}"
                                               for c in review.corrections])) if review.corrections else "",
    )


def _gaps(review: Review) -> str:
    return ("**Known gaps:**\n\n" + mk.bullets([mk.inline(g) for g in review.gaps])) if review.gaps else ""


def case_notice(case: Case) -> str:
    """The box at the top of a case page: state, known gaps, corrections; the full record folded."""
    review = case.review
    times = {1: "once", 2: "twice"}.get(len(review.corrections), f"{len(review.corrections)} times")
    corrected = (f"Corrected {times} since it was published, last on "
                 f"{lb.human_date(review.corrections[-1].date)}: see the record below." if review.corrections else "")
    body = join(
        mk.inline(state_sentence(review)) + (" " + corrected if corrected else ""),
        _gaps(review),
        f'<details class="review-record" markdown>\n<summary>Record of review</summary>\n\n{record(review)}\n\n'
        "</details>",
    )
    return (f'<div class="admonition {_ADMONITION[review.state]} review-state" markdown>\n'
            f'<p class="admonition-title">{STATES[review.state]}</p>\n\n{body}\n\n</div>')


def claim_status(claim: Claim) -> str:
    """The line under a claim's verdict: since when it holds, and the state of its review."""
    review = claim.review
    changed = " (changed)" if len(review.history) > 1 else ""
    sentence = state_sentence(review)
    return (f'<span class="review-line">Verdict since {lb.human_date(review.history[-1].date)}{changed}. '
            f"{STATES[review.state]}: {mk.inline(sentence[0].lower() + sentence[1:])}</span>")


def claim_record(claim: Claim, name: Callable[[str], str]) -> str:
    """A claim's known gaps, and its record of review folded."""
    review = claim.review
    return join(
        _gaps(review),
        f'<details class="review-record" markdown>\n<summary>Record of review of claim {claim.id}</summary>\n\n'
        f"{record(review, name)}\n\n</details>",
    )


@dataclass(frozen=True)
class CorrectionEntry:
    """One line of the Corrections page and its feed: a changed verdict or a changed fact."""

    date: str
    entity: Case | Claim
    text: str


def corrections(cases: tuple[Case, ...], claims: tuple[Claim, ...]) -> list[CorrectionEntry]:
    """Every correction and every changed verdict, newest first (ties by the entry's id, for a stable page)."""
    entries = [CorrectionEntry(c.date, case, c.text) for case in cases for c in case.review.corrections]
    for claim in claims:
        entries += [CorrectionEntry(c.date, claim, c.text) for c in claim.review.corrections]
        entries += [CorrectionEntry(h.date, claim, f"Verdict changed from “{lb.VERDICTS[h.before]}” to "
                                    f"“{lb.VERDICTS[h.after]}”. {h.why}")
                    for h in claim.review.history if h.before]
    return sorted(entries, key=lambda e: (e.date, e.entity.id), reverse=True)


# The verdicts as a rating scale for ClaimReview (schema.org): worst 1, best 3. The About page
# states the same order to readers (tests/test_review_outputs.py keeps them in step).
RATING = {"wrong": 1, "needs-nuance": 2, "supported": 3}


def claim_reviews(section: Section, page_url: str, paper: Paper, site_name: str, site_url: str) -> list[dict[str, Any]]:
    """A schema.org ClaimReview per claim of a section, for fact-check readers and search engines."""
    work = {"@type": "CreativeWork", "name": paper.title, "url": paper.url, "datePublished": paper.issued,
            "author": [{"@type": "Person", "name": f"{a.given} {a.family}"} for a in paper.authors]}
    return [{
        "@type": "ClaimReview",
        "url": f"{page_url}#{claim.id}",
        "claimReviewed": claim.text,
        "itemReviewed": {"@type": "Claim", "text": claim.printed, "author": work["author"],
                         "datePublished": paper.issued, "appearance": work, "firstAppearance": work},
        "reviewRating": {"@type": "Rating", "ratingValue": RATING[claim.verdict], "bestRating": max(RATING.values()),
                         "worstRating": min(RATING.values()), "alternateName": lb.VERDICTS[claim.verdict]},
        "author": {"@type": "Organization", "name": site_name, "url": site_url},
        "datePublished": claim.review.published,
        "dateModified": claim.review.last_changed,
    } for claim in section.claims]
