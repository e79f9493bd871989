"""Pairing quotation marks in raw text: straight, curly, single and guillemets, in one linear pass.

Only top-level quotations are returned; marks of another family inside an open quotation are nested
quotes and are left alone. An opening mark with no partner is dropped, never allowed to swallow the
rest of the article; a quotation that runs over several paragraphs (each reopening the mark, none
closing it) is kept as one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# family of each mark, and whether the mark can only open (1), only close (-1) or both (0)
MARKS: dict[str, tuple[str, int]] = {
    "\u201c": ("double", 1),  # “
    "\u201d": ("double", -1),  # ”
    "\u201e": ("double", 1),  # „
    '"': ("double", 0),
    "\u00ab": ("guillemet", 1),  # «
    "\u00bb": ("guillemet", -1),  # »
    "\u2018": ("single", 1),  # ‘
    "\u2019": ("single", -1),  # ’
    "'": ("single", 0),
}
OPEN_BEFORE = set(" \t\n\r\u00a0([{\u2014\u2013-/")
CLOSE_AFTER = set(" \t\n\r\u00a0.,;:!?)]}\u2014\u2013-/\u2026")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n|\n(?=[ \t\u00a0]*[\"\u201c\u201e\u00ab\u2018'])")
MAX_PARAGRAPH_CHARS = 6000


class QuotePair(NamedTuple):
    """One quotation: the opening mark at ``open`` and the closing mark at ``close`` (character indices)."""

    open: int
    close: int
    paragraphs: int


def mark_direction(text: str, i: int) -> int:
    """+1 if the mark at ``i`` looks like an opening mark, -1 like a closing one, 0 if the context cannot tell."""
    family, fixed = MARKS[text[i]]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if family == "single" and before.isalnum() and after.isalnum():
        return 2  # an apostrophe inside a word: not a quotation mark at all
    if fixed:
        return fixed
    opens, closes = before in OPEN_BEFORE, after in CLOSE_AFTER
    if opens and not closes:
        return 1
    if closes and not opens:
        return -1
    return 0


def can_open_single(text: str, i: int) -> bool:
    """A single mark opens a quotation only before a letter (not "'90s", not a lone apostrophe)."""
    return i + 1 < len(text) and text[i + 1].isalpha()


def pair_quote_marks(text: str) -> list[QuotePair]:
    """Top-level quotation-mark pairs of ``text``, in order, in time linear in its length."""
    pairs: list[QuotePair] = []
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
    state: tuple[str, int, int, int] | None = None  # family, open index, paragraph start, paragraphs
    b = 0
    for i, ch in enumerate(text):
        if ch not in MARKS:
            continue
        while b < len(breaks) and breaks[b] < i:
            if state is not None:
                state = continued_over_break(text, breaks[b], state)
            b += 1
        direction = mark_direction(text, i)
        family = MARKS[ch][0]
        if direction == 2:
            continue
        if state is None:
            if direction >= 0 and (family != "single" or can_open_single(text, i)):
                state = (family, i, i, 1)
            continue
        if family != state[0]:
            continue
        if i - state[2] > MAX_PARAGRAPH_CHARS:
            state = (family, i, i, 1) if direction > 0 else None
        elif direction <= 0:
            if i > state[1] + 1:
                pairs.append(QuotePair(state[1], i, state[3]))
            state = None
        elif i > state[2]:
            state = (family, i, i, 1)  # the earlier opening mark had no partner
    return pairs


def continued_over_break(text: str, at: int, state: tuple[str, int, int, int]) -> tuple[str, int, int, int] | None:
    """An open quotation survives a paragraph break only if the next paragraph reopens the same mark."""
    family, start, _, paragraphs = state
    j = at + 1
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] in MARKS and MARKS[text[j]][0] == family and MARKS[text[j]][1] >= 0:
        return (family, start, j, paragraphs + 1)
    return None
