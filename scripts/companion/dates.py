"""Dates as the data writes them: '2015', '2015-05' or '2015-05-01', each meaning a span of days."""

from __future__ import annotations

import datetime as dt


def first_day(value: str) -> dt.date | None:
    """'2015', '2015-05' or '2015-05-01' -> the first day it can mean; None if no such date."""
    parts = [int(p) for p in value.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def last_day(value: str) -> dt.date:
    """The last day a partial date can mean, so that '2015' is not before '2015-06-01'."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def is_day(value: str) -> bool:
    return len(value) == 10


def earliest(values: list[str]) -> str:
    """The earliest of some dates, as precisely as they allow: an exact day, unless a vaguer date
    lies wholly before it ('2018-02' is not known to be before '2018-02-15'; '2018-01' is)."""
    if not values:
        return ""
    days = sorted(v for v in values if is_day(v))
    vaguer = sorted((v for v in values if not is_day(v)), key=lambda v: (first_day(v) or dt.date.max, v))
    before = [v for v in vaguer if days and last_day(v) < last_day(days[0])]
    if days and not before:
        return days[0]
    return (before or vaguer)[0]
