"""Readers that turn files, folders and standard input into raw articles or error records.

Every input gives RawArticle records or InputError records, never an exception: one bad input is
reported and the others are read. See docs/ingest.md for the formats and how they are detected.
"""

from __future__ import annotations

import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.ingest.decode import NotText, bom_encoding, decode_bytes, html_charset
from newsgraph.ingest.detect import detect_kind
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.guard import read_document
from newsgraph.ingest.html import read_html
from newsgraph.ingest.jsonl import read_jsonl_lines, read_jsonl_stream
from newsgraph.ingest.streams import Prefixed, Readable
from newsgraph.ingest.text import read_text
from newsgraph.ingest.warc import BoundedGunzip, DamagedArchive, read_warc
from newsgraph.limits import AnalysisTimeout
from newsgraph.model import InputError, RawArticle

MAX_TEXT_BYTES = 20_000_000  # text, HTML and feeds are read whole up to this size; WARC and JSONL stream
HEAD_BYTES = 65536
GZIP_MAGIC = b"\x1f\x8b"
# Inflated size of one gzip member of a compressed input other than WARC (JSON Lines stream line by line,
# each line bounded; other kinds are read no further than MAX_TEXT_BYTES).
MAX_GUNZIP_MEMBER_BYTES = 50_000_000_000

__all__ = ["read_inputs", "read_stream", "read_bytes", "iter_paths", "MAX_TEXT_BYTES"]

Item = RawArticle | InputError


def iter_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Files as given, folders searched recursively (sorted, hidden entries skipped), ``-`` as is."""
    for name in inputs:
        path = Path(name)
        if name != "-" and path.is_dir():
            yield from _folder_files(path)
        else:
            yield name


def _folder_files(path: Path) -> list[str]:
    """Files under a folder, hidden ones skipped, sorted by their path inside it (a/1, a/b/2, c)."""
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / f for f in files if not f.startswith("."))
    return [str(p) for p in sorted(found, key=lambda p: p.relative_to(path).parts)]


def read_inputs(inputs: Iterable[str], plain: bool = False) -> Iterator[Item]:
    """Every article (or error) from the named inputs, in input order."""
    for name in inputs:
        if name != "-" and Path(name).is_dir():
            files = _folder_files(Path(name))
            if not files:
                yield InputError(name, "folder holds no files")
        else:
            files = [name]
        for file in files:
            yield from _read_guarded(file, plain)


def _read_guarded(name: str, plain: bool) -> Iterator[Item]:
    """Read one input; whatever goes wrong ends that input with an error record, never the run."""
    try:
        yield from _read_one(name, plain)
    except (OSError, MemoryError, RecursionError) as exc:
        yield InputError(name, f"could not be read: {type(exc).__name__}: {_one_line(exc)}")
    except AnalysisTimeout as exc:  # a stream whose reading stalled outside any one document
        yield InputError(name, f"reading stopped: {exc}")
    except Exception as exc:  # a reader bug must not stop the other inputs
        yield InputError(name, f"reader failed (a newsgraph bug): {type(exc).__name__}: {_one_line(exc)}")


def _read_one(name: str, plain: bool) -> Iterator[Item]:
    if name == "-":
        yield from read_stream("-", sys.stdin.buffer, plain)
        return
    path = Path(name)
    if not path.exists():
        yield InputError(name, "no such file or folder")
        return
    if not path.is_file():
        yield InputError(name, "not a regular file")
        return
    with path.open("rb") as stream:
        yield from read_stream(name, stream, plain)


def read_stream(
    label: str, stream: Readable, plain: bool, name: str | None = None, inflated: bool = False
) -> Iterator[Item]:
    """Detect the kind of one input from its first bytes and name, then read it (WARC and JSONL streamed).
    Gzip-compressed inputs other than WARC (``news.jsonl.gz``, ``page.html.gz``) are inflated first."""
    head = stream.read(HEAD_BYTES)
    if len(head) < HEAD_BYTES and not head.strip():
        yield InputError(label, "empty input")
        return
    name = label if name is None else name
    kind = detect_kind(name, head)
    if kind != "warc" and head.startswith(GZIP_MAGIC) and not inflated:  # one level: gzip in gzip is not read
        yield from read_gzipped(label, Prefixed(head, stream), plain, name)
        return
    rest = Prefixed(head, stream)
    if kind == "warc":
        yield from read_warc(label, rest, plain)
    elif kind == "jsonl" and _utf8_compatible(head):
        yield from read_jsonl_stream(label, rest, plain)
    else:
        yield from read_bytes(label, rest.read(MAX_TEXT_BYTES + 1), plain, kind)


def read_gzipped(label: str, stream: Readable, plain: bool, name: str) -> Iterator[Item]:
    """A gzip-compressed input, inflated as it is read; damaged gzip ends it with an error record."""
    inner = name[:-3] if name.lower().endswith(".gz") else name
    inflated = BoundedGunzip(stream, MAX_GUNZIP_MEMBER_BYTES)
    try:
        yield from read_stream(label, _Filled(inflated), plain, name=inner, inflated=True)
    except (DamagedArchive, zlib.error, EOFError) as exc:
        yield InputError(label, f"damaged gzip data: {_one_line(exc)}")


class _Filled:
    """A stream whose ``read(n)`` returns n bytes unless it ends (BoundedGunzip may return fewer). When
    inflating fails, the bytes inflated before the failure are returned first and the error comes next."""

    def __init__(self, stream: Readable) -> None:
        self._stream = stream
        self._failure: BaseException | None = None

    def read(self, size: int = -1, /) -> bytes:
        if self._failure is not None:
            raise self._failure
        wanted = size if size is not None and size >= 0 else None
        parts: list[bytes] = []
        got = 0
        try:
            while wanted is None or got < wanted:
                part = self._stream.read(1 << 16 if wanted is None else wanted - got)
                if not part:
                    break
                parts.append(part)
                got += len(part)
        except Exception as exc:
            if not parts:
                raise
            self._failure = exc
        return b"".join(parts)


def read_bytes(label: str, data: bytes, plain: bool, kind: str | None = None) -> Iterator[Item]:
    """Read a whole input held in memory (a file, a stdin buffer, a Spark row)."""
    if not data.strip():
        yield InputError(label, "empty input")
        return
    if kind is None and data.startswith(GZIP_MAGIC) and detect_kind(label, data[:HEAD_BYTES]) != "warc":
        yield from read_stream(label, io.BytesIO(data), plain)
        return
    kind = kind or detect_kind(label, data[:HEAD_BYTES])
    if kind == "warc":
        yield from read_warc(label, io.BytesIO(data), plain)
        return
    if kind == "jsonl" and _utf8_compatible(data):
        yield from read_jsonl_stream(label, io.BytesIO(data), plain)
        return
    if len(data) > MAX_TEXT_BYTES:
        yield InputError(label, f"input larger than {MAX_TEXT_BYTES:,} bytes (refused)")
        return
    if kind == "feed":
        yield from read_document(label, lambda: read_feed(label, data, plain))
        return
    try:
        text = decode_bytes(data, html_charset(data) if kind == "html" else None)
    except NotText as exc:
        yield InputError(label, str(exc))
        return
    if kind == "jsonl":
        yield from read_jsonl_lines(label, text.split("\n"), plain)
    elif kind == "html":
        yield from read_document(label, lambda: read_html(label, text, plain))
    else:
        yield from read_document(label, lambda: read_text(label, text, plain))


def _utf8_compatible(head: bytes) -> bool:
    bom = bom_encoding(head)
    return bom is None or bom[0] == "utf-8"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]
