"""RSS and Atom feeds: one article per entry, from its content or else its summary."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser

from newsgraph.ingest.identity import normalise_date
from newsgraph.ingest.text import repair_glued_sentences
from newsgraph.model import InputError, RawArticle

MAX_FEED_BYTES = 20_000_000


def read_feed(label: str, data: bytes, plain: bool) -> Iterator[RawArticle | InputError]:
    """Articles from a feed; a feed whose XML is broken is one error, its entries are not guessed."""
    if len(data) > MAX_FEED_BYTES:
        yield InputError(label, f"feed larger than {MAX_FEED_BYTES:,} bytes")
        return
    if b"<!ENTITY" in data[:65536]:
        yield InputError(label, "feed declares XML entities (refused: entity expansion risk)")
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        yield InputError(label, f"broken feed XML: {parsed.get('bozo_exception', 'unreadable')}")
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        yield from _entry_article(f"{label}#{number}", entry, outlet, plain)


def _entry_article(label: str, entry: dict, outlet: str | None, plain: bool) -> Iterator[RawArticle | InputError]:
    text = _entry_text(entry)
    if not text:
        yield InputError(label, "feed entry has neither content nor summary")
        return
    yield RawArticle(
        input=label,
        text=text if plain else repair_glued_sentences(text),
        id=entry.get("id") or None,
        url=entry.get("link"),
        title=entry.get("title"),
        source=outlet,
        published=normalise_date(entry.get("published") or entry.get("updated")),
        author=entry.get("author"),
    )


def _entry_text(entry: dict) -> str:
    """The entry's content (or summary) as plain text."""
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    return html_to_text(html)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, paragraphs kept apart."""
    if "<" not in html:
        return html.strip()
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (ValueError, Exception):  # lxml raises ParserError subclasses of Exception
        return ""
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n\n" + (block.tail or "")
    text = root.text_content()
    return "\n\n".join(p.strip() for p in text.split("\n\n") if p.strip())
