"""Stable article ids and normalised publication dates."""

from __future__ import annotations

import datetime as dt
import hashlib

from dateutil import parser as date_parser


def stable_id(url: str | None, text: str) -> str:
    """A stable id from the url when there is one, else from the text."""
    basis = url.strip() if url and url.strip() else text
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def normalise_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date, datetime, timestamp string or common written date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = date_parser.parse(text, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year < 1000:
        return None
    return parsed.date().isoformat()
