"""Plain and scraped text: recover title, outlet, Published line, byline and body; repair glued sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.ingest.decode import clean_field, clean_plain, clean_scraped
from newsgraph.ingest.identity import normalise_date
from newsgraph.model import RawArticle

PUBLISHED_LINE = re.compile(
    r"^(?:first\s+|last\s+)?(?:published|posted|updated|date[d]?)\b(?:\s+(?:on|at))?\s*:?\s*(.*)$", re.IGNORECASE
)
BYLINE = re.compile(r"^(?:by|author:?|written\s+by)\s+(.+)$", re.IGNORECASE)
AUTHOR_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|al|bin|and|&))*$")
# A sentence end glued to the next sentence: "fields.The", 'crisis."Everything', "affairs.For", "NATO.The".
# The punctuation comes first in the pattern so that the regex engine can skip ahead to it (5x faster).
GLUED = re.compile(r"([.!?])(?<=\w\w[.!?]|\w\)[.!?])([\"“”’]?)(?=[A-Z])")
SENTENCE_END = re.compile(r"[.!?][\"”’')]?$")
MAX_HEADER_LINE = 200
MAX_HEADER_LINES = 12
MAX_TRAILER_LINE = 120  # footer lines are short; a paragraph that mentions copyright is not one
PUNCTUATION_AROUND_LINKS = " \t.:;,!?…»«›‹→←>|[](){}-–—*#"


@lru_cache(maxsize=1)
def link_texts() -> frozenset[str]:
    """Link and button texts that scrapers keep (data/ingest/link_texts.txt)."""
    raw = resources.files("newsgraph.data").joinpath("ingest/link_texts.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in raw.splitlines() if line.strip() and line[0] != "#")


@lru_cache(maxsize=1)
def trailer_patterns() -> tuple[re.Pattern[str], ...]:
    """Patterns for page-footer lines at the end of scraped text (data/ingest/trailer_patterns.txt)."""
    raw = resources.files("newsgraph.data").joinpath("ingest/trailer_patterns.txt").read_text("utf-8")
    lines = [line.rstrip("\n") for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(re.compile(line, re.IGNORECASE) for line in lines)


def is_link_text(line: str) -> bool:
    """A whole line that is only a link or button text ("Full Article", "Read more »")."""
    core = line.strip(PUNCTUATION_AROUND_LINKS).lower()
    return len(core) <= 40 and core in link_texts()


def repair_glued_sentences(text: str) -> str:
    """Insert the missing space where a scraper glued two sentences together ("fields.The" → "fields. The")."""
    out: list[str] = []
    last = 0
    quotes = 0  # straight double quotes seen so far in the current paragraph
    for m in GLUED.finditer(text):
        segment = text[last : m.start()]
        newline = segment.rfind("\n")
        quotes = segment.count('"', newline + 1) if newline >= 0 else quotes + segment.count('"')
        out.append(segment)
        last = m.start()
        if not _is_glued(text, m):
            continue
        punct, quote = m.group(1), m.group(2)
        if not quote:
            out.append(punct + " ")
        elif quote == "“" or (quote == '"' and quotes % 2 == 0):
            out.append(punct + " " + quote)
        else:
            out.append(punct + quote + " ")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _is_glued(text: str, m: re.Match[str]) -> bool:
    """Rule out web addresses and acronym-like tokens ("www.BBC.com", "ASP.NET") that only look glued."""
    token_start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    token = text[token_start : m.start()]
    if "://" in token or token.lower().startswith("www") or "@" in token:
        return False
    before = text[m.start() - 2 : m.start()]
    if before.islower() or any(ch.isdigit() for ch in before):
        return True
    # After an acronym ("NATO."), only a capitalised word ("The") or "I"/"A" counts as a new sentence.
    after = text[m.end() : m.end() + 2]
    return len(after) == 2 and (after[1].islower() or (after[0] in "AI" and after[1] in " ,'’"))


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks: runs of lines separated by blank lines, each stripped."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
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
    """Separate the header lines of a scraped page (title, outlet, Published, byline) from its body.

    Link texts on lines of their own are dropped anywhere, footer lines at the end; when nothing
    reads as prose, the whole cleaned text is the body and no metadata is taken.
    """
    blocks = _content_blocks(text)
    parts = PageParts()
    header_lines = 0
    for start, block in enumerate(blocks):
        if is_body_block(block) or header_lines >= MAX_HEADER_LINES:
            parts.body = "\n\n".join(blocks[start:])
            return parts
        lines = block.split("\n")
        header_lines += len(lines)
        taken = next((i for i, line in enumerate(lines) if not _read_header_line(line, parts)), len(lines))
        if taken < len(lines):  # the body starts inside this block
            parts.body = "\n\n".join(["\n".join(lines[taken:]), *blocks[start + 1 :]])
            return parts
    return PageParts(body="\n\n".join(blocks))


def _content_blocks(text: str) -> list[str]:
    """Blocks with link-text lines removed and page-footer lines cut from the end."""
    blocks = []
    for block in split_blocks(text):
        lines = [line.strip() for line in block.split("\n") if line.strip() and not is_link_text(line)]
        if lines:
            blocks.append(lines)
    while (
        blocks and len(blocks[-1][-1]) <= MAX_TRAILER_LINE and any(p.search(blocks[-1][-1]) for p in trailer_patterns())
    ):
        blocks[-1].pop()
        if not blocks[-1]:
            blocks.pop()
    return ["\n".join(lines) for lines in blocks]


def _read_header_line(line: str, parts: PageParts) -> bool:
    """Take one header line into ``parts``; False when the line is not header material (the body starts)."""
    if len(line) > MAX_HEADER_LINE:
        return False
    if parts.title and line.casefold() == parts.title.casefold():
        return True
    published = PUBLISHED_LINE.match(line)
    if published:
        value, author = (re.split(r"\s+by\s+", published.group(1), maxsplit=1) + [""])[:2]
        parts.published = parts.published or normalise_date(value)
        parts.author = parts.author or _author(author)
        return True
    byline = BYLINE.match(line)
    if byline and _read_byline(byline.group(1), parts):
        return True
    date = normalise_date(line) if len(line) <= 40 else None
    if date:
        parts.published = parts.published or date
        return True
    if parts.title is None:
        parts.title = clean_field(line)
        return True
    if parts.source is None and len(line) <= 60 and len(line.split()) <= 8:
        parts.source = clean_field(line)
        return True
    return False


def _read_byline(value: str, parts: PageParts) -> bool:
    """ "Jane Doe", "Jane Doe, 16 May 2023", "Jane Doe | Reuters": the author, and a date when there is one."""
    pieces = [p.strip() for p in re.split(r"\s*[,|•·]\s*|\s+-\s+|\s+on\s+", value, maxsplit=1)]
    author = _author(pieces[0])
    if author is None:
        return False
    parts.author = parts.author or author
    if len(pieces) > 1:
        parts.published = parts.published or normalise_date(pieces[1])
    return True


def _author(value: str) -> str | None:
    value = value.strip(" ,.|")
    if not value or len(value) > 80 or not AUTHOR_NAME.match(value):
        return None
    return clean_field(value)


def read_text(label: str, text: str, plain: bool) -> Iterator[RawArticle]:
    """One article from a text input; with ``plain`` the text is taken as given.

    ``plain`` keeps every character at its index (control characters other than tabs and line
    breaks become spaces, lone surrogates U+FFFD), so offsets refer to the input string itself.
    """
    if plain:
        yield RawArticle(input=label, text=clean_plain(text))
        return
    parts = split_scraped_page(clean_scraped(text))
    yield RawArticle(
        input=label,
        text=repair_glued_sentences(parts.body),
        title=parts.title,
        source=parts.source,
        published=parts.published,
        author=parts.author,
    )
