"""A time limit on reading one document (an HTML page, a feed, a text, one WARC record).

Parsers behind the readers (trafilatura, lxml, our text rules) are fast on real pages, but a crafted
input could keep one busy for a long time. Each document is read within ``read_seconds()`` (60 s, or
``NEWSGRAPH_READ_SECONDS``); past it, the document becomes an error record and the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from newsgraph.limits import AnalysisTimeout, bounded
from newsgraph.model import InputError, RawArticle

READ_SECONDS_ENV = "NEWSGRAPH_READ_SECONDS"
DEFAULT_READ_SECONDS = 60.0

Item = RawArticle | InputError


def read_seconds() -> float | None:
    """The time limit for reading one document: ``NEWSGRAPH_READ_SECONDS`` if set (0 = none), else 60 s."""
    value = os.environ.get(READ_SECONDS_ENV, "").strip()
    if not value:
        return DEFAULT_READ_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_READ_SECONDS
    return seconds if seconds > 0 else None


def read_document(label: str, produce: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """The records one document gives, or one error record when reading it runs past the limit."""
    try:
        items = bounded(produce, read_seconds(), "reading")
    except AnalysisTimeout as exc:
        yield InputError(label, str(exc))
        return
    yield from items
