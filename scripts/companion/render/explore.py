"""Ways to explore the cases: the explorer table, the timeline picture and the threat × case matrix.

All three list every case and work without JavaScript; the explorer's filters and sorting
are an enhancement (docs/javascripts/explorer.js) over a table that is complete in the HTML.
"""

from __future__ import annotations

import html

import pycountry

from .. import urls
from ..model import Case, Model, Threat
from . import labels as lb
from . import markup as mk
from .blocks import Links, count, join
from .context import Context
from .relations import Relations

__all__ = ["explorer_page", "legend", "matrix_page", "taxonomy_svg", "timeline_page"]

TIMELINE = urls.TIMELINE
MATRIX = urls.MATRIX
KIND_COLOURS = {"incident": "#c62828", "agreement": "#2e7d32", "legal-instrument": "#1565c0",
                "diplomatic-practice": "#8e24aa"}


def case_countries(case: Case, model: Model) -> list[str]:
    """ISO codes of the countries of everyone involved (initiators, receivers, parties)."""
    actors = model.by_id["actor"]
    ids = [p.actor for p in (*case.initiators, *case.receivers)] + list(case.parties)
    return sorted({actors[i].country for i in ids if actors[i].country})


def country_names(model: Model) -> dict[str, str]:
    """Display name per ISO code: the state's own actor name where there is one."""
    names = {a.country: a.name for a in model.actors if a.kind == "state"}
    for case in model.cases:
        for code in case_countries(case, model):
            if code not in names:
                country = pycountry.countries.get(alpha_2=code)
                names[code] = country.name if country else code
    return names


def threat_with_ancestors(threat_ids: tuple[str, ...], model: Model) -> list[str]:
    """A case filed under 'ddos' is also found when filtering for its parent, 'disruption'."""
    threats = model.by_id["threat"]
    found: list[str] = []
    for threat_id in threat_ids:
        current = threat_id
        while current and current not in found:
            found.append(current)
            current = threats[current].parent if current in threats else ""
    return found


def _directory_urls(rel: Relations) -> bool:
    return rel.citations.site.directory_urls


