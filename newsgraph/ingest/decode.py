"""Turn the bytes of an input into text, or say clearly why they are not text."""

from __future__ import annotations

import charset_normalizer

CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


class NotText(ValueError):
    """The bytes are binary, empty or in no encoding we can recognise."""


def looks_binary(data: bytes) -> bool:
    """A NUL byte, or many control bytes, in the first 8 KiB means the input is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and chr(b) not in CONTROL_OK)
    return controls > max(8, len(head) // 50)


def decode_bytes(data: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM) first, else the encoding charset-normalizer finds."""
    if not data.strip():
        raise NotText("empty input")
    if looks_binary(data):
        raise NotText("binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    if best is None:
        raise NotText("undecodable bytes: no text encoding fits")
    return data.decode(best.encoding, errors="replace")


def strip_control_chars(text: str) -> str:
    """Drop control characters other than line breaks and tabs (they break JSON readers downstream)."""
    return "".join(ch for ch in text if ch >= " " or ch in CONTROL_OK)
