"""HTML pages: body, title, date, outlet and author through trafilatura."""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura
from lxml import etree

from newsgraph.ingest.decode import clean_field, clean_plain, clean_scraped
from newsgraph.ingest.identity import normalise_date
from newsgraph.ingest.text import is_body_block, repair_glued_sentences
from newsgraph.model import InputError, RawArticle

MAX_HTML_CHARS = 5_000_000
NO_ARTICLE = "no article text found in the HTML page"
# Dates only from the page's own metadata and markup: no guessing from copyright lines or the clock.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(label: str, html: str, plain: bool, url: str | None = None) -> Iterator[RawArticle | InputError]:
    """One article from an HTML page, or an error when the page holds no article text."""
    if len(html) > MAX_HTML_CHARS:
        yield InputError(label, f"HTML page larger than {MAX_HTML_CHARS:,} characters (refused)")
        return
    try:
        doc = _extract(html, url, precise=True)
        if doc is None or not _has_prose(doc.text):
            doc = _extract(html, url, precise=False)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError, etree.LxmlError) as exc:
        # trafilatura and lxml on hostile markup: the page is reported, the run goes on
        yield InputError(label, f"HTML could not be parsed: {type(exc).__name__}")
        return
    if doc is None or not _has_prose(doc.text):
        yield InputError(label, NO_ARTICLE)
        return
    title = clean_field(doc.title)
    yield RawArticle(
        input=label,
        text=clean_plain(doc.text) if plain else _body(doc.text, title),
        url=clean_field(url or doc.url),
        title=title,
        source=clean_field(doc.sitename),
        published=normalise_date(doc.date),
        author=clean_field(doc.author),
    )


def _extract(html: str, url: str | None, precise: bool):  # -> trafilatura Document | None
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=precise,
        date_extraction_params=DATE_PARAMS,
    )


def _has_prose(text: str | None) -> bool:
    """At least one paragraph reads as article prose (navigation-only pages give a few bare words)."""
    return bool(text) and any(is_body_block(line) for line in text.split("\n"))


def _body(text: str, title: str | None) -> str:
    """Paragraphs apart by blank lines, the headline repeated as the first line dropped, glue repaired."""
    lines = [line.strip() for line in clean_scraped(text).split("\n") if line.strip()]
    if title and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return repair_glued_sentences("\n\n".join(lines))
