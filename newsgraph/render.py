"""Plain-text views of records, for people at a terminal."""

from __future__ import annotations

from newsgraph.model import Article, InputError


def render_table(record: Article | InputError) -> str:
    """A short, aligned summary of one record."""
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
    for section in ("entities", "actors", "quotes", "times", "places", "events"):
        items = getattr(record, section)
        lines.append(f"  {section:<10} {len(items)}")
    for ent in record.entities[:40]:
        lines.append(f"    {ent['label']:<12} {ent['text']}  [{ent['start']}:{ent['end']}]")
    return "\n".join(lines) + "\n"
