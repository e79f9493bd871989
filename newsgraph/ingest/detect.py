"""Which reader an input needs, from its name and its first bytes."""

from __future__ import annotations

import gzip
import re

KINDS = ("text", "html", "feed", "warc", "jsonl")
HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)
FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def detect_kind(name: str, head: bytes) -> str:
    """The reader for an input, trusting content over the name where they disagree."""
    lower = name.lower()
    if head.startswith(b"WARC/") or _gzip_holds_warc(head) or lower.endswith((".warc", ".warc.gz")):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        if FEED_ROOT.search(stripped[:4096]) and not HTML_START.match(stripped):
            return "feed"
        return "html"
    if stripped.startswith(b"{") or lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith((".html", ".htm")):
        return "html"
    if lower.endswith((".rss", ".atom", ".xml")):
        return "feed"
    return "text"


def _gzip_holds_warc(head: bytes) -> bool:
    if not head.startswith(b"\x1f\x8b"):
        return False
    try:
        return gzip.decompress(head[:65536]).startswith(b"WARC/")
    except (OSError, EOFError):
        # A gzip member cut at our read window still starts with what we need to see.
        import zlib

        try:
            return zlib.decompressobj(wbits=31).decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
