"""RSS and Atom feeds: one article per entry, from its content or else its summary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.sax import SAXException

import feedparser

from newsgraph.ingest.decode import clean_field, clean_plain, clean_scraped
from newsgraph.ingest.identity import normalise_date
from newsgraph.ingest.text import repair_glued_sentences
from newsgraph.model import InputError, RawArticle

MAX_FEED_BYTES = 20_000_000
# Entity declarations (billion laughs, external entities) are refused before any parser sees them.
ENTITY_MARKS = tuple(
    mark.encode(enc) for mark in ("<!ENTITY", "<!entity") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
BLOCK_TAGS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre")


def read_feed(label: str, data: bytes, plain: bool) -> Iterator[RawArticle | InputError]:
    """Articles from a feed, labelled ``label#N``; a feed whose XML is broken is one error, nothing guessed."""
    if len(data) > MAX_FEED_BYTES:
        yield InputError(label, f"feed larger than {MAX_FEED_BYTES:,} bytes (refused)")
        return
    if any(mark in data for mark in ENTITY_MARKS):
        yield InputError(label, "feed declares XML entities (refused: entity expansion risk)")
        return
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except (ValueError, LookupError, TypeError, RecursionError) as exc:  # e.g. a NUL in the declared encoding
        yield InputError(label, f"feed could not be parsed: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
        return
    broken = _broken_xml(parsed)
    if broken:
        yield InputError(label, f"broken feed XML: {broken}")
        return
    if not parsed.entries:
        yield InputError(label, "feed holds no entries")
        return
    outlet = clean_field(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_article(f"{label}#{number}", entry, outlet, plain)


def _broken_xml(parsed: feedparser.FeedParserDict) -> str | None:
    """Why the feed's XML is not well formed, or None (encoding notes are not breakage)."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(exc, SAXException):
        return " ".join(str(exc).split()) or type(exc).__name__
    return None


def _entry_article(label: str, entry: dict, outlet: str | None, plain: bool) -> RawArticle | InputError:
    text = _entry_text(entry)
    if not text.strip():
        return InputError(label, "feed entry has neither content nor summary")
    return RawArticle(
        input=label,
        text=clean_plain(text) if plain else repair_glued_sentences(clean_scraped(text)),
        id=clean_field(entry.get("id")),
        url=clean_field(entry.get("link")),
        title=clean_field(entry.get("title")),
        source=outlet,
        published=_entry_date(entry),
        author=clean_field(entry.get("author")),
    )


def _entry_date(entry: dict) -> str | None:
    for key in ("published", "updated", "created"):
        # The date as written keeps the outlet's local day; the parsed form (UTC) is the fallback.
        date = normalise_date(entry.get(key)) or normalise_date(entry.get(f"{key}_parsed"))
        if date:
            return date
    return None


def _entry_text(entry: dict) -> str:
    """The entry's longest content block, else its summary, as plain text."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    texts = [html_to_text(value) for value in contents if value.strip()]
    best = max(texts, key=len, default="")
    return best or html_to_text(entry.get("summary") or "")


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: paragraphs kept apart by blank lines, spaces collapsed inside them."""
    if "<" not in html:
        return _paragraphs(html)
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.LxmlError, ValueError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.iter(*BLOCK_TAGS):
        block.tail = "\n\n" + (block.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    blocks = re.split(r"\n\s*\n", text)
    return "\n\n".join(" ".join(b.split()) for b in blocks if b.strip())
