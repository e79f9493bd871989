"""JSON Lines: one article a line, at least ``text``; optional id, title, url, source or publisher, published or date.

Files are streamed line by line (never read whole); a line that is not valid JSON, not UTF-8 or has no
``text`` is one error labelled ``file.jsonl#N`` (N the 1-based line number) and the other lines are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newsgraph.ingest.decode import clean_field
from newsgraph.ingest.identity import normalise_date
from newsgraph.ingest.streams import Readable
from newsgraph.ingest.text import read_text
from newsgraph.model import InputError, RawArticle

MAX_LINE_BYTES = 20_000_000
CHUNK_BYTES = 1 << 20
TOO_LONG = None  # stands for a line over MAX_LINE_BYTES, which is skipped without being held


def read_jsonl_stream(label: str, stream: Readable, plain: bool) -> Iterator[RawArticle | InputError]:
    """Articles from a JSON Lines byte stream, one line in memory at a time."""
    seen = False
    for number, raw in enumerate(iter_byte_lines(stream, MAX_LINE_BYTES), start=1):
        item = read_jsonl_bytes(label, number, raw, plain)
        if item is not None:
            seen = True
            yield item
    if not seen:
        yield InputError(label, "no JSON records found")


def read_jsonl_bytes(label: str, number: int, raw: bytes | None, plain: bool) -> RawArticle | InputError | None:
    """The article or error of line ``number`` (1-based) of a JSON Lines file; None for a blank line.

    ``raw`` is the line's bytes without its newline, or None for a line over the length limit."""
    if raw is TOO_LONG:
        return InputError(f"{label}#{number}", f"line longer than {MAX_LINE_BYTES:,} bytes (refused)")
    if number == 1:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    if not raw.strip():
        return None
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(f"{label}#{number}", f"line is not valid UTF-8 (byte {exc.start + 1})")
    return read_jsonl_record(f"{label}#{number}", line, plain)


def read_jsonl_lines(label: str, lines: Iterable[str], plain: bool) -> Iterator[RawArticle | InputError]:
    """One article or error per non-blank line; the record number is the 1-based line number."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield read_jsonl_record(f"{label}#{number}", line.lstrip("\ufeff"), plain)


def iter_byte_lines(stream: Readable, max_line: int) -> Iterator[bytes | None]:
    """Lines of a byte stream without their ``\\n``; ``None`` for each line longer than ``max_line``."""
    pending = bytearray()
    skipping = False
    while chunk := stream.read(CHUNK_BYTES):
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            if not skipping:
                pending += chunk[start:end]
            yield TOO_LONG if skipping or len(pending) > max_line else bytes(pending)
            pending.clear()
            skipping = False
            start = end + 1
        if not skipping:
            pending += chunk[start:]
            if len(pending) > max_line:
                pending.clear()
                skipping = True
    if skipping:
        yield TOO_LONG
    elif pending:
        yield bytes(pending)


def read_jsonl_record(label: str, line: str, plain: bool) -> RawArticle | InputError:
    """The article one JSON line describes, or why it cannot be read."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(label, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except (ValueError, RecursionError) as exc:
        return InputError(label, f"invalid JSON: {type(exc).__name__}")
    if not isinstance(record, dict):
        return InputError(label, f"JSON line is a {type(record).__name__}, not an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(label, "JSON record has no non-empty 'text' field")
    return _article_from_record(label, record, text, plain)


def _article_from_record(label: str, record: dict, text: str, plain: bool) -> RawArticle:
    """Fields given in the record win; without ``plain`` the text is read as a scraped page for the rest."""
    article = next(read_text(label, text, plain))
    article.id = _field(record.get("id")) or article.id
    article.title = _field(record.get("title")) or article.title
    article.url = _field(record.get("url")) or article.url
    article.source = _field(record.get("source")) or _field(record.get("publisher")) or article.source
    article.published = _record_date(record) or article.published
    article.author = _field(record.get("author")) or article.author
    return article


def _record_date(record: dict) -> str | None:
    for key in ("published", "date"):
        if isinstance(record.get(key), str | int | float):
            date = normalise_date(record[key])
            if date:
                return date
    return None


def _field(value: object) -> str | None:
    """A string-like JSON value (or an object's ``name``) as one clean line."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return clean_field(value)
