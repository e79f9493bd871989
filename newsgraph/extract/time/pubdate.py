"""Infer an article's publication date from its text when the input gives none.

Evidence, strongest first: full dates written out ("September 14, 2020"), and dates written with a
weekday but no year ("Monday, September 14"), whose year is the one in which that day falls on that
weekday nearest to the year anchors of the text ("20 years ago" with "October 2000" anchors 2020).
The latest such date wins; with no evidence the answer is None, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources

YEAR = r"(1[89]\d\d|20\d\d|2100)"
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}


@lru_cache(maxsize=1)
def calendar_words() -> dict[str, tuple[str, int]]:
    """Month and weekday names to (kind, number), from data/time/calendar_words.tsv."""
    raw = resources.files("newsgraph.data").joinpath("time/calendar_words.tsv").read_text("utf-8")
    table: dict[str, tuple[str, int]] = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            word, kind, number = line.split("\t")
            table[word] = (kind, int(number))
    return table


def _names(kind: str) -> str:
    words = sorted((w for w, (k, _) in calendar_words().items() if k == kind), key=len, reverse=True)
    return "(" + "|".join(words) + r")\.?"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    month, weekday, day = _names("month"), _names("weekday"), r"(\d{1,2})(?:st|nd|rd|th)?"
    flags = re.IGNORECASE
    return {
        "month_day_year": re.compile(rf"\b{month}\s+{day},?\s+{YEAR}\b", flags),
        "day_month_year": re.compile(rf"\b{day}\s+(?:of\s+)?{month},?\s+{YEAR}\b", flags),
        "iso": re.compile(rf"\b{YEAR}-(\d\d)-(\d\d)\b"),
        "weekday_month_day": re.compile(rf"\b{weekday},?\s+(?:the\s+)?{month}\s+{day}\b(?!,?\s+\d)", flags),
        "weekday_day_month": re.compile(rf"\b{weekday},?\s+(?:the\s+)?{day}\s+(?:of\s+)?{month}(?!,?\s+\d)", flags),
        "years_ago": re.compile(r"\b(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")\s+years?\s+ago\b", flags),
        "year": re.compile(rf"\b{YEAR}\b"),
    }


def _number(word: str) -> int:
    return calendar_words()[word.lower().rstrip(".")][1]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def explicit_dates(text: str) -> list[dt.date]:
    """Full dates written with day, month and year."""
    p = _patterns()
    found = [_safe_date(int(m[3]), _number(m[1]), int(m[2])) for m in p["month_day_year"].finditer(text)]
    found += [_safe_date(int(m[3]), _number(m[2]), int(m[1])) for m in p["day_month_year"].finditer(text)]
    found += [_safe_date(int(m[1]), int(m[2]), int(m[3])) for m in p["iso"].finditer(text)]
    return [d for d in found if d]


def weekday_dates(text: str) -> list[tuple[int, int, int]]:
    """(weekday, month, day) triples written without a year."""
    p = _patterns()
    triples = [(_number(m[1]), _number(m[2]), int(m[3])) for m in p["weekday_month_day"].finditer(text)]
    triples += [(_number(m[1]), _number(m[3]), int(m[2])) for m in p["weekday_day_month"].finditer(text)]
    return triples


def year_anchors(text: str) -> tuple[list[int], int | None]:
    """Years the text points at as its present, and the earliest year it can have been written in.

    A year mentioned plus "N years ago" anchors that sum; without such a phrase the latest year
    mentioned is both the anchor and the floor (news reports look back more than forward).
    """
    p = _patterns()
    years = [int(m[1]) for m in p["year"].finditer(text)]
    spans = [NUMBER_WORDS.get(m[1].lower()) or int(m[1]) for m in p["years_ago"].finditer(text)]
    if spans and years:
        return sorted({y + n for y in years for n in spans}), None
    return ([max(years)], max(years)) if years else ([], None)


def resolve_weekday_year(
    weekday: int, month: int, day: int, anchors: list[int], floor: int | None = None
) -> dt.date | None:
    """The date of that day and month, falling on that weekday, in the year nearest an anchor."""
    if not anchors:
        return None
    candidates = [d for y in range(1900, 2101) if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
    if floor is not None:
        candidates = [d for d in candidates if d.year >= floor] or candidates

    def distance(d: dt.date) -> tuple[int, int]:
        return min(abs(d.year - a) for a in anchors), -d.year

    return min(candidates, key=distance) if candidates else None


def infer_publication_date(text: str) -> str | None:
    """The ISO publication date the text itself supports, or None."""
    dates = explicit_dates(text)
    anchors, floor = year_anchors(text)
    for weekday, month, day in weekday_dates(text):
        resolved = resolve_weekday_year(weekday, month, day, anchors, floor)
        if resolved:
            dates.append(resolved)
    return max(dates).isoformat() if dates else None
