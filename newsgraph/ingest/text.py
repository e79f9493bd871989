"""Plain and scraped text: recover title, outlet, Published line and body; repair glued sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.ingest.identity import normalise_date
from newsgraph.model import RawArticle

PUBLISHED_LINE = re.compile(r"^(?:published|posted|updated|date)\b[:\s]*(.*)$", re.IGNORECASE)
BYLINE = re.compile(r"^by\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})$")
# A sentence end glued to the next sentence: "fields.The", 'crisis."Everything', "affairs.For".
GLUED = re.compile(r"(?<=[a-z\d]{2})([.!?])([\"“”]?)(?=[A-Z])")
SENTENCE_END = re.compile(r"[.!?][\"”’')]?$")


@lru_cache(maxsize=1)
def link_texts() -> frozenset[str]:
    """Link and button texts that scrapers keep (data/ingest/link_texts.txt)."""
    raw = resources.files("newsgraph.data").joinpath("ingest/link_texts.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in raw.splitlines() if line.strip() and line[0] != "#")


def repair_glued_sentences(text: str) -> str:
    """Insert the missing space where a scraper glued two sentences together."""
    out: list[str] = []
    last = 0
    for m in GLUED.finditer(text):
        punct, quote = m.group(1), m.group(2)
        out.append(text[last : m.start()])
        if not quote:
            out.append(punct + " ")
        elif quote == "“" or (quote == '"' and _straight_quote_opens(text, m.start())):
            out.append(punct + " " + quote)
        else:
            out.append(punct + quote + " ")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _straight_quote_opens(text: str, pos: int) -> bool:
    """A straight quote opens a quotation when an even number of them precede it in its paragraph."""
    paragraph_start = text.rfind("\n", 0, pos) + 1
    return text.count('"', paragraph_start, pos) % 2 == 0


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks: runs of lines separated by blank lines, each stripped."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [b.strip() for b in blocks if b.strip()]


def is_body_block(block: str) -> bool:
    """A block that reads as article prose rather than a heading, outlet name or metadata."""
    words = block.split()
    return len(words) >= 15 or (len(words) >= 5 and bool(SENTENCE_END.search(block)))


@dataclass
class PageParts:
    title: str | None = None
    source: str | None = None
    published: str | None = None
    author: str | None = None
    body: str = ""


def split_scraped_page(text: str) -> PageParts:
    """Separate the header lines of a scraped page (title, outlet, Published, byline) from its body."""
    blocks = [b for b in split_blocks(text) if b.lower() not in link_texts()]
    parts = PageParts()
    start = 0
    if len(blocks) > 1 and not is_body_block(blocks[0]) and "\n" not in blocks[0]:
        parts.title = blocks[0]
        start = 1
    while start < len(blocks) and not is_body_block(blocks[start]):
        _read_header_block(blocks[start], parts)
        start += 1
    parts.body = "\n\n".join(blocks[start:])
    return parts


def _read_header_block(block: str, parts: PageParts) -> None:
    if parts.title and block == parts.title:
        return
    published = PUBLISHED_LINE.match(block)
    if published:
        parts.published = parts.published or normalise_date(published.group(1))
        return
    byline = BYLINE.match(block)
    if byline:
        parts.author = parts.author or byline.group(1)
        return
    if parts.source is None and len(block) <= 60 and "\n" not in block:
        parts.source = block


def read_text(label: str, text: str, plain: bool) -> Iterator[RawArticle]:
    """One article from a text input; with ``plain`` the text is taken exactly as given."""
    if plain:
        yield RawArticle(input=label, text=text)
        return
    parts = split_scraped_page(text)
    yield RawArticle(
        input=label,
        text=repair_glued_sentences(parts.body),
        title=parts.title,
        source=parts.source,
        published=parts.published,
        author=parts.author,
    )
