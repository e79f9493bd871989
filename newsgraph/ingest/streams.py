"""The small stream interface the readers share."""

from __future__ import annotations

from typing import Protocol


class Readable(Protocol):
    """Anything with ``read(size)`` returning bytes (a file, stdin's buffer, a BytesIO, an inflater)."""

    def read(self, size: int = -1, /) -> bytes: ...


class Prefixed:
    """A stream with bytes already read (to detect its kind) put back in front of it."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._stream.read(size)
        if size is None or size < 0:
            data, self._head = self._head + self._stream.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        if len(data) < size:
            data += self._stream.read(size - len(data))
        return data
