"""Plain-text views of records, for people at a terminal."""

from __future__ import annotations

from typing import Any

from newsgraph.model import Article, InputError

MAX_ROWS = 25


def render_table(record: Article | InputError) -> str:
    """A short, aligned summary of one record: metadata, then each section a line an item."""
    if isinstance(record, InputError):
        return f"ERROR  {record.input}: {record.error}\n"
    basis = f" ({record.published_basis})" if record.published_basis else ""
    lines = [
        f"{record.title or '(untitled)'}",
        f"  id         {record.id}",
        f"  input      {record.input}",
        f"  source     {record.source or '-'}",
        f"  published  {record.published or '-'}{basis}",
        f"  text       {len(record.text):,} characters, {len(record.sentences)} sentences",
    ]
    places = {p["id"]: p for p in record.places}
    sections = [
        ("entities", record.entities, lambda e: f"{e['label']:<11} {e['text']}  {e.get('actor') or ''}"),
        ("actors", record.actors, lambda a: f"{a['code']:<11} {a['name']}  ({len(a['mentions'])} mentions)"),
        ("quotes", record.quotes, _quote_line),
        ("times", record.times, lambda t: f"{t['type']:<11} {t['text']!r} = {t['value']}"),
        ("places", record.places, _place_line),
        ("events", record.events, lambda e: _event_line(e, places)),
    ]
    for name, items, line in sections:
        lines.append(f"  {name} ({len(items)})")
        lines.extend(f"    {line(item)}" for item in items[:MAX_ROWS])
        if len(items) > MAX_ROWS:
            lines.append(f"    … {len(items) - MAX_ROWS} more")
    return "\n".join(lines) + "\n"


def _quote_line(quote: dict[str, Any]) -> str:
    speaker = quote.get("speaker") or {}
    who = speaker.get("name") or speaker.get("text") or "?"
    text = quote["text"] if len(quote["text"]) <= 70 else quote["text"][:67] + "…"
    return f"{quote['kind']:<11} {who} ({speaker.get('actor') or '-'}): {text}"


def _place_line(place: dict[str, Any]) -> str:
    where = f"{place.get('lat'):.2f}, {place.get('lon'):.2f}" if place.get("lat") is not None else "-"
    return f"{place.get('feature') or '-':<11} {place['text']} → {place.get('country') or '?'} ({where})"


def _event_line(event: dict[str, Any], places: dict[str, dict[str, Any]]) -> str:
    def side(part: dict[str, Any] | None) -> str:
        return (part.get("actor") or part.get("text")) if part else "-"

    flags = [event.get("modality", "asserted")] + (["negated"] if event.get("negated") else [])
    place = places.get(event.get("place") or "", {}).get("name") or "-"
    return (
        f"{event['code']:<5} {event['label'][:28]:<28} {side(event.get('source'))} → {side(event.get('target'))}"
        f"  {event.get('date') or '-'}  {place}  [{', '.join(flags)}]  «{event['trigger']['text']}»"
    )
