"""JSON Lines: one article a line, at least ``text``; optional id, title, url, source, published or date."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newsgraph.ingest.identity import normalise_date
from newsgraph.ingest.text import read_text
from newsgraph.model import InputError, RawArticle

MAX_LINE_CHARS = 20_000_000


def read_jsonl_lines(label: str, lines: Iterable[str], plain: bool) -> Iterator[RawArticle | InputError]:
    """One article or error per non-blank line; the record number is the 1-based line number."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield from read_jsonl_record(f"{label}#{number}", line, plain)


def read_jsonl_record(label: str, line: str, plain: bool) -> Iterator[RawArticle | InputError]:
    if len(line) > MAX_LINE_CHARS:
        yield InputError(label, f"line longer than {MAX_LINE_CHARS:,} characters")
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield InputError(label, f"invalid JSON: {exc.msg} at column {exc.colno}")
        return
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        yield InputError(label, "JSON record has no non-empty 'text' field")
        return
    yield from _article_from_record(label, record, plain)


def _article_from_record(label: str, record: dict, plain: bool) -> Iterator[RawArticle]:
    for article in read_text(label, record["text"], plain=True):
        article.id = _text_or_none(record.get("id"))
        article.title = _text_or_none(record.get("title"))
        article.url = _text_or_none(record.get("url"))
        article.source = _text_or_none(record.get("source") or record.get("publisher"))
        article.published = normalise_date(record.get("published") or record.get("date"))
        if not plain:
            article.text = next(read_text(label, record["text"], plain=False)).text
        yield article


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)