def _cases_by_date(model: Model) -> list[Case]:
    return sorted(model.cases, key=lambda c: (c.start, c.id))


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def explorer_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(urls.CASES, model, rel)
    cases = _cases_by_date(model)
    names = country_names(model)
    used_threats = {t for c in cases for t in threat_with_ancestors(c.threats, model)}
    used_countries = sorted({code for c in cases for code in case_countries(c, model)}, key=lambda c: names[c])
    years = [int(c.start[:4]) for c in cases] + [int((c.end or c.start)[:4]) for c in cases]

    def options(pairs: list[tuple[str, str]]) -> str:
        return "".join(f'<option value="{_attr(v)}">{html.escape(label)}</option>' for v, label in pairs)

    first, last = (min(years), max(years)) if years else (0, 0)
    downloads = "../downloads/"  # from cases/ (or cases/index.html offline), where the explorer is
    form = f"""<form class="case-filters" aria-label="Filter the cases">
<label>Threat <select name="threat"><option value="">Any threat</option>{options(
        [(t.id, t.name) for t in model.threats if t.id in used_threats])}</select></label>
<label>Kind <select name="kind"><option value="">Any kind</option>{options(
        [(k, v) for k, v in lb.CASE_KINDS.items() if any(c.kind == k for c in cases)])}</select></label>
<label>Country <select name="country"><option value="">Any country</option>{options(
        [(code, names[code]) for code in used_countries])}</select></label>
<label>From <input type="number" name="from" min="{first}" max="{last}" placeholder="{first}"></label>
<label>To <input type="number" name="to" min="{first}" max="{last}" placeholder="{last}"></label>
<button type="reset">Clear</button>
<output name="shown" aria-live="polite">{count(len(cases), "case")}</output>
<span class="case-download" hidden data-csv="{downloads}cases.csv" data-json="{downloads}cases.json">
Download these: <button type="button" data-download="csv">CSV</button>
<button type="button" data-download="json">JSON</button></span>
</form>"""

    def header(key: str, label: str) -> str:
        return f'<th aria-sort="none" data-sort="{key}"><span>{label}</span></th>'

    rows = []
    for case in cases:
        threats = threat_with_ancestors(case.threats, model)
        countries = case_countries(case, model)
        claims = rel.claims_by_case.get(case.id, [])
        rows.append(
            f'<tr markdown data-kind="{case.kind}" data-threats="{" ".join(threats)}" '
            f'data-countries="{" ".join(countries)}" data-start="{case.start}" data-end="{case.end or case.start}" '
            f'data-title="{_attr(case.title.casefold())}" data-id="{case.id}">\n'
            f'<td markdown="span" data-label="Case">{ln.to(case)}</td>\n'
            f'<td data-label="Kind">{lb.CASE_KINDS[case.kind]}</td>\n'
            f'<td data-label="Start">{lb.human_date(case.start)}</td>\n'
            f'<td data-label="End">{lb.human_date(case.end) if case.end else ""}</td>\n'
            f'<td markdown="span" data-label="Threats">{ln.ids("threat", case.threats)}</td>\n'
            f'<td data-label="Countries">{mk.inline(", ".join(names[c] for c in countries))}</td>\n'
            f'<td markdown="span" data-label="The paper’s claims">{", ".join(ln.to(c, c.id) for c in claims)}</td>\n'
            "</tr>")
    head = (f'{header("title", "Case")}{header("kind", "Kind")}{header("start", "Start")}{header("end", "End")}'
            "<th>Threats</th><th>Countries</th><th>The paper’s claims</th>")
    # data-search-exclude: the rows repeat what each case's page says; the search index, which every
    # searcher downloads, would hold every case twice (and more, with the timeline and matrix).
    # A class of its own, and our own scrolling wrapper: Material wraps every table without a class
    # from JavaScript after the page has loaded, and moving a table of every case cost phones
    # hundreds of milliseconds of blocked time (Lighthouse: 370-880 ms, 60-200 ms without).
    table = (f'<div class="case-table-scroll" markdown>\n'
             f'<table id="case-explorer" class="case-table" markdown data-search-exclude="true">\n'
             f'<thead>\n<tr>{head}</tr>\n</thead>\n'
             '<tbody markdown>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>")
    return join(
        mk.front_matter(description="Explore the cases where cyber operations met diplomacy, by threat, kind, "
                                    "year and country.", hide=("toc",)),
        "# Cases",
        f"{count(len(cases), 'case')} where cyber operations and diplomacy met, oldest first. Each case has at "
        "least two sources, one of them primary (an official statement, legal act or court document). "
        "Filter the table by threat, kind, country or years, or sort it by a column. See them also on a "
        f"{ln.page_link(TIMELINE, 'timeline')}, in a {ln.page_link(MATRIX, 'threat × case matrix')}, or "
        f"{ln.page_link('downloads.md', 'download them')} as JSON or CSV. The address keeps the filters you "
        "choose, so a filtered view can be bookmarked or shared; “Download these” saves just the cases shown. "
        "An empty end date means the case took place on one day, or that its end is not known.",
        form,
        table,
    )


# --- timeline -------------------------------------------------------------------------------

def _decimal_year(value: str) -> float:
    parts = [int(p) for p in value.split("-")]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


def _end_year(value: str) -> float:
    """The end of the period a partial date names: '2015' ends with 2015, '2015-05' with May."""
    parts = value.split("-")
    return _decimal_year(value) + (1.0 if len(parts) == 1 else 1 / 12 if len(parts) == 2 else 1 / 365)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline_svg(model: Model, from_page: str = TIMELINE, directory_urls: bool = True) -> str:
    """An SVG timeline: a row per case, its title on the left and a bar from start to end.

    Each row links to the case; the full title and dates are in the row's <title> tooltip.
    """
    cases = _cases_by_date(model)
    if not cases:
        return ""
    first = int(min(_decimal_year(c.start) for c in cases))
    last = int(max(_end_year(c.end or c.start) for c in cases)) + 1
    width, labels, right, top, row = 960, 340, 20, 30, 24
    span = width - labels - right
    height = top + row * len(cases) + 8

    def x(year: float) -> float:
        return round(labels + (year - first) / (last - first) * span, 1)

    step = 5 if last - first > 20 else 2 if last - first > 8 else 1
    ticks = [f'<line x1="{x(year)}" y1="{top - 6}" x2="{x(year)}" y2="{height - 4}" class="grid"/>'
             f'<text x="{x(year)}" y="{top - 12}" text-anchor="middle" class="tick">{year}</text>'
             for year in range(first, last + 1) if (year - first) % step == 0]
    marks = []
    for i, case in enumerate(cases):
        y = top + i * row
        start, end = x(_decimal_year(case.start)), x(_end_year(case.end or case.start))
        when = lb.date_range(case.start, case.end)
        marks.append(
            f'<a href="{_attr(urls.relative_url(from_page, case, directory_urls))}">'
            f"<title>{html.escape(case.title)} ({html.escape(when)})</title>"
            f'<text x="{labels - 10}" y="{y + row / 2 + 4}" text-anchor="end" class="label">'
            f"{html.escape(_shorten(case.title, 44))}</text>"
            f'<rect x="{start}" y="{y + 5}" width="{round(max(end - start, 4), 1)}" height="{row - 10}" rx="3" '
            f'fill="{KIND_COLOURS[case.kind]}"/>'
            "</a>")
    return (f'<svg class="timeline" viewBox="0 0 {width} {height}" '
            f'role="group" aria-label="Timeline of {count(len(cases), "case")}, {first} to {last - 1}">'
            + "".join(ticks) + "".join(marks) + "</svg>")


def legend(model: Model) -> str:
    """What the colours of the pictures mean."""
    kinds = {case.kind for case in model.cases}
    return '<p class="timeline-legend">' + " ".join(
        f'<span class="legend-swatch" style="background:{colour}"></span> {lb.CASE_KINDS[kind]}'
        for kind, colour in KIND_COLOURS.items() if kind in kinds) + "</p>"


def timeline_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(TIMELINE, model, rel)
    by_year: dict[str, list[str]] = {}
    for case in _cases_by_date(model):
        by_year.setdefault(case.start[:4], []).append(
            f"{lb.date_range(case.start, case.end)}: {ln.to(case)} ({lb.CASE_KINDS[case.kind].lower()})")
    listing = "\n\n".join(f"{mk.heading(3, year)}\n\n{mk.bullets(items)}" for year, items in by_year.items())
    return join(
        mk.front_matter(description="A timeline of the cases where cyber operations met diplomacy.", hide=("toc",)),
        "# Timeline",
        "Each bar runs from a case’s start to its end; select one to open the case. The same events are listed "
        "by year below the picture. On a narrow screen, the list takes the picture’s place.",
        legend(model),
        f'<div class="timeline-scroll" data-search-exclude="true">'
        f'{timeline_svg(model, directory_urls=_directory_urls(rel))}</div>',
        "## The same events by year",
        f'<div class="timeline-list" markdown data-search-exclude="true">\n\n{listing}\n\n</div>',
    )


# --- matrix ---------------------------------------------------------------------------------

def matrix_page(ctx: Context) -> str:
    model, rel = ctx.model, ctx.relations
    ln = Links(MATRIX, model, rel)
    cases = _cases_by_date(model)
    threats = list(model.threats)
    header = ["Case", *(f'<span class="vertical">{mk.inline(t.name)}</span>' for t in threats)]
    rows = []
    for case in cases:
        direct = set(case.threats)
        cells = ['<span class="mark" aria-label="yes">●</span>' if t.id in direct else "" for t in threats]
        rows.append([ln.to(case), *cells])
    totals = ["**Cases**"] + [str(len(rel.cases_by_threat.get(t.id, []))) for t in threats]
    return join(
        mk.front_matter(description="Which threats each case involves: a threat × case matrix.", hide=("toc",)),
        "# Threats × cases",
        "Which threats each case involves, as filed in its data. A case filed under a narrower threat "
        "(for example DDoS) is not marked again under the broader one (disruption).",
        f'<div class="matrix" markdown data-search-exclude="true">\n\n{mk.table(header, [*rows, totals])}\n\n</div>',
    )


# --- taxonomy picture -----------------------------------------------------------------------

def taxonomy_svg(model: Model, rel: Relations, from_page: str = urls.THREATS) -> str:
    """The threat taxonomy as a tree, each threat followed by one square per case (each a link)."""
    directory_urls = _directory_urls(rel)
    rows: list[tuple[int, Threat]] = []

    def walk(parent: str, depth: int) -> None:
        for threat in model.threats:
            if threat.parent == parent:
                rows.append((depth, threat))
                walk(threat.id, depth + 1)

    walk("", 0)
    width, labels, top, row, square, gap = 960, 330, 8, 26, 14, 4
    height = top + row * len(rows) + 8
    parts = []
    for i, (depth, threat) in enumerate(rows):
        y = top + i * row
        x = 12 + depth * 22
        if depth:
            parts.append(f'<path d="M{x - 14} {y - 8} V{y + row / 2} H{x - 4}" class="branch"/>')
        parts.append(f'<a href="{_attr(urls.relative_url(from_page, threat, directory_urls))}">'
                     f'<text x="{x}" y="{y + row / 2 + 4}" class="label">{html.escape(threat.name)}</text></a>')
        cases = sorted(rel.cases_by_threat.get(threat.id, []), key=lambda c: (c.start, c.id))
        for j, case in enumerate(cases):
            cx = labels + j * (square + gap)
            parts.append(f'<a href="{_attr(urls.relative_url(from_page, case, directory_urls))}">'
                         f"<title>{html.escape(case.title)}</title>"
                         f'<rect x="{cx}" y="{y + (row - square) / 2}" width="{square}" height="{square}" rx="2" '
                         f'fill="{KIND_COLOURS[case.kind]}"/></a>')
        parts.append(f'<text x="{labels + len(cases) * (square + gap) + 6}" y="{y + row / 2 + 4}" class="tick">'
                     f"{len(cases)}</text>")
    return (f'<svg class="taxonomy" viewBox="0 0 {width} {height}" role="group" '
            f'aria-label="The threat taxonomy: {count(len(rows), "threat")}, each with its cases">'
            + "".join(parts) + "</svg>")
