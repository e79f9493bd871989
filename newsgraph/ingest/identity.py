"""Stable article ids and normalised publication dates."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
import warnings

from dateutil import parser as date_parser

MAX_DATE_CHARS = 80
# Words and separators that sit around a date on a page but that the date parser does not know.
DATE_NOISE = re.compile(r"(?i)(?:\b(?:on|at|am|pm)\b\.?|[|•·@]|\(|\))")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)", re.ASCII)
_FIRST = dt.datetime(1, 1, 1)
_SECOND = dt.datetime(2, 2, 2)


def stable_id(url: str | None, text: str) -> str:
    """A stable id from the url when there is one, else from the text."""
    basis = url.strip() if url and url.strip() else text
    return hashlib.sha1(basis.encode("utf-8", errors="replace")).hexdigest()[:16]


def normalise_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date, datetime, struct_time, Unix timestamp or written date.

    A written date needs a year and a day ("14 September 2020", "2020-09-14T10:00Z", "Sep 14, 2020");
    "September 2020", "3 hours ago" and other partial or relative dates give None.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _valid(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    return _from_text(str(value))


def _from_text(text: str) -> str | None:
    text = " ".join(text.split())
    if not text or len(text) > MAX_DATE_CHARS or not any(ch.isdigit() for ch in text):
        return None
    iso = ISO_DATE.match(text)
    if iso:
        return _valid(*(int(part) for part in iso.groups()))
    if text.isascii() and text.isdigit() and len(text) >= 9:
        return _from_timestamp(float(text))
    text = " ".join(DATE_NOISE.sub(" ", text).split())
    first = _parse(text, _FIRST)
    if first is None or first.year < 1000:
        return None
    if first.day == 1:  # a day of 1 may be the default: did the text give a day?
        second = _parse(text, _SECOND)
        if second is None or second.day != first.day:
            return None
    return first.date().isoformat()


def _parse(text: str, default: dt.datetime) -> dt.datetime | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return date_parser.parse(text, default=default)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


def _from_timestamp(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    if not 0 < seconds < 1e10:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat() if year >= 1000 else None
    except ValueError:
        return None
