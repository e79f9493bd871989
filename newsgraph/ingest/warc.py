"""WARC and WARC.gz archives: each HTML response record becomes one article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.ingest.decode import NotText, decode_bytes
from newsgraph.ingest.html import read_html
from newsgraph.model import InputError, RawArticle

MAX_RECORD_BYTES = 10_000_000


def read_warc(label: str, stream: BinaryIO, plain: bool) -> Iterator[RawArticle | InputError]:
    """Articles from the HTML responses of a WARC; a damaged archive ends with an error naming the record."""
    number = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            if _is_html_response(record):
                yield from _record_article(f"{label}#{number}", record, plain)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield InputError(f"{label}#{number + 1}", f"damaged WARC record: {exc or type(exc).__name__}")


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return "html" in content_type.lower()


def _record_article(label: str, record, plain: bool) -> Iterator[RawArticle | InputError]:
    payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:
        yield InputError(label, f"WARC record larger than {MAX_RECORD_BYTES:,} bytes after decompression")
        return
    try:
        html = decode_bytes(payload)
    except NotText as exc:
        yield InputError(label, str(exc))
        return
    url = record.rec_headers.get_header("WARC-Target-URI")
    for item in read_html(label, html, plain, url=url):
        if isinstance(item, RawArticle):
            item.extra["captured"] = _warc_date(record)
        yield item


def _warc_date(record) -> str | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    return value[:10] if len(value) >= 10 else None


def read_warc_bytes(label: str, data: bytes, plain: bool) -> Iterator[RawArticle | InputError]:
    return read_warc(label, io.BytesIO(data), plain)
