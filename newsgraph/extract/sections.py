"""Where extractor components leave their results on a spaCy ``Doc``, and how later ones find them.

Each component writes its contract section (a list of dicts shaped as in CONTRACT.md) with
``set_section``; the engine reads every section back with ``get_section``. Actor mentions are also
kept as an index so that quotations and events can ask which actor a stretch of text names.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

SECTION_KEY = "newsgraph.sections"
MENTION_KEY = "newsgraph.actor_mentions"
REFERENCE_DATE_KEY = "newsgraph.reference_date"


def reference_date(doc: Doc) -> str | None:
    """The ISO publication (reference) date the engine attached to the Doc, if any."""
    return doc.user_data.get(REFERENCE_DATE_KEY)


def set_section(doc: Doc, name: str, records: list[dict[str, Any]]) -> None:
    doc.user_data.setdefault(SECTION_KEY, {})[name] = records


def get_section(doc: Doc, name: str) -> list[dict[str, Any]]:
    return doc.user_data.get(SECTION_KEY, {}).get(name, [])


def set_actor_mentions(doc: Doc, mentions: list[dict[str, Any]]) -> None:
    """Mentions as dicts with at least start, end (characters), actor (code), actor_id and name."""
    doc.user_data[MENTION_KEY] = sorted(mentions, key=lambda m: (m["start"], -m["end"]))


def actor_mentions(doc: Doc) -> list[dict[str, Any]]:
    return doc.user_data.get(MENTION_KEY, [])


def mention_at(doc: Doc, start: int, end: int) -> dict[str, Any] | None:
    """The actor mention that best covers characters [start, end): the tightest one containing them,
    else the longest one overlapping them."""
    containing = [m for m in actor_mentions(doc) if m["start"] <= start and end <= m["end"]]
    if containing:
        return min(containing, key=lambda m: m["end"] - m["start"])
    overlapping = [m for m in actor_mentions(doc) if m["start"] < end and start < m["end"]]
    return max(overlapping, key=lambda m: m["end"] - m["start"]) if overlapping else None
