"""WARC and WARC.gz archives: each successful HTML response record becomes one article.

Records are numbered from 1 in archive order, all types counted (``news.warc.gz#3``). We inflate gzip
ourselves with a limit per gzip member, so a decompression bomb costs bounded time and memory, and
check every record's length, so a truncated archive gives its good records, then one error naming the
damaged record.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.ingest.decode import NotText, decode_bytes, html_charset
from newsgraph.ingest.guard import read_document
from newsgraph.ingest.html import read_html
from newsgraph.ingest.streams import Prefixed, Readable
from newsgraph.model import InputError, RawArticle

MAX_RECORD_BYTES = 10_000_000  # HTML payload read for one article
MAX_MEMBER_BYTES = 100_000_000  # inflated size of one gzip member (one record in a WARC.gz)
MAX_HEADER_LINE_BYTES = 1_000_000
CHUNK_BYTES = 1 << 16


class DamagedArchive(ValueError):
    """The archive cannot be read past this point."""


# What warcio raises on damaged headers, besides its own error (a missing header is AttributeError).
WARC_DAMAGE = (
    DamagedArchive,
    ArchiveLoadFailed,
    OSError,
    EOFError,
    ValueError,
    zlib.error,
    AttributeError,
    TypeError,
    KeyError,
    IndexError,
)


def read_warc(label: str, stream: Readable, plain: bool) -> Iterator[RawArticle | InputError]:
    """Articles from the HTML responses of a WARC; a damaged archive ends with an error naming the record."""
    number = 0
    source = WarcSource(stream)
    try:
        records = iter(ArchiveIterator(source, check_digests=False))
        while (record := _next_record(records)) is not None:
            number += 1
            source.in_payload = True
            yield from _read_record(f"{label}#{number}", record, plain)
            source.in_payload = False
    except WARC_DAMAGE as exc:
        where = number if source.in_payload else number + 1
        reason = " ".join(str(exc).split())[:300] or type(exc).__name__
        yield InputError(f"{label}#{where}", f"damaged WARC record {where}: {reason}")
        return
    if number == 0:
        yield InputError(label, "no WARC records found")


def _next_record(records: Iterator[Any]) -> Any:
    """The next record; warcio's warnings on standard error (a wrong Content-Length) become an error."""
    warnings = io.StringIO()
    with contextlib.redirect_stderr(warnings):
        record = next(records, None)
    if warnings.getvalue().strip():
        raise DamagedArchive(f"record boundary lost ({warnings.getvalue().strip().splitlines()[0].strip()})")
    return record


def _read_record(label: str, record: Any, plain: bool) -> Iterator[RawArticle | InputError]:
    if record.length is not None and record.length > MAX_MEMBER_BYTES:
        raise DamagedArchive(f"record declares {record.length:,} bytes, over the {MAX_MEMBER_BYTES:,} limit")
    payload = record.content_stream().read(MAX_RECORD_BYTES + 1) if _is_html_response(record) else None
    _drain(record)
    if payload is None:
        return
    if len(payload) > MAX_RECORD_BYTES:
        yield InputError(label, f"WARC record larger than {MAX_RECORD_BYTES:,} bytes (refused)")
        return
    try:
        html = decode_bytes(payload, _charset(record) or html_charset(payload))
    except NotText as exc:
        yield InputError(label, str(exc))
        return
    url = record.rec_headers.get_header("WARC-Target-URI")
    for item in read_document(label, lambda: read_html(label, html, plain, url=url)):
        if isinstance(item, RawArticle):
            item.extra["captured"] = _warc_date(record)
        yield item


def _drain(record: Any) -> None:
    """Read the rest of the record, raising when the archive ends before the length it declares."""
    while record.raw_stream.read(CHUNK_BYTES):
        pass
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise DamagedArchive(f"truncated: {missing:,} bytes missing")


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    return status.startswith("2") and "html" in content_type.lower()


def _charset(record: Any) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_date(record: Any) -> str | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    return value[:10] if len(value) >= 10 else None


class WarcSource:
    """The archive's bytes for warcio: gzip inflated with a limit per member, long header lines refused.

    warcio reads header lines by repeated concatenation, so a line of millions of bytes (a bomb of
    zeros after a record) costs quadratic time; outside record payloads no line may be that long.
    """

    def __init__(self, raw: Readable) -> None:
        head = raw.read(2)
        self._raw: Readable = Prefixed(head, raw)
        self._inflater = BoundedGunzip(self._raw, MAX_MEMBER_BYTES) if head == b"\x1f\x8b" else None
        self.in_payload = False
        self._run = 0  # bytes since the last line break
        self._started = False

    def read(self, size: int = -1) -> bytes:
        data = self._inflater.read(size) if self._inflater else self._raw.read(size)
        if not self._started and data:
            self._started = True
            if not data.lstrip().startswith(b"WARC/"):
                raise DamagedArchive("not a WARC file (no WARC/ version line)")
        newline = data.rfind(b"\n")
        self._run = len(data) - newline - 1 if newline >= 0 else self._run + len(data)
        if self._run > MAX_HEADER_LINE_BYTES and not self.in_payload:
            raise DamagedArchive(f"header line longer than {MAX_HEADER_LINE_BYTES:,} bytes")
        return data


class BoundedGunzip:
    """A multi-member gzip stream, inflated on the fly; a member that inflates past ``limit`` is an error."""

    def __init__(self, raw: Readable, limit: int) -> None:
        self._raw = raw
        self._limit = limit
        self._input = b""
        self._new_member()

    def _new_member(self) -> None:
        self._inflater = zlib.decompressobj(wbits=31)
        self._member_bytes = 0
        self._fed = False

    def read(self, size: int = -1) -> bytes:
        size = CHUNK_BYTES if size is None or size < 0 else max(size, 1)
        while True:
            if not self._input:
                self._input = self._raw.read(CHUNK_BYTES)
                if not self._input:
                    if self._fed:
                        raise DamagedArchive("gzip stream truncated")
                    return b""
            if not self._fed and not self._input.strip(b"\x00"):
                self._input = b""  # zero padding after the last member
                continue
            self._fed = True
            out = self._inflater.decompress(self._input, size)
            self._member_bytes += len(out)
            if self._member_bytes > self._limit:
                raise DamagedArchive(f"gzip member inflates past {self._limit:,} bytes (decompression bomb?)")
            if self._inflater.eof:
                self._input = self._inflater.unused_data
                self._new_member()
            else:
                self._input = self._inflater.unconsumed_tail
            if out:
                return out
