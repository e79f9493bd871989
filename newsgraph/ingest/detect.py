"""Which reader an input needs, from its first bytes and its name (content wins where they disagree)."""

from __future__ import annotations

import json
import re
import zlib

from newsgraph.ingest.decode import bom_encoding

HTML_START = re.compile(r"^(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)
HTML_INSIDE = re.compile(r"<(?:html|body|article|!doctype\s+html)[\s>]", re.IGNORECASE)
FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
JSON_OBJECT_START = re.compile(r'^\{\s*(?:"|\}|$)')


def detect_kind(name: str, head: bytes) -> str:
    """The reader for an input: ``text``, ``html``, ``feed``, ``warc`` or ``jsonl``."""
    lower = name.lower()
    if head.startswith(b"WARC/") or gzip_holds_warc(head):
        return "warc"
    if lower.endswith((".warc", ".warc.gz")) and not head.lstrip().startswith((b"<", b"{")):
        return "warc"
    start = sniff_text(head).lstrip("\ufeff \t\r\n")
    if start.startswith("<"):
        if HTML_START.match(_skip_prolog(start)):
            return "html"
        return "feed" if FEED_ROOT.search(start[:4096]) else "html"
    if _starts_json_lines(start) or (lower.endswith((".jsonl", ".ndjson", ".jsonlines")) and start[:1] in "{["):
        return "jsonl"
    if lower.endswith((".html", ".htm", ".xhtml")) or HTML_INSIDE.search(start[:2048]):
        return "html"
    if lower.endswith((".rss", ".atom")):
        return "feed"
    return "text"


def sniff_text(head: bytes) -> str:
    """The first bytes as text, good enough to look at (UTF-16 and UTF-32 by their byte-order mark)."""
    bom = bom_encoding(head)
    if bom and bom[0] != "utf-8":
        encoding, skip = bom
        unit = 4 if "32" in encoding else 2
        body = head[skip:]
        return body[: len(body) - len(body) % unit].decode(encoding, errors="replace")
    return head[:8192].decode("utf-8", errors="replace")


def _skip_prolog(start: str) -> str:
    """The markup after an XML declaration and comments."""
    while start.startswith(("<?xml", "<!--")):
        end = start.find("?>" if start.startswith("<?") else "-->")
        if end < 0:
            return start
        start = start[end + (2 if start.startswith("<?") else 3) :].lstrip()
    return start


def _starts_json_lines(start: str) -> bool:
    """The first line is a JSON object (or opens one with a key), as in JSON Lines."""
    if not JSON_OBJECT_START.match(start):
        return False
    first = start.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return first.startswith('{"')


def gzip_holds_warc(head: bytes) -> bool:
    """A gzip stream whose first bytes decompress to a WARC header (only a few bytes are inflated)."""
    if not head.startswith(b"\x1f\x8b"):
        return False
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 16).startswith(b"WARC/")
    except zlib.error:
        return False
