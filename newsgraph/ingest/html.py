"""HTML pages: body, title, date, outlet and author through trafilatura."""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura

from newsgraph.ingest.identity import normalise_date
from newsgraph.ingest.text import repair_glued_sentences
from newsgraph.model import InputError, RawArticle

MAX_HTML_CHARS = 5_000_000


def read_html(label: str, html: str, plain: bool, url: str | None = None) -> Iterator[RawArticle | InputError]:
    """One article from an HTML page, or an error when the page holds no article text."""
    if len(html) > MAX_HTML_CHARS:
        yield InputError(label, f"HTML page larger than {MAX_HTML_CHARS:,} characters")
        return
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except (ValueError, RecursionError, TypeError) as exc:
        yield InputError(label, f"HTML could not be parsed: {type(exc).__name__}")
        return
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        yield InputError(label, "no article text found in the HTML page")
        return
    yield RawArticle(
        input=label,
        text=body if plain else repair_glued_sentences(body),
        url=url or doc.url,
        title=doc.title,
        source=doc.sitename,
        published=normalise_date(doc.date),
        author=doc.author,
    )
