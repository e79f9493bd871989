"""Readers that turn files, folders and standard input into raw articles or error records."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.ingest.decode import NotText, decode_bytes, strip_control_chars
from newsgraph.ingest.detect import detect_kind
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.html import read_html
from newsgraph.ingest.jsonl import read_jsonl_lines
from newsgraph.ingest.text import read_text
from newsgraph.ingest.warc import read_warc
from newsgraph.model import InputError, RawArticle

MAX_TEXT_BYTES = 20_000_000
HEAD_BYTES = 65536

__all__ = ["read_inputs", "read_bytes", "iter_paths", "MAX_TEXT_BYTES"]


def iter_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Files as given, folders searched recursively (sorted, hidden entries skipped), ``-`` as is."""
    for name in inputs:
        path = Path(name)
        if name != "-" and path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(f for f in files if not f.startswith(".")):
                    yield str(Path(root) / file)
        else:
            yield name


def read_inputs(inputs: Iterable[str], plain: bool = False) -> Iterator[RawArticle | InputError]:
    """Every article (or error) from the named inputs, in input order."""
    for name in iter_paths(inputs):
        try:
            yield from _read_one(name, plain)
        except (OSError, RecursionError, MemoryError) as exc:
            yield InputError(name, f"could not be read: {type(exc).__name__}: {exc}")


def _read_one(name: str, plain: bool) -> Iterator[RawArticle | InputError]:
    if name == "-":
        yield from read_stream("-", sys.stdin.buffer, plain)
        return
    path = Path(name)
    if not path.exists():
        yield InputError(name, "no such file or folder")
        return
    with path.open("rb") as stream:
        yield from read_stream(name, stream, plain)


def read_stream(label: str, stream: BinaryIO, plain: bool) -> Iterator[RawArticle | InputError]:
    """Detect the kind of one input from its name and first bytes, then read it."""
    head = stream.read(HEAD_BYTES)
    kind = detect_kind(label, head)
    if kind == "warc":
        yield from read_warc(label, _Prefixed(head, stream), plain)
    elif kind == "jsonl":
        yield from read_jsonl_lines(label, _text_lines(label, head, stream), plain)
    else:
        rest = stream.read(MAX_TEXT_BYTES + 1 - len(head))
        yield from read_bytes(label, head + rest, plain, kind)


def read_bytes(label: str, data: bytes, plain: bool, kind: str | None = None) -> Iterator[RawArticle | InputError]:
    """Read a whole input held in memory (a file, a stdin buffer, a Spark row)."""
    kind = kind or detect_kind(label, data[:HEAD_BYTES])
    if len(data) > MAX_TEXT_BYTES and kind not in ("warc", "jsonl"):
        yield InputError(label, f"input larger than {MAX_TEXT_BYTES:,} bytes (refused)")
        return
    if kind == "feed":
        yield from read_feed(label, data, plain)
        return
    if kind == "warc":
        import io

        yield from read_warc(label, io.BytesIO(data), plain)
        return
    try:
        text = decode_bytes(data)
    except NotText as exc:
        yield InputError(label, str(exc))
        return
    if kind == "jsonl":
        yield from read_jsonl_lines(label, text.splitlines(), plain)
    elif kind == "html":
        yield from read_html(label, text, plain)
    else:
        yield from read_text(label, strip_control_chars(text), plain)


def _text_lines(label: str, head: bytes, stream: BinaryIO) -> Iterator[str]:
    """Decoded lines of a JSON Lines stream, read lazily so a large file is never held whole."""
    for raw in _Prefixed(head, stream):
        yield raw.decode("utf-8", errors="replace")


class _Prefixed:
    """A binary stream with bytes already read put back in front of it."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._stream.read(size)
        if size is None or size < 0:
            data, self._head = self._head + self._stream.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        if len(data) < size:
            data += self._stream.read(size - len(data))
        return data

    def readline(self, size: int = -1) -> bytes:
        if not self._head:
            return self._stream.readline()
        cut = self._head.find(b"\n")
        if cut >= 0:
            line, self._head = self._head[: cut + 1], self._head[cut + 1 :]
            return line
        line, self._head = self._head, b""
        return line + self._stream.readline()

    def __iter__(self) -> Iterator[bytes]:
        while True:
            line = self.readline()
            if not line:
                return
            yield line
